#!/bin/bash
# proves: PCIe error recovery with VF 0 -> VF 1 traffic running: an uncorrectable non-fatal error (Completion Timeout) injected by QEMU's pcie_aer_inject_error on the PF's root port reaches the guest's AER driver, which recovers every function under that port through our handlers (the PF's error_detected and resume log, both VFs' resume asks for the reset handshake, the AER core reports the recovery successful), the VFs get their carrier back and traffic VF 0 -> VF 1 and PF -> VF 1 resumes; a correctable error on the PF itself (the kernel's aer_inject) reaches the PF's cor_error_detected and the traffic goes on untouched
# requires: pf=sriovnic
# pairs: sriovnic/sriovnic
# vm: monitor
# timeout: 900
#
# One pair: the VFs' handlers are ours too. Why not QEMU's injection on
# the PF itself: QEMU's igb never makes its Device Control error
# reporting enables writable (no pcie_cap_deverr_init), so they read 0
# whatever the guest writes, and QEMU drops every error it records on the
# PF (its AER status registers show it) before it leaves the device. The
# root port has them (the guest's AER driver sets all four), and an error
# the root port itself detects is recovered by the AER core on every
# function below it. A correctable error there would go to the port's own
# driver (pcieport), not to ours: the correctable case uses the guest
# kernel's aer_inject on the PF (its software injection: the AER core
# sees faked status registers), which does reach our PF.
#
# QEMU's monitor is reached through qemu_monitor (lib.sh, "# vm: monitor").
. "$SNIC_DIR/tests/vm/lib.sh"

# aer_regs BDF: the AER and Device Control/Status registers, one line.
aer_regs() {
	echo "$1: DEVCTL=$(setpci -s "$1" CAP_EXP+8.w) DEVSTA=$(setpci -s "$1" CAP_EXP+0xa.w)" \
		"UNC_STA=$(setpci -s "$1" ECAP_AER+4.l) COR_STA=$(setpci -s "$1" ECAP_AER+0x10.l)"
}

# logged MARK PATTERN [COUNT]: the kernel log since MARK has PATTERN
# (extended regex) at least COUNT times.
logged() {
	[ "$(log_since "$1" | grep -cE "$2")" -ge "${3:-1}" ]
}

load_drivers
pci=$(pf_pci 0)
rp=$(basename "$(dirname "$(readlink -f "/sys/bus/pci/devices/$pci")")")
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"
check "VF 0 -> VF 1 ping" ping_retry nsa 10.0.0.11
out=$(qemu_monitor info status)
diag "monitor: $out"
check "the host's monitor answers" grep -q running <<<"$out"
check "the guest's AER driver serves the root port $rp" \
	test -e "/sys/bus/pci/devices/$rp/aer_rootport_total_err_nonfatal"

# traffic_start COUNT: VF 0 -> VF 1 pings, 10 a second, in the background.
traffic_start() {
	in_ns nsa ping -n -i 0.1 -W 1 -c "$1" 10.0.0.11 >/run/aer-ping 2>&1 &
	pinger=$!
}
# traffic_end: wait for the pings; prints "sent received". Call it in
# this shell, not in $(...): a subshell cannot wait for the pinger.
traffic_end() {
	wait "$pinger"
	traffic_summary
}
traffic_summary() {
	ping_tally /run/aer-ping
}

# --- uncorrectable non-fatal, detected by the root port (QEMU) ---
# First: while aer_inject is loaded (below), reads of the root port's AER
# registers return its fakes; with the correctable case first, QEMU's
# error was in the port's registers (DEVSTA showed it) and the guest's AER
# driver logged nothing.
diag "before: $(aer_regs "$rp")" "before: $(aer_regs "$pci")"
mark=$(log_mark)
traffic_start 150
sleep 1
out=$(qemu_monitor pcie_aer_inject_error rp0 COMP_TIME)
diag "pcie_aer_inject_error rp0 COMP_TIME: ${out:-(nothing)}"
check "QEMU accepted the injection on the root port" grep -q '^OK id: rp0' <<<"$out"
check "the AER core got the non-fatal error from $rp" wait_until 20 \
	logged "$mark" "$rp.*(Uncorrectable \\(Non-Fatal\\)|Non-Fatal)"
check "PF: error_detected (normal channel)" wait_until 20 \
	logged "$mark" "$pci: PCIe error \\(normal channel\\): stopping for recovery"
check "PF: resume recovered it" wait_until 30 \
	logged "$mark" "$pci: recovered from the PCIe error"
check "both VFs: resume asked for the reset handshake" wait_until 30 \
	logged "$mark" "recovering from the PCIe error: reset handshake" 2
check "the AER core calls the recovery successful" wait_until 30 \
	logged "$mark" "$rp.*AER: device recovery successful|AER: device recovery successful"
check "VF 0 has its carrier again" wait_until 30 carrier_on "$a" nsa
check "traffic resumed: VF 0 -> VF 1" wait_until 30 ping_ok nsa 10.0.0.11
traffic_end >/run/aer-sum
read -r sent got </run/aer-sum
diag "background pings VF 0 -> VF 1 across the recovery: ${got:-?} of ${sent:-?} answered"
diag "after: $(aer_regs "$rp")" "after: $(aer_regs "$pci")"
diag "$(log_since "$mark" | grep -iE 'aer|pcie|sriovnic|recover' | head -n 30)"
# --- correctable, on the PF (aer_inject) ---
modprobe aer_inject || bail "no aer_inject module"
mark=$(log_mark)
traffic_start 30
sleep 1
# struct aer_error_inj: bus, dev, fn, pad, uncor_status, cor_status,
# header_log0..3, domain; cor_status bit 0 is Receiver Error.
bus=$((16#${pci:5:2})) dev=$((16#${pci:8:2})) fn=${pci:11:1}
out=$(python3 -c 'import struct, sys
b, d, f = (int(x) for x in sys.argv[1:4])
with open("/dev/aer_inject", "wb", buffering=0) as fd:
    fd.write(struct.pack("<BBBxIIIIIII", b, d, f, 0, 1, 0, 0, 0, 0, 0))' \
	"$bus" "$dev" "$fn" 2>&1)
check "aer_inject took a Receiver Error for $pci" test -z "$out"
check "the AER core reported the correctable error from the PF" wait_until 20 \
	logged "$mark" "$pci.*(Correctable error|correctable error message received)|AER: Correctable error message received from $pci"
check "the PF's cor_error_detected was called" wait_until 10 \
	logged "$mark" "$pci: correctable PCIe error, nothing to recover"
traffic_end >/run/aer-sum
read -r sent got </run/aer-sum
check "traffic went on: $got of $sent pings across the correctable error" \
	test "${got:-0}" -ge $((${sent:-30} - 2))
check_eq "the PF did not reset for it" 0 \
	"$(log_since "$mark" | grep -c "stopping for recovery")"
diag "$(log_since "$mark" | grep -iE 'aer|pcie|sriovnic' | head -n 12)"
# aer_inject fakes the root port's status registers for as long as it is
# loaded: unloaded, the real ones are read again.
check "aer_inject unloads" rmmod aer_inject

check "PF -> VF 1 ping" ping_retry "" 10.0.0.11
check "disable SR-IOV" set_numvfs 0
done_testing
