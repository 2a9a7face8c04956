#!/bin/bash
# proves: debug-level lines a VF causes (its function resets, dynamic debug off) do not spend its log budget: after more resets than the budget holds, the VF's next malformed request (after a RESET) is still logged as a warning
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
bar="python3 $SNIC_DIR/tests/snic-bar.py"
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 1 || bail "VF did not appear"
vf0=$(vf_pci 0) || bail "no VF 0"
echo "$vf0" >"/sys/bus/pci/drivers/$(vf_driver 0)/unbind" || bail "cannot unbind VF 0"
check "set VF 0's MAC" ip link set "$pf" vf 0 mac 02:00:00:00:00:10
mark=$(log_mark)
# The budget is 5 lines per 30 s; each reset is one debug line.
for i in 1 2 3 4 5 6 7 8; do
	check "VF 0 reset $i (CTRL.RST)" $bar "$vf0" vf-rst
	sleep 0.3
done
check_fails "the debug lines were not printed (dynamic debug off)" \
	sh -c "$(declare -f log_since); log_since $mark | grep -q 'VF 0: function reset'"
out=$($bar "$vf0" vf-req 0x1)
check_eq "RESET is ACKed" 80000001 "${out%% *}"
# SET_LPE with reserved header bits: malformed, refused with a warning.
out=$($bar "$vf0" vf-req 0x01000005 1518)
diag "answer: $out"
check "the malformed SET_LPE is NACKed" test $((0x${out%% *} & 0x40000000)) -ne 0
check "its warning is logged" wait_until 5 sh -c \
	"$(declare -f log_since); log_since $mark | grep -q 'VF 0: .*refused: malformed message'"
diag "$(log_since "$mark" | grep 'VF 0' | tail -n 3)"
check "disable SR-IOV" set_numvfs 0
done_testing
