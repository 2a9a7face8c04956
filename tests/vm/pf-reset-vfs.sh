#!/bin/bash
# proves: a global reset of the PF (ethtool --reset all) with VFs running: the PF reprograms pools and filters, asks each VF to redo its RESET handshake, and the VFs come back with their administrative settings and pass traffic again
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
mac=02:5a:00:00:00:30
ip link set "$pf" vf 1 mac $mac || bail "cannot set VF 1's MAC"
vf_rebind 1 || bail "cannot re-bind VF 1"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || { vf_mbx_diag 0 1; bail "VF 0 has no carrier in its namespace"; }
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || { vf_mbx_diag 0 1; bail "VF 1 has no carrier in its namespace"; }
check "VF 0 -> VF 1 ping before" ping_retry nsa 10.0.0.11

check "ethtool --reset all on the PF" ethtool --reset "$pf" all
check "PF carrier after the reset" wait_until 30 carrier_on "$pf"
# igbvf redoes RESET at most every 10 s and polls every 2 s.
check "VF 0 has carrier after the PF reset" wait_until 60 carrier_on "$a" nsa
check "VF 1 has carrier after the PF reset" wait_until 60 carrier_on "$b" nsb
check "VF 0 -> VF 1 ping after the PF reset" wait_until 60 ping_ok nsa 10.0.0.11
check "VF 1 -> PF ping after the PF reset" ping_retry nsb 10.0.0.1
check "PF -> VF 0 ping after the PF reset" ping_retry "" 10.0.0.10
check_eq "VF 1 kept its administrative MAC" $mac "$(in_ns nsb cat "/sys/class/net/$b/address")"
if bps=$(tcp_ok nsa nsb 10.0.0.11 3); then
	ok "TCP VF 0 -> VF 1 after the PF reset ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP VF 0 -> VF 1 after the PF reset" "$bps"
fi
done_testing
