#!/bin/bash
# proves: ip link set <pf> vf N mac, vlan+qos, spoofchk and trust are applied and shown by ip link show, and the VF takes the administrative MAC when its driver re-binds
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"

# vfinfo FIELD [VF]: one field of VF N's line in ip link show (text
# parsing: starting python for every field is slow under emulation).
vfinfo() {
	local line
	line=$(ip link show dev "$pf" | grep -E "^ +vf ${2:-0} ")
	case $1 in
	address) awk '{ print $4 }' <<<"$line" | tr -d , ;;
	vlan) sed -nE 's/.*, vlan ([0-9]+).*/\1/p' <<<"$line" | grep . || echo 0 ;;
	qos) sed -nE 's/.*, qos ([0-9]+).*/\1/p' <<<"$line" | grep . || echo 0 ;;
	spoofchk) sed -nE 's/.*spoof checking (on|off).*/\1/p' <<<"$line" |
		sed 's/on/true/; s/off/false/' ;;
	trust) sed -nE 's/.*trust (on|off).*/\1/p' <<<"$line" |
		sed 's/on/true/; s/off/false/' ;;
	esac
}

mac=02:5a:00:00:00:10
check "set VF 0 MAC" ip link set "$pf" vf 0 mac $mac
check_eq "ip link show reports VF 0 MAC" $mac "$(vfinfo address)"
check "set VF 0 vlan 100 qos 3" ip link set "$pf" vf 0 vlan 100 qos 3
check_eq "ip link show reports VF 0 vlan 100" 100 "$(vfinfo vlan)"
check_eq "ip link show reports VF 0 qos 3" 3 "$(vfinfo qos)"
check "set VF 0 spoofchk off" ip link set "$pf" vf 0 spoofchk off
check_eq "ip link show reports spoofchk off" false "$(vfinfo spoofchk)"
check "set VF 0 spoofchk on" ip link set "$pf" vf 0 spoofchk on
check_eq "ip link show reports spoofchk on" true "$(vfinfo spoofchk)"
check "set VF 0 trust on" ip link set "$pf" vf 0 trust on
check_eq "ip link show reports trust on" true "$(vfinfo trust)"
check "set VF 0 trust off" ip link set "$pf" vf 0 trust off
check_eq "ip link show reports trust off" false "$(vfinfo trust)"
check_fails "vlan on a VF that does not exist is refused" ip link set "$pf" vf 5 vlan 10
check_fails "vlan 4096 is refused" ip link set "$pf" vf 0 vlan 4096
check_fails "qos 8 is refused" ip link set "$pf" vf 0 vlan 10 qos 8
check_fails "multicast VF MAC is refused" ip link set "$pf" vf 1 mac 01:00:5e:00:00:01
check "clear VF 0 vlan" ip link set "$pf" vf 0 vlan 0
check_eq "ip link show reports no vlan" 0 "$(vfinfo vlan)"

check "re-bind VF 0's driver" vf_rebind 0
dev=$(vf_dev 0)
wait_until 10 sh -c "[ \"\$(cat /sys/class/net/$dev/address)\" = $mac ]"
check_eq "VF 0 uses the administrative MAC after re-binding" $mac "$(cat /sys/class/net/$dev/address)"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || not_ok "VF 0 gets carrier in a namespace"
check "VF 0 with the administrative MAC passes traffic to the PF" ping_retry nsa 10.0.0.1
check_eq "the PF learnt VF 0 under its administrative MAC" $mac \
	"$(ip neigh show 10.0.0.10 dev "$pf" | awk '{ print $3 }')"
done_testing
