#!/bin/bash
# proves: a VF that read its RESET answer (no CTS) and then writes nothing is sent PF_CONTROL with CTS after about 2 s, once, unless the PF wrote to it since (a request to reset stays its last message): what makes igbvf whose RESET wait ran out (the PF answered late) reset again instead of staying without link for ever; a VF that writes a request at once gets no PF_CONTROL
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
bar="python3 $SNIC_DIR/tests/snic-bar.py"
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 1 || bail "VF did not appear"
vf0=$(vf_driverless 0) || bail "cannot unbind VF 0's driver"
check "set VF 0's MAC" ip link set "$pf" vf 0 mac 02:00:00:00:00:10

# As igbvf after its RESET wait ran out: the answer is read (ACKed) by its
# link check, and the VF writes nothing more.
out=$($bar "$vf0" vf-reset -- vf-msg-ms 8)
diag "answers: $(tr '\n' ' ' <<<"$out")"
check_eq "RESET is ACKed (no CTS)" 80000001 "$(sed -n 1p <<<"$out" | cut -d' ' -f1)"
check_eq "then PF_CONTROL with CTS" 20000100 "$(sed -n 2p <<<"$out" | cut -d' ' -f1)"
ms=$(sed -n 3p <<<"$out")
check "not before the VF had 2 s to write ($ms ms after the RESET answer)" \
	test "${ms:-0}" -ge 1900
check_fails "once: nothing more in the next 5 s" $bar "$vf0" vf-msg 5

# A VF that writes at once (its SET_MULTICAST, as igbvf's open) is told
# its link by the answers, which carry CTS: no PF_CONTROL follows.
out=$($bar "$vf0" vf-reset -- vf-req 0x00000003)
diag "answers: $(tr '\n' ' ' <<<"$out")"
check_eq "SET_MULTICAST with no entries is ACKed with CTS" a0000003 \
	"$(sed -n 2p <<<"$out" | cut -d' ' -f1)"
check_fails "no PF_CONTROL after a VF that wrote" $bar "$vf0" vf-msg 5

# A request to reset after the RESET answer (the administrator sets a new
# address for a VF without the extension: a bare NACK) is the VF's last
# message: no PF_CONTROL may replace it, or igbvf never resets.
# The address changes once the VF has read its RESET answer (the tool
# prints it): set before, it would come with that answer and need no NACK.
rm -f /run/quiet-cts
$bar "$vf0" vf-reset -- vf-msg 5 -- vf-msg 6 >/run/quiet-cts 2>&1 &
tool=$!
check "VF 0 read its RESET answer" wait_until 10 test -s /run/quiet-cts
check "set a new MAC for the running VF 0" ip link set "$pf" vf 0 mac 02:00:00:00:00:11
wait "$tool"
diag "answers: $(tr '\n' ' ' </run/quiet-cts)"
check_eq "the PF asks VF 0 to reset (a bare NACK)" 40000000 \
	"$(sed -n 2p /run/quiet-cts | cut -d' ' -f1)"
check_eq "and sends nothing after it (no PF_CONTROL over the NACK)" "no message" \
	"$(sed -n 3p /run/quiet-cts)"
check "disable SR-IOV" set_numvfs 0
done_testing
