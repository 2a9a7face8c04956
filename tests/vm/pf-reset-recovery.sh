#!/bin/bash
# proves: VFs recover by themselves from a PF reset (ip link set <pf> down/up, ethtool --reset where the PF supports it) and from a PF driver re-bind: carrier returns and VF<->VF and VF<->PF traffic resumes
# requires: vf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
check "before: VF 0 -> VF 1 ping" ping_retry nsa 10.0.0.11

# traffic_ok WHEN: carrier on both VFs, then VF<->VF and VF->PF traffic.
traffic_ok() {
	check "$1: VF 0 has carrier again" wait_until 60 carrier_on "$a" nsa
	check "$1: VF 1 has carrier again" wait_until 60 carrier_on "$b" nsb
	check "$1: VF 0 -> VF 1 ping" ping_retry nsa 10.0.0.11
	check "$1: VF 1 -> PF ping" ping_retry nsb 10.0.0.1
	check "$1: PF -> VF 0 ping" ping_retry "" 10.0.0.10
	if bps=$(tcp_ok nsa nsb 10.0.0.11 2); then
		ok "$1: TCP VF 0 -> VF 1 ($((bps / 1000000)) Mbit/s)"
	else
		not_ok "$1: TCP VF 0 -> VF 1" "$bps"
	fi
}

# 1. PF down for a few seconds, then up again (a PF reset each way).
check "PF down" ip link set "$pf" down
sleep 4
check "PF up" ip link set "$pf" up
traffic_ok "after PF down/up"

# 2. Twice in quick succession: no reset storm, still recovers.
for i in 1 2; do
	ip link set "$pf" down && sleep 0.5 && ip link set "$pf" up
done
traffic_ok "after two quick PF down/up"

# 3. ethtool --reset, where the PF driver implements it.
if out=$(ethtool --reset "$pf" all 2>&1); then
	ok "ethtool --reset $pf all"
	traffic_ok "after ethtool --reset"
else
	ok "ethtool --reset $pf all # SKIP the $PF_DRV PF does not implement it ($(echo "$out" | tail -n 1))"
fi

if [ "$VF_DRV" = sriovnic ]; then
	r=$(in_ns nsa ethtool -S "$a" | awk '$1 == "resets:" { print $2 }')
	diag "VF 0 completed $r reset handshakes"
	if [ "${r:-0}" -ge 2 ] && [ "${r:-0}" -le 20 ]; then
		ok "VF 0 reset handshakes bounded ($r)"
	else
		not_ok "VF 0 reset handshakes bounded" "resets: $r"
	fi
fi

# 4. PF driver re-bind: the VFs go away with SR-IOV and come back new.
pci=$(pf_pci 0)
drv=$(basename "$(readlink "/sys/bus/pci/devices/$pci/driver")")
ip netns del nsa
ip netns del nsb
check "unbind the PF driver" sh -c "echo $pci > /sys/bus/pci/drivers/$drv/unbind"
check "re-bind the PF driver" sh -c "echo $pci > /sys/bus/pci/drivers/$drv/bind"
wait_until 20 pf_dev 0 || bail "no PF netdev after re-bind"
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up after re-bind"
check "VFs enabled again" enable_vfs 2
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || not_ok "VF 0 has carrier after re-bind"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || not_ok "VF 1 has carrier after re-bind"
traffic_ok "after PF driver re-bind"
done_testing
