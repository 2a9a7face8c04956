#!/bin/bash
# proves: the PF's queue vector costs no interrupt-mask register write per interrupt or per NAPI poll: over 2000 flood pings PF -> VF 0, which make the PF's queue vector fire hundreds of times, QEMU's register trace shows fewer than one PF EIMS or EIMC write per hundred of its interrupts (the vector is never masked while it runs: EIAC clears its cause, EITR spaces it)
# requires: pf=sriovnic
# pairs: sriovnic/sriovnic
# vm: monitor
#
# VF register writes show in the trace at their translated offsets
# (0x10000 and up), so 0x1524 (EIMS) and 0x1528 (EIMC) are the PF's own.
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
pf=$(pf_dev 0)
enable_vfs 1 || bail "VF did not appear"
vf_to_ns 0 nsa 10.0.0.10/24 >/dev/null || bail "VF 0 has no carrier"
check "PF -> VF 0 ping" ping_retry "" 10.0.0.10

irq0=$(irq_count "$pf-TxRx-0") || bail "no $pf-TxRx-0 in /proc/interrupts"
mark=$(qemu_trace_start e1000e_core_write) || bail "QEMU's log trace does not start"
out=$(ping -f -c 2000 -w 60 10.0.0.10 2>&1)
qemu_trace_stop || bail "QEMU's log trace does not stop"
irq1=$(irq_count "$pf-TxRx-0")
check "2000 flood pings PF -> VF 0, none lost" grep -q " 0% packet loss" <<<"$out"

irqs=$((irq1 - irq0))
eims=$(qemu_writes_since "$mark" 0x1524)
eimc=$(qemu_writes_since "$mark" 0x1528)
all=$(qemu_writes_since "$mark" '0x[0-9a-f]*')
diag "PF queue vector: $irqs interrupts; PF EIMS writes $eims, EIMC $eimc; register writes in all $all"
diag "most written: $(tail -c +"$((mark + 1))" /run/out/qemu.log |
	sed -n 's/.*e1000e_core_write Write to register \(0x[0-9a-f]*\),.*/\1/p' |
	sort | uniq -c | sort -rn | head -n 6 | awk '{ printf "%s %s; ", $2, $1 }')"
check "the PF's queue vector fired at least 200 times" test "$irqs" -ge 200
# Each ping the PF sends is one TX tail write of its own.
check "the trace saw the traffic (at least one register write per ping)" \
	test "$all" -ge 2000
check "fewer than one PF EIMS/EIMC write per 100 interrupts" \
	test $(((eims + eimc) * 100)) -lt "$irqs"
done_testing
