#!/bin/bash
# reference: yes
# proves: VFs moved into separate network namespaces exchange ping and TCP with each other and with the PF
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
ok "VF 0 ($a) in nsa and VF 1 ($b) in nsb have carrier"

check "nsa -> nsb ping (VF to VF)" ping_retry nsa 10.0.0.11
check "nsb -> nsa ping (VF to VF)" ping_retry nsb 10.0.0.10
check "nsa -> PF ping" ping_retry nsa 10.0.0.1
check "PF -> nsb ping" ping_retry "" 10.0.0.11
if bps=$(tcp_ok nsa nsb 10.0.0.11 3); then
	ok "TCP VF 0 -> VF 1 ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP VF 0 -> VF 1" "$bps"
fi
if bps=$(tcp_ok nsb "" 10.0.0.1 3); then
	ok "TCP VF 1 -> PF ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP VF 1 -> PF" "$bps"
fi
if bps=$(tcp_ok "" nsa 10.0.0.10 3); then
	ok "TCP PF -> VF 0 ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP PF -> VF 0" "$bps"
fi
done_testing
