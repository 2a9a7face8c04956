#!/bin/bash
# proves: resetting one VF (unbinding and re-binding its driver, repeatedly) leaves another VF pair's traffic untouched: no ping lost, TCP keeps flowing, and the reset VF comes back
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 3 || bail "VFs did not appear"
vf_to_ns 0 nsa 10.0.0.10/24 >/dev/null || bail "VF 0 has no carrier in its namespace"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"
check "VF 0 -> VF 1 ping before" ping_retry nsa 10.0.0.11

out=/run/snic-isolation-ping
in_ns nsa ping -c 150 -i 0.1 -W 2 10.0.0.11 >"$out" 2>&1 &
pinger=$!
for i in 1 2 3; do
	check "reset $i: re-bind VF 2's driver" vf_rebind 2
	dev=$(vf_dev 2)
	check "reset $i: VF 2 comes up" ip link set "$dev" up
	sleep 1
done
wait "$pinger"
rc=$?
loss=$(sed -nE 's/.* ([0-9.]+)% packet loss.*/\1/p' "$out")
diag "$(tail -n 2 "$out")"
check_eq "VF 0 -> VF 1: no ping lost while VF 2 was reset three times" 0 "${loss:-?}"
check "the pinger exited cleanly" test "$rc" -eq 0
if c=$(vf_to_ns 2 nsc 10.0.0.12/24); then
	ok "VF 2 ($c) has carrier after its resets"
else
	not_ok "VF 2 has carrier after its resets"
fi
check "VF 2 -> VF 1 ping after its resets" ping_retry nsc 10.0.0.11
if bps=$(tcp_ok nsa nsb 10.0.0.11 3); then
	ok "TCP VF 0 -> VF 1 afterwards ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP VF 0 -> VF 1 afterwards" "$bps"
fi
done_testing
