#!/bin/bash
# proves: a VF changes its own MAC (ip link set dev VF address) through SET_MAC and traffic follows the new address; once the PF sets an administrative MAC the VF takes it on re-bind and a change by the VF is refused with a clear error, keeping the old address
# requires: vf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
check "before: VF 1 -> VF 0 ping" ping_retry nsb 10.0.0.10

new=02:5a:00:00:00:42
check "VF 0 sets its own MAC $new" in_ns nsa ip link set dev "$a" address $new
check_eq "VF 0 reports $new" $new "$(in_ns nsa cat "/sys/class/net/$a/address")"
in_ns nsb ip neigh flush dev "$b"
ip neigh flush dev "$pf"
check "VF 1 -> VF 0 ping at the new MAC" ping_retry nsb 10.0.0.10
check_eq "VF 1 resolved VF 0 to $new" $new \
	"$(in_ns nsb ip -j neigh show 10.0.0.10 dev "$b" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["lladdr"])')"
check "PF -> VF 0 ping at the new MAC" ping_retry "" 10.0.0.10
check "the VF MAC can change again while up" in_ns nsa ip link set dev "$a" address 02:5a:00:00:00:43
in_ns nsb ip neigh flush dev "$b"
check "VF 1 -> VF 0 ping after the second change" ping_retry nsb 10.0.0.10

# Administrative MAC: the PF owns the address from now on.
admin=02:5a:00:00:00:99
ip netns del nsa
check "PF sets VF 0's MAC to $admin" ip link set "$pf" vf 0 mac $admin
check "VF 0 driver re-binds" vf_rebind 0
a=$(vf_dev 0)
check_eq "VF 0 took the administrative MAC" $admin "$(cat "/sys/class/net/$a/address")"
out=$(ip link set dev "$a" address 02:5a:00:00:00:77 2>&1)
rc=$?
if [ $rc -ne 0 ]; then
	ok "the PF refuses a VF MAC change over the administrative MAC ($out)"
else
	not_ok "the PF refuses a VF MAC change over the administrative MAC" "it succeeded"
fi
check_eq "VF 0 keeps $admin" $admin "$(cat "/sys/class/net/$a/address")"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || not_ok "VF 0 has carrier after re-bind"
in_ns nsb ip neigh flush dev "$b"
check "VF 1 -> VF 0 ping at the administrative MAC" ping_retry nsb 10.0.0.10
done_testing
