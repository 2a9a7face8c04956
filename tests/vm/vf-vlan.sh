#!/bin/bash
# proves: VLAN sub-interfaces on two VFs (SET_VLAN filters) pass tagged traffic, untagged traffic still passes, and a removed VLAN stops passing
# requires: vf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"

for v in 100 200; do
	check "VLAN $v on VF 0" sh -c "ip netns exec nsa ip link add link $a name $a.$v type vlan id $v &&
		ip netns exec nsa ip addr add 10.$((v / 100)).0.10/24 dev $a.$v &&
		ip netns exec nsa ip link set $a.$v up"
	check "VLAN $v on VF 1" sh -c "ip netns exec nsb ip link add link $b name $b.$v type vlan id $v &&
		ip netns exec nsb ip addr add 10.$((v / 100)).0.11/24 dev $b.$v &&
		ip netns exec nsb ip link set $b.$v up"
done
check "VLAN 100: VF 0 -> VF 1 ping" ping_retry nsa 10.1.0.11
check "VLAN 100: VF 1 -> VF 0 ping" ping_retry nsb 10.1.0.10
check "VLAN 200: VF 0 -> VF 1 ping" ping_retry nsa 10.2.0.11
if bps=$(tcp_ok nsa nsb 10.1.0.11 2); then
	ok "TCP over VLAN 100 ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP over VLAN 100" "$bps"
fi
check "untagged VF 0 -> VF 1 ping still passes" ping_retry nsa 10.0.0.11
check "remove VLAN 200 from VF 1" in_ns nsb ip link del "$b.200"
check_fails "VLAN 200 no longer reaches VF 1" \
	in_ns nsa ping -c 2 -i 0.2 -W 1 10.2.0.11
check "VLAN 100 still passes" ping_ok nsa 10.1.0.11
done_testing
