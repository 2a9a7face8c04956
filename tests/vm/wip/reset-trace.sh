#!/bin/bash
# proves: (debugging aid) pf-reset-vfs with the PF's trace events and VF 1's mailbox dumped
# requires: pf=sriovnic
# timeout: 900
. "$SNIC_DIR/tests/vm/lib.sh"
tr=/sys/kernel/tracing
[ -e "$tr/trace" ] || mount -t tracefs nodev "$tr"
echo 8192 >"$tr/buffer_size_kb"
echo global >"$tr/trace_clock"
echo >"$tr/trace"
load_drivers
echo 1 >"$tr/events/sriovnic/enable" 2>/dev/null || diag "no sriovnic trace events"
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
mac=02:5a:00:00:00:30
ip link set "$pf" vf 1 mac $mac || bail "cannot set VF 1's MAC"
vf_rebind 1 || bail "cannot re-bind VF 1"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
check "VF 0 -> VF 1 ping before" ping_retry nsa 10.0.0.11
echo >"$tr/trace"
echo "=== reset at $(cat /proc/uptime)" >/dev/kmsg
check "ethtool --reset all on the PF" ethtool --reset "$pf" all
check "PF carrier after the reset" wait_until 30 carrier_on "$pf"
check "VF 0 has carrier after the PF reset" wait_until 60 carrier_on "$a" nsa
check "VF 1 has carrier after the PF reset" wait_until 60 carrier_on "$b" nsb
check "VF 0 -> VF 1 ping after the PF reset" wait_until 60 ping_ok nsa 10.0.0.11
pfpci=$(pf_pci 0)
diag "VMBMEM VF1 + P2VMAILBOX1: $(python3 "$SNIC_DIR/tests/snic-bar.py" "$pfpci" rd 0x840 0x844 0x848 0xc04 0xc80 0xc88 0x5b68 2>&1)"
diag "$(cat "$(pf_vfs_debugfs)")"
diag "$(grep -v '^#' "$tr/trace" 2>/dev/null | head -400)"

dmesg | grep -i "igbvf\|sriovnic\|===" | tail -60 | sed 's/^/# /'
done_testing
