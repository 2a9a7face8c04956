#!/bin/bash
# proves: taking the PF down tells the VFs (carrier off) and bringing it up again tells them too (carrier on), after which VF-VF and VF-PF traffic resumes
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
carrier_off() { ! carrier_on "$@"; }

check "VF 0 -> VF 1 ping before" ping_retry nsa 10.0.0.11
for round in 1 2; do
	check "round $round: PF down" ip link set "$pf" down
	check "round $round: VF 0 loses carrier" wait_until 20 carrier_off "$a" nsa
	check "round $round: VF 1 loses carrier" wait_until 20 carrier_off "$b" nsb
	check "round $round: PF up" pf_up 0
	check "round $round: VF 0 regains carrier" wait_until 30 carrier_on "$a" nsa
	check "round $round: VF 1 regains carrier" wait_until 30 carrier_on "$b" nsb
	check "round $round: VF 0 -> VF 1 ping" ping_retry nsa 10.0.0.11
	check "round $round: VF 1 -> PF ping" ping_retry nsb 10.0.0.1
	check "round $round: PF -> VF 0 ping" ping_retry "" 10.0.0.10
done
if bps=$(tcp_ok nsa nsb 10.0.0.11 3); then
	ok "TCP VF 0 -> VF 1 after the PF came back ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP VF 0 -> VF 1 after the PF came back" "$bps"
fi
done_testing
