#!/bin/bash
# proves: a port VLAN (ip link set <pf> vf N vlan ID) puts an unaware VF on that VLAN: its untagged traffic reaches the PF's VLAN interface, untagged neighbours cannot reach it, its own VLANs are refused (our VF) or carry nothing (igbvf), and removing the port VLAN returns it to untagged traffic
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
ip link add link "$pf" name pfv100 type vlan id 100 || bail "cannot add the PF's VLAN 100"
ip addr add 10.0.100.1/24 dev pfv100 && ip link set pfv100 up || bail "cannot bring up pfv100"
ip link add link "$pf" name pfv5 type vlan id 5 || bail "cannot add the PF's VLAN 5"
ip addr add 10.0.5.1/24 dev pfv5 && ip link set pfv5 up || bail "cannot bring up pfv5"
enable_vfs 2 || bail "VFs did not appear"
check "port VLAN 100 qos 2 for VF 0" ip link set "$pf" vf 0 vlan 100 qos 2
a=$(vf_to_ns 0 nsa 10.0.100.10/24) || bail "VF 0 has no carrier in its namespace"
vf_to_ns 1 nsb 10.0.100.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"

check "VF 0 (untagged, port VLAN 100) -> PF's VLAN 100 interface" ping_retry nsa 10.0.100.1
check "PF's VLAN 100 interface -> VF 0" ping_retry "" 10.0.100.10
check_fails "VF 1 (untagged, no port VLAN) cannot reach VF 0" ping_ok nsb 10.0.100.10
check_fails "VF 0 cannot reach the untagged VF 1" ping_ok nsa 10.0.100.11
# The PF NACKs the VF's SET_VLAN. Our VF reports the refusal, so the VLAN
# device is not created. igbvf does not notice (it compares the reply
# without MSGINFO), so its VLAN device appears but carries nothing.
add_v5() {
	in_ns nsa ip link add link "$a" name v5 type vlan id 5 &&
		in_ns nsa ip addr add 10.0.5.10/24 dev v5 &&
		in_ns nsa ip link set v5 up
}
if [ "$VF_DRV" = sriovnic ]; then
	check_fails "VF 0: its own VLAN 5 is refused under the port VLAN" add_v5
	in_ns nsa ip link del v5 2>/dev/null
else
	add_v5 || not_ok "VF 0: cannot create its VLAN 5 device"
	check_fails "VF 0's own VLAN 5 carries nothing under the port VLAN" ping_ok nsa 10.0.5.1
fi
check "remove VF 0's port VLAN" ip link set "$pf" vf 0 vlan 0
# The VF is asked to reset (igbvf: within about 12 s) and is untagged again.
check "VF 0 (untagged again) reaches VF 1" wait_until 60 ping_ok nsa 10.0.100.11
if [ "$VF_DRV" = sriovnic ]; then
	check "VF 0 can add VLAN 5 once the port VLAN is gone" add_v5
fi
check "VF 0's own VLAN 5 works once the port VLAN is gone" wait_until 30 ping_ok nsa 10.0.5.1
done_testing
