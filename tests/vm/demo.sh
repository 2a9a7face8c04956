#!/bin/bash
# proves: the main job end to end: PF driver loaded, 3 VFs created through sysfs, configured with ip link (MAC, VLAN, trust, spoofchk), and used as NICs from network namespaces
. "$SNIC_DIR/tests/vm/lib.sh"

# say CMD...: show a command and its output, as an administrator would see it.
say() {
	diag "\$ $*"
	"$@" 2>&1 | sed 's/^/    /' | while IFS= read -r l; do diag "$l"; done
	return "${PIPESTATUS[0]}"
}

diag "Driver pair: PF=$PF_DRV VF=$VF_DRV"
load_drivers
pf=$(pf_dev 0)
pci=$(pf_pci 0)
check "PF $pf is up with carrier" pf_up 0 10.0.0.1/24
say ethtool -i "$pf"

check "create 3 VFs" say sh -c "echo 3 > /sys/class/net/$pf/device/sriov_numvfs"
check "3 VF netdevs appear" enable_vfs 3
say lspci -nn -s "${pci%.*}" -D 2>/dev/null || true

check "give VF 0 an administrative MAC" say ip link set "$pf" vf 0 mac 02:5a:00:00:00:a0
check "give VF 1 an administrative MAC" say ip link set "$pf" vf 1 mac 02:5a:00:00:00:a1
check "put VF 2 on port VLAN 42 with priority 5" say ip link set "$pf" vf 2 vlan 42 qos 5
check "trust VF 0" say ip link set "$pf" vf 0 trust on
check "keep spoof checking on VF 1" say ip link set "$pf" vf 1 spoofchk on
# The VFs take their new MACs at their next reset: re-bind their driver.
check "VF 0 re-binds and takes its MAC" vf_rebind 0
check "VF 1 re-binds and takes its MAC" vf_rebind 1
say ip link show "$pf"

a=$(vf_to_ns 0 red 10.0.0.10/24) && ok "VF 0 ($a) is a NIC in namespace red" ||
	not_ok "VF 0 is a NIC in namespace red"
b=$(vf_to_ns 1 blue 10.0.0.11/24) && ok "VF 1 ($b) is a NIC in namespace blue" ||
	not_ok "VF 1 is a NIC in namespace blue"
say ip netns exec red ip -br addr show
say ip netns exec blue ip -br link show

check "red -> blue ping" say ping_retry red 10.0.0.11
check "blue -> PF ping" say ping_retry blue 10.0.0.1
if bps=$(tcp_ok red blue 10.0.0.11 3); then
	ok "TCP red -> blue: $((bps / 1000000)) Mbit/s"
else
	not_ok "TCP red -> blue" "$bps"
fi
say ip -s link show "$pf"
check "remove the VFs" set_numvfs 0
done_testing
