#!/bin/bash
# proves: each VF appears as a PCI function (8086:10ca) bound to the pair's VF driver with its own netdev and a unicast MAC, and disappears on disable
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 || bail "PF link does not come up"
n=4
check "enable $n VFs; each gets a netdev" enable_vfs $n
want=$(vf_driver_name)
for ((i = 0; i < n; i++)); do
	pci=$(vf_pci $i) || { not_ok "VF $i has a PCI function"; continue; }
	id="$(cat /sys/bus/pci/devices/$pci/vendor):$(cat /sys/bus/pci/devices/$pci/device)"
	check_eq "VF $i ($pci) is an 82576 VF" "0x8086:0x10ca" "$id"
	check_eq "VF $i is bound to $want" "$want" "$(vf_driver $i)"
	dev=$(vf_dev $i)
	check "VF $i has a netdev ($dev)" test -n "$dev"
	mac=$(cat /sys/class/net/$dev/address 2>/dev/null)
	python3 -c '
import sys
b = [int(x, 16) for x in sys.argv[1].split(":")]
sys.exit(0 if len(b) == 6 and not b[0] & 1 and any(b) else 1)' "$mac" &&
		ok "VF $i has a unicast MAC ($mac)" || not_ok "VF $i has a unicast MAC" "mac: $mac"
	check "VF $i can be brought up" ip link set "$dev" up
done
macs=$(for ((i = 0; i < n; i++)); do cat /sys/class/net/$(vf_dev $i)/address; done | sort -u | wc -l)
check_eq "the $n VF MACs are distinct" $n "$macs"
check "disable VFs" set_numvfs 0
left=$(ls -d /sys/class/net/*/device 2>/dev/null | while read -r d; do
	basename "$(readlink -f "$d")"; done | grep -c ':10\.' || true)
check_eq "no VF netdev is left" 0 "$left"
done_testing
