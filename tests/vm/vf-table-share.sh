#!/bin/bash
# proves: five VFs filling their VLAN and MAC filters cannot leave the PF's own VLANs and extra unicast addresses or the administrator's port VLAN without a table entry (each has a reserved share, shown in debugfs), and a port VLAN change that finds no free entry fails with ENOSPC and leaves the old port VLAN in force, traffic still tagged
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 5 || bail "VFs did not appear"
# Five, as the VFs register VLAN 0 too (one entry for all): 5 x 7 + 1 > 32.
for v in 0 1 2 3 4; do
	vf_to_ns $v ns$v 10.0.0.$((10 + v))/24 >/dev/null ||
		bail "VF $v has no carrier in its namespace"
done
tables=$(dirname "$(pf_vfs_debugfs)")/tables
# table_field TABLE KEY: one KEY=VALUE of a line of the tables file.
table_field() {
	awk -v t="$1" -v key="$2" '$1 == t {
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] == key) { print kv[2]; found = 1 }
		}
	} END { exit !found }' "$tables"
}
check "debugfs shows the table shares" cat "$tables"
diag "$(cat "$tables" 2>&1)"

# Every VF asks for 8 VLANs and 4 extra unicast addresses.
for v in 0 1 2 3 4; do
	dev=$(in_ns ns$v ls /sys/class/net | grep -v '^lo$' | head -1)
	# One ip and one bridge a VF (-force: go on past a refusal): every
	# program start is slow on a TCG guest.
	for i in 0 1 2 3 4 5 6 7; do
		echo "link add link $dev name v$i type vlan id $((1000 + 8 * v + i))"
	done | in_ns ns$v ip -force -batch - 2>/dev/null
	for i in 1 2 3 4; do
		echo "fdb add 02:5a:00:00:1$v:0$i dev $dev self permanent"
	done | in_ns ns$v bridge -force -batch - 2>/dev/null
done
sleep 3
diag "$(cat "$(pf_vfs_debugfs)" 2>&1)"
diag "$(cat "$tables" 2>&1)"

check "the PF adds its VLAN 100 with the VFs' tables full" \
	ip link add link "$pf" name pfv100 type vlan id 100
ip addr add 10.0.100.1/24 dev pfv100 && ip link set pfv100 up
check "the PF adds an extra unicast address" \
	bridge fdb add 02:5a:00:00:1f:01 dev "$pf" self permanent
check_eq "the PF's extra address has a receive address entry" 1 \
	"$(table_field rar pf_used)"
ip netns del ns0
check "the administrator sets VF 0's port VLAN 100" \
	ip link set "$pf" vf 0 vlan 100
check "VF 0 re-binds under its port VLAN" vf_rebind 0
a=$(vf_to_ns 0 nsa 10.0.100.10/24) || not_ok "VF 0 has carrier"
check "VF 0 (port VLAN 100) -> the PF's VLAN 100" ping_retry nsa 10.0.100.1

# Now fill what is left with the PF's VLANs: the next port VLAN has no room.
# (One ip for them all; without -force it stops at the first refusal.)
for i in $(seq 2000 2040); do
	echo "link add link $pf name pfv$i type vlan id $i"
done | ip -batch - 2>/dev/null
n=$(ls -d /sys/class/net/pfv20[0-4][0-9] 2>/dev/null | wc -l)
diag "the PF took $n more VLANs; $(grep vlvf "$tables" 2>&1)"
out=$(ip link set "$pf" vf 0 vlan 200 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -qi "no space" <<<"$out"; then
	ok "a port VLAN change with no free entry fails with ENOSPC ($out)"
else
	not_ok "a port VLAN change with no free entry fails with ENOSPC" "rc $rc: $out"
fi
check_eq "VF 0 keeps port VLAN 100" 100 \
	"$(ip link show dev "$pf" | sed -nE 's/^ +vf 0 .*, vlan ([0-9]+).*/\1/p')"
check "VF 0's traffic is still tagged with VLAN 100" ping_ok nsa 10.0.100.1
done_testing
