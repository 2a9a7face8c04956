#!/bin/bash
# proves: two VFs with MTU 9000 (SET_LPE per VF pool) exchange unfragmented jumbo frames, and a VF left at MTU 1500 does not receive them
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 3 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
vf_to_ns 2 nsc 10.0.0.12/24 >/dev/null || bail "VF 2 has no carrier in its namespace"

check "VF 0 MTU 9000" in_ns nsa ip link set "$a" mtu 9000
check "VF 1 MTU 9000" in_ns nsb ip link set "$b" mtu 9000
check "VF 0 has carrier again" wait_until 30 carrier_on "$a" nsa
check "VF 1 has carrier again" wait_until 30 carrier_on "$b" nsb
check_eq "VF 0 reports MTU 9000" 9000 "$(in_ns nsa cat /sys/class/net/$a/mtu)"
check "small ping VF 0 -> VF 1" ping_retry nsa 10.0.0.11
check "8972-byte unfragmented ping VF 0 -> VF 1" \
	in_ns nsa ping -c 5 -i 0.2 -W 2 -M "do" -s 8972 10.0.0.11
check "8972-byte unfragmented ping VF 1 -> VF 0" \
	in_ns nsb ping -c 5 -i 0.2 -W 2 -M "do" -s 8972 10.0.0.10
if bps=$(tcp_ok nsa nsb 10.0.0.11 3); then
	ok "TCP VF 0 -> VF 1 at MTU 9000 ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP VF 0 -> VF 1 at MTU 9000" "$bps"
fi
# VF 2 keeps MTU 1500: its pool drops a 9000-byte frame even when the
# sender's route allows it (VF 0 thinks the path MTU is 9000).
check "small ping VF 0 -> VF 2" ping_retry nsa 10.0.0.12
check_fails "an unfragmented 8972-byte ping to the MTU 1500 VF 2 gets no answer" \
	in_ns nsa ping -c 2 -i 0.2 -W 2 -M "do" -s 8972 10.0.0.12
check "back to MTU 1500 on VF 0 and VF 1" sh -c \
	"ip netns exec nsa ip link set $a mtu 1500 && ip netns exec nsb ip link set $b mtu 1500"
check "VF 0 has carrier at MTU 1500" wait_until 30 carrier_on "$a" nsa
check "ping VF 0 -> VF 1 at MTU 1500" ping_retry nsa 10.0.0.11
done_testing
