#!/bin/bash
# proves: an untrusted VF cannot take the PF's MAC or a neighbour VF's (ip link set dev VF address fails, its address stays, the neighbour's unicast is not copied to it); an administrator's duplicate is allowed and warned; a live administrative MAC change and trust off drop the VF's extra unicast filters, and trust off gives the VF the administrative MAC back
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
# uc_is VF N: the PF holds N extra unicast filters for VF (debugfs).
uc_is() {
	[ "$(pf_vf_debug "$1" uc)" = "$2" ]
}
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
check "before: PF -> VF 1 ping" ping_retry "" 10.0.0.11
pfmac=$(cat "/sys/class/net/$pf/address")
amac=$(in_ns nsa cat "/sys/class/net/$a/address")
bmac=$(in_ns nsb cat "/sys/class/net/$b/address")
diag "PF $pfmac, VF 0 (thief) $amac, VF 1 (victim) $bmac"

check_fails "untrusted VF 0 cannot take the PF's MAC" \
	in_ns nsa ip link set dev "$a" address "$pfmac"
check_fails "untrusted VF 0 cannot take VF 1's MAC" \
	in_ns nsa ip link set dev "$a" address "$bmac"
check_eq "VF 0 keeps its own MAC" "$amac" \
	"$(in_ns nsa cat "/sys/class/net/$a/address")"
in_ns nsa bridge fdb add "$bmac" dev "$a" self permanent
sleep 2
check_eq "the PF refuses VF 1's MAC as an extra filter of VF 0" 0 "$(pf_vf_debug 0 uc)"
in_ns nsa bridge fdb del "$bmac" dev "$a" self 2>/dev/null

# Unicast to VF 1, with no ARP broadcast in between: VF 0 gets none of it.
ip neigh replace 10.0.0.11 lladdr "$bmac" dev "$pf" nud permanent
before=$(in_ns nsa cat "/sys/class/net/$a/statistics/rx_packets")
read -r sent got <<<"$(ping_count "" 10.0.0.11 20 0.1)"
after=$(in_ns nsa cat "/sys/class/net/$a/statistics/rx_packets")
check_eq "PF -> VF 1: 20 of 20 answered" "20 20" "$sent $got"
if [ $((after - before)) -lt 5 ]; then
	ok "VF 0 did not receive VF 1's unicast ($((after - before)) frames)"
else
	not_ok "VF 0 did not receive VF 1's unicast" "it got $((after - before)) frames"
fi
ip neigh del 10.0.0.11 dev "$pf" 2>/dev/null

# A live administrative MAC change drops VF 1's extra filters.
extra=02:5a:00:00:0e:01
check "VF 1 adds an extra unicast filter" \
	in_ns nsb bridge fdb add $extra dev "$b" self permanent
check "the PF holds VF 1's extra filter" wait_until 10 uc_is 1 1
check "PF sets VF 1's MAC to 02:5a:00:00:0e:11" \
	ip link set "$pf" vf 1 mac 02:5a:00:00:0e:11
check_eq "VF 1's extra filter is gone" 0 "$(pf_vf_debug 1 uc)"
check "VF 1 takes the administrative MAC" wait_until 40 \
	sh -c "[ \"\$(ip netns exec nsb cat /sys/class/net/$b/address)\" = 02:5a:00:00:0e:11 ]"
check_eq "VF 1's extra filter stays refused after its reset" 0 "$(pf_vf_debug 1 uc)"

# Trust off: the administrative MAC again, the extra filters dropped.
admin=02:5a:00:00:0e:20
own=02:5a:00:00:0e:21
check "PF sets VF 0's MAC to $admin" ip link set "$pf" vf 0 mac $admin
check "VF 0 takes the administrative MAC" wait_until 40 \
	sh -c "[ \"\$(ip netns exec nsa cat /sys/class/net/$a/address)\" = $admin ]"
check_fails "untrusted VF 0 cannot change the administrative MAC" \
	in_ns nsa ip link set dev "$a" address $own
check "trust VF 0" ip link set "$pf" vf 0 trust on
check "trusted VF 0 sets its own MAC $own" in_ns nsa ip link set dev "$a" address $own
check "trusted VF 0 adds an extra unicast filter" \
	in_ns nsa bridge fdb add 02:5a:00:00:0e:22 dev "$a" self permanent
check "the PF holds VF 0's extra filter" wait_until 10 uc_is 0 1
check "trust off for VF 0" ip link set "$pf" vf 0 trust off
check_eq "VF 0's extra filter is gone" 0 "$(pf_vf_debug 0 uc)"
ip netns del nsa
check "VF 0 driver re-binds (the VF resets)" vf_rebind 0
a=$(vf_dev 0)
check "VF 0 has the administrative MAC back" wait_until 30 \
	sh -c "[ \"\$(cat /sys/class/net/$a/address)\" = $admin ]"
check_eq "the PF gives VF 0 the administrative MAC" $admin "$(pf_vf_debug 0 mac)"

# The administrator may duplicate an address; the PF warns.
mark=$(log_mark)
check "the administrator may give VF 1 VF 0's MAC" ip link set "$pf" vf 1 mac $admin
check "the PF warns about the duplicate" \
	sh -c "dmesg | awk -v m='$mark' 'seen; index(\$0, m) { seen = 1 }' | grep -q 'already in use'"
done_testing
