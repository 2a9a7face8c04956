#!/bin/bash
# proves: what a VF leaves in its queue registers does not survive its reset: a VF with no driver writes its ring, split/receive-type, DCA and head write-back registers for both its queues (n and n+8), resets itself (CTRL.RST) and by the time its RESET is ACKed the PF has cleared every one of them; another VF keeps passing traffic
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
bar="python3 $SNIC_DIR/tests/snic-bar.py"
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
vf0=$(vf_driverless 0) || bail "cannot unbind VF 0's driver"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"
check "set VF 0's MAC" ip link set "$pf" vf 0 mac 02:00:00:00:00:10

# The VF's own register window: queue 0 at 0x2800/0x3800 (the PF's queue
# 0), queue 1 at 0x2900/0x3900 (the PF's queue 8), PSRTYPE at 0x0F0C.
regs=(0x0f0c)
names=(PSRTYPE)
for q in 0 1; do
	rx=$((0x2800 + 0x100 * q)) tx=$((0x3800 + 0x100 * q))
	for r in RDBAL:0x00 RDBAH:0x04 RDLEN:0x08 SRRCTL:0x0c RXCTL:0x14; do
		regs+=("$(printf 0x%x $((rx + ${r#*:})))")
		names+=("q$q.${r%:*}")
	done
	for r in TDBAL:0x00 TDBAH:0x04 TDLEN:0x08 TXCTL:0x14 TDWBAL:0x38 TDWBAH:0x3c; do
		regs+=("$(printf 0x%x $((tx + ${r#*:})))")
		names+=("q$q.${r%:*}")
	done
done
# What a hostile VF leaves behind: DMA addresses into someone else's
# memory (head write-back enabled), a drop-disabled header-split ring,
# DCA on, every packet-split header type.
dirty() {
	local i w=() v
	for i in "${!regs[@]}"; do
		case ${names[$i]} in
		PSRTYPE) v=0x0000ffff ;;
		*SRRCTL) v=0x0a000402 ;;
		*RDLEN|*TDLEN) v=0x00001000 ;;
		*RXCTL|*TXCTL) v=0x00000020 ;;
		*TDWBAL) v=0x12345001 ;;
		*BAH|*WBAH) v=0x00000001 ;;
		*) v=0x12345000 ;;
		esac
		w+=("${regs[$i]}=$v")
	done
	$bar "$vf0" wr "${w[@]}"
}
# nonzero: the names of the registers that do not read 0.
nonzero() {
	local i out=() vals
	vals=($($bar "$vf0" rd "${regs[@]}")) || { echo "cannot read"; return; }
	[ "${#vals[@]}" = "${#regs[@]}" ] || { echo "short read"; return; }
	for i in "${!regs[@]}"; do
		[ "${vals[$i]}" = 00000000 ] || out+=("${names[$i]}=${vals[$i]}")
	done
	echo "${out[*]}"
}

check "VF 0 writes its queue registers" dirty
left=$(nonzero)
diag "written: $left"
# Which writes QEMU keeps: only those prove anything below (the others
# read 0 whatever the PF does: QEMU 10.0 drops a VF's PSRTYPE and RXCTL).
for i in "${!names[@]}"; do
	if grep -qw "${names[$i]}=[0-9a-f]*" <<<"$left"; then
		ok "QEMU keeps the VF's ${names[$i]}"
	else
		skip "QEMU keeps the VF's ${names[$i]}" "the model drops this write"
	fi
done
n=$(grep -oE 'q[01]\.(SRRCTL|TXCTL|TDWBAL|TDWBAH)=' <<<"$left" | wc -l)
check_eq "QEMU keeps SRRCTL, TXCTL, TDWBAL/H of both queues (what the test needs)" 8 "$n"
check "VF 0 resets itself (CTRL.RST)" $bar "$vf0" vf-rst
# Written again after the reset: the PF must clean when it serves RESET.
check "VF 0 writes them again before RESET" dirty
out=$($bar "$vf0" vf-req 0x1)
check_eq "RESET is ACKed" 80000001 "${out%% *}"
check_eq "every queue register is clear once RESET is ACKed" "" "$(nonzero)"

clean() { [ -z "$(nonzero)" ]; }
check "VF 0 dirties them once more" dirty
check "VF 0 resets itself again (CTRL.RST only)" $bar "$vf0" vf-rst
check "the PF cleans on the function reset alone" wait_until 5 clean
check "VF 1 -> PF ping" ping_retry nsb 10.0.0.1
check "disable SR-IOV" set_numvfs 0
done_testing
