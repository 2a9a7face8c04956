#!/bin/bash
# proves: the PF serves a VF's reset before the RESET the VF posts right after it, also while the PF is busy with a neighbour VF that resets in a loop: 10 times a VF with no driver resets as igbvf does (CTRL.RST, then RESET at once) and its next request is ACKed with CTS, never refused as if the reset came after RESET; and a VF that talks twice before RESET within the NACK interval still gets an answer (the second NACK late, not never)
# requires: pf=sriovnic
# pairs: sriovnic/igbvf
# (one pair: both VFs run without a driver, so the VF driver makes no difference)
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
bar="python3 $SNIC_DIR/tests/snic-bar.py"
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
vf0=$(vf_pci 0) || bail "no VF 0"
vf1=$(vf_pci 1) || bail "no VF 1"
drv=$(vf_driver 0)
echo "$vf0" >"/sys/bus/pci/drivers/$drv/unbind" || bail "cannot unbind VF 0"
echo "$vf1" >"/sys/bus/pci/drivers/$drv/unbind" || bail "cannot unbind VF 1"

# VF 0 resets over and over, each time until the PF cleaned its queues:
# passes of the mailbox work that take a while, with VF 1 served after it.
(for ((i = 0; i < 200; i++)); do $bar "$vf0" vf-rst-seen 1 || break; done) &
busy=$!

# The answer to SET_LPE (0x05): ACK, CTS and the type, 0xa0000005.
bad=0
for ((i = 1; i <= 10; i++)); do
	out=$($bar "$vf1" vf-reset -- vf-req 0x5 1522 2>&1)
	lpe=$(sed -n 2p <<<"$out" | cut -d' ' -f1)
	if [ "$lpe" != a0000005 ]; then
		bad=$((bad + 1))
		diag "reset $i: $(tr '\n' ' ' <<<"$out")"
	fi
done
kill "$busy" 2>/dev/null
wait "$busy" 2>/dev/null
check_eq "10 resets as igbvf does them: RESET in force, SET_LPE ACKed with CTS" 0 "$bad"

# VF 0 has not done RESET: its first request is NACKed at once, the next
# one (within the 2 s NACK interval) once the interval is over.
check "VF 0 resets (no RESET)" $bar "$vf0" vf-rst
out=$($bar "$vf0" vf-req 0x5 1522 -- vf-reqw 10 0x5 1522 2>&1)
diag "VF 0 before RESET: $(tr '\n' ' ' <<<"$out")"
check_eq "first request before RESET: bare NACK" 40000000 \
	"$(sed -n 1p <<<"$out" | cut -d' ' -f1)"
check_eq "second request within 2 s: bare NACK, late" 40000000 \
	"$(sed -n 2p <<<"$out" | cut -d' ' -f1)"
check "VF 0 completes RESET afterwards" $bar "$vf0" vf-reset
done_testing
