#!/bin/bash
# proves: the VF sets its MTU through SET_LPE (sriovnic_vf: 68..9216 accepted, outside refused) and two VFs at MTU 9000 exchange unfragmented 9000-byte frames and TCP
# requires: vf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"

if [ "$VF_DRV" = sriovnic ]; then
	check_fails "MTU 9217 is refused" in_ns nsa ip link set "$a" mtu 9217
	check_fails "MTU 67 is refused" in_ns nsa ip link set "$a" mtu 67
	check "MTU 9216 is accepted" in_ns nsa ip link set "$a" mtu 9216
	check "MTU 68 is accepted" in_ns nsa ip link set "$a" mtu 68
fi
check "VF 0 MTU 9000" in_ns nsa ip link set "$a" mtu 9000
check "VF 1 MTU 9000" in_ns nsb ip link set "$b" mtu 9000
check "VF 0 keeps carrier" wait_until 30 carrier_on "$a" nsa
check "VF 1 keeps carrier" wait_until 30 carrier_on "$b" nsb
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
if bps=$(tcp_ok nsb nsa 10.0.0.10 3); then
	ok "TCP VF 1 -> VF 0 at MTU 9000 ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP VF 1 -> VF 0 at MTU 9000" "$bps"
fi
if [ "$VF_DRV" = sriovnic ]; then
	t=$(in_ns nsa ethtool -S "$a" | awk '$1 == "mbx_timeouts:" { print $2 }')
	check_eq "VF 0 saw no mailbox timeout" 0 "$t"
fi
check "VF 0 back to MTU 1500" in_ns nsa ip link set "$a" mtu 1500
check "VF 1 back to MTU 1500" in_ns nsb ip link set "$b" mtu 1500
check "ping VF 0 -> VF 1 at MTU 1500" ping_retry nsa 10.0.0.11
check_fails "an unfragmented 8972-byte ping no longer passes" \
	in_ns nsa ping -c 2 -i 0.2 -W 2 -M "do" -s 8972 10.0.0.11
done_testing
