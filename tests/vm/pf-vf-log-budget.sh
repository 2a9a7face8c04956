#!/bin/bash
# proves: debug-level lines a VF causes (its function resets, dynamic debug off) do not spend its log budget: after more resets than the budget holds, the VF's next malformed request (after a RESET) is still logged as a warning
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
bar="python3 $SNIC_DIR/tests/snic-bar.py"
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 1 || bail "VF did not appear"
vf0=$(vf_driverless 0) || bail "cannot unbind VF 0's driver"
check "set VF 0's MAC" ip link set "$pf" vf 0 mac 02:00:00:00:00:10
mark=$(log_mark)
# The budget is 5 lines per 30 s. Eight resets, each served by the PF (one
# debug line each) before the next, then RESET and a SET_LPE with reserved
# header bits (malformed: a warning), all in one process so that the lot
# fits well inside one 30 s interval even on a loaded host.
start=$SECONDS
out=$($bar "$vf0" vf-rst-seen 8 -- vf-req 0x1 -- vf-req 0x01000005 1518)
rc=$?
took=$((SECONDS - start))
diag "answers: $(tr '\n' ' ' <<<"$out") (${took}s)"
check "eight resets served, RESET and SET_LPE answered" test "$rc" -eq 0
check "all within the budget's 30 s interval (${took}s)" test "$took" -lt 25
check_fails "the debug lines were not printed (dynamic debug off)" \
	sh -c "$(declare -f log_since); log_since $mark | grep -q 'VF 0: function reset'"
check_eq "RESET is ACKed" 80000001 "$(sed -n 1p <<<"$out" | cut -d' ' -f1)"
lpe=$(sed -n 2p <<<"$out" | cut -d' ' -f1)
check "the malformed SET_LPE is NACKed ($lpe)" test $((0x${lpe:-0} & 0x40000000)) -ne 0
check "its warning is logged" wait_until 5 sh -c \
	"$(declare -f log_since); log_since $mark | grep -q 'VF 0: .*refused: malformed message'"
diag "$(log_since "$mark" | grep 'VF 0' | tail -n 3)"
check "disable SR-IOV" set_numvfs 0
done_testing
