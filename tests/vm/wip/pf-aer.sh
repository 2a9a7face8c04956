#!/bin/bash
# proves: PCIe error recovery on the PF and its VFs: with VF 0 -> VF 1 traffic running, a correctable error injected on the PF (QEMU's pcie_aer_inject_error through the host's monitor) is reported to the driver and traffic goes on; an uncorrectable (non-fatal) one makes the AER core call the PF's and the VFs' error_detected, slot_reset and resume, after which the VFs redo their reset handshake and the traffic resumes, PF -> VF pings too
# requires: pf=sriovnic
# pairs: sriovnic/sriovnic
# vm: monitor
# timeout: 900
#
# NOT YET PASSING, kept in tests/vm/wip/ so that no run picks it up: on
# QEMU 10.0.2 the monitor relay works (the first checks pass) and QEMU
# accepts the injection ("OK id: pf0 root bus: 0000:00, bus: 1 devfn:
# 0.0"), but the guest's AER driver (enabled on the root port, native
# control granted by _OSC) logged nothing for UNSUP, and "-c" is refused
# with a named status; see pf.rst. Run it by hand with
#   scripts/vm-tests --pairs sriovnic/sriovnic tests/vm/wip/pf-aer.sh
# (or copy it to tests/vm) once the injection reaches the guest.
#
# One pair: the VFs' handlers are ours. The guest cannot reach QEMU's
# monitor: it writes the command to its out directory, where the host's
# tests/vm/qemu-mon picks it up (scripts/vm, "# vm: monitor").
. "$SNIC_DIR/tests/vm/lib.sh"

mon_n=0
# qemu_monitor CMD...: run one monitor command on the host, print its output.
qemu_monitor() {
	local f i
	mon_n=$((mon_n + 1))
	f=/run/out/mon-$BASHPID$RANDOM$SECONDS
	echo "$*" >"$f.tmp" && mv "$f.tmp" "$f.cmd" || return 1
	for ((i = 0; i < 300; i++)); do
		[ -e "$f.out" ] && { cat "$f.out"; return 0; }
		sleep 0.1
	done
	echo "no answer from the host's monitor relay" >&2
	return 1
}

load_drivers
pf=$(pf_dev 0)
pci=$(pf_pci 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
check "VF 0 -> VF 1 ping" ping_retry nsa 10.0.0.11
out=$(qemu_monitor info status)
diag "monitor: $out"
check "the host's monitor answers" grep -q running <<<"$out"

# traffic SECONDS: VF 0 -> VF 1 pings, 10 a second; prints "sent received".
traffic_start() {
	in_ns nsa ping -n -i 0.1 -W 1 -c "$1" 10.0.0.11 >/run/aer-ping 2>&1 &
	pinger=$!
}
traffic_end() {
	wait "$pinger"
	sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' /run/aer-ping
}

# --- correctable ---
mark=$(log_mark)
traffic_start 40
sleep 1
out=$(qemu_monitor pcie_aer_inject_error pf0 RCVR)
diag "pcie_aer_inject_error pf0 RCVR: ${out:-(nothing)}"
check "the AER core saw the correctable error" wait_until 10 sh -c \
	"$(declare -f log_since); log_since $mark | grep -qi 'correctable'"
check "the PF's driver was told" wait_until 5 sh -c \
	"$(declare -f log_since); log_since $mark | grep -q 'correctable PCIe error, nothing to recover'"
read -r sent got <<<"$(traffic_end)"
diag "$(log_since "$mark" | grep -iE 'aer|pcie|sriovnic' | head -n 12)"
check "traffic went on: $got of $sent pings across the correctable error" \
	test "${got:-0}" -ge $(( ${sent:-40} - 3 ))

# --- uncorrectable, non-fatal: recovery through the drivers ---
mark=$(log_mark)
traffic_start 200
sleep 1
out=$(qemu_monitor pcie_aer_inject_error pf0 UNSUP)
diag "pcie_aer_inject_error pf0 UNSUP: ${out:-(nothing)}"
check "PF: error_detected" wait_until 10 sh -c \
	"$(declare -f log_since); log_since $mark | grep -q 'PCIe error (normal channel): stopping for recovery'"
check "PF: resume recovered it" wait_until 20 sh -c \
	"$(declare -f log_since); log_since $mark | grep -q 'recovered from the PCIe error'"
check "VFs: resume asked for the reset handshake" wait_until 20 sh -c \
	"$(declare -f log_since); test \$(log_since $mark | grep -c 'recovering from the PCIe error: reset handshake') -ge 2"
check "VF 0 has its carrier again" wait_until 30 sh -c \
	"test \"\$(ip netns exec nsa cat /sys/class/net/$a/carrier)\" = 1"
check "traffic resumed: VF 0 -> VF 1" wait_until 30 ping_ok nsa 10.0.0.11
kill "$pinger" 2>/dev/null
wait "$pinger" 2>/dev/null
diag "$(log_since "$mark" | grep -iE 'aer|pcie|sriovnic|recover' | head -n 30)"
check "PF -> VF 1 ping" ping_retry "" 10.0.0.11
check "disable SR-IOV" set_numvfs 0
done_testing
