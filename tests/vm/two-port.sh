#!/bin/bash
# proves: traffic crosses the wire between two ports: a VF on port 0 exchanges ping and TCP with a VF on port 1
# topology: wire
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 || bail "port 0 link does not come up"
pf_up 1 || bail "port 1 link does not come up"
enable_vfs 1 0 || bail "no VF on port 0"
enable_vfs 1 1 || bail "no VF on port 1"
a=$(vf_to_ns 0 nsa 10.0.1.10/24 0) || bail "port 0 VF has no carrier"
b=$(vf_to_ns 0 nsb 10.0.1.11/24 1) || bail "port 1 VF has no carrier"
ok "port 0 VF ($a) in nsa and port 1 VF ($b) in nsb have carrier"
check "port 0 VF -> port 1 VF ping" ping_retry nsa 10.0.1.11
check "port 1 VF -> port 0 VF ping" ping_retry nsb 10.0.1.10
if bps=$(tcp_ok nsa nsb 10.0.1.11 3); then
	ok "TCP port 0 VF -> port 1 VF ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP port 0 VF -> port 1 VF" "$bps"
fi
if bps=$(tcp_ok nsb nsa 10.0.1.10 3); then
	ok "TCP port 1 VF -> port 0 VF ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP port 1 VF -> port 0 VF" "$bps"
fi
done_testing
