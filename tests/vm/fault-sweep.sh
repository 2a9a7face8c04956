#!/bin/bash
# proves: each error-returning step of PF probe, VF probe, SR-IOV enable and disable, ndo_open, ethtool -G, a PF reset, the VF's reset handshake and recovery, page pool, IRQ and debugfs set-up, made to fail alone (fail_function on the drivers' ALLOW_ERROR_INJECTION steps, failslab/fail_page_alloc scoped to one module's call chain), fails the operation with its error and leaves nothing half-done; the next operation works; the modules unload with refcount 0
# pairs: sriovnic/sriovnic
# kernel: debug
# timeout: 900
. "$SNIC_DIR/tests/vm/lib.sh"

fi_available || bail "no fail_function, failslab or fail_page_alloc with a stack filter (the debug kernel has them)"
fi_setup || bail "cannot set up fault injection"
load_drivers
pci=$(pf_pci 0)
sys=/sys/bus/pci/devices/$pci
pfdrv=/sys/bus/pci/drivers/sriovnic_pf
vfdrv=/sys/bus/pci/drivers/sriovnic_vf
dbg=/sys/kernel/debug/sriovnic_pf/$pci
t0=$SECONDS
mark0=$(log_mark)

# --- the table --------------------------------------------------------------
# row SITE OPERATION ERRNO: the checks until the next row (or row_end)
# are this row's; it passes when none of them failed.
rows=() r_site= r_fail=0
row() {
	row_end
	r_site=$1 r_op=$2 r_errno=$3 r_fail=$_tap_fail r_t=$SECONDS
	mark=$(log_mark)
	diag "--- $1 / $2 / expects ${3}"
}
row_end() {
	[ -n "$r_site" ] || return 0
	local res=pass
	[ "$_tap_fail" -gt "$r_fail" ] && res=FAIL
	rows+=("$(printf '%-34s %-34s %-10s %s (%ss)' "$r_site" "$r_op" "$r_errno" "$res" $((SECONDS - r_t)))")
	r_site=
	fi_fn_disarm
}

# fails_with ERRNO OUT: OUT (an operation's output) names ERRNO's text.
fails_with() {
	local what=$1 errno=$2 rc=$3 out=$4 text
	text=$(errno_text "$errno")
	if [ "$rc" != 0 ] && grep -qF -- "$text" <<<"$out"; then
		ok "$what fails with $errno"
	else
		not_ok "$what fails with $errno" "status $rc" "output: $out"
	fi
}

# fired: the armed fail_function site made its injections.
fired() {
	check_eq "the injection into $r_site fired" 0 "$(fi_fn_left)"
}

# logged REGEX: the kernel log since the row began has a matching line.
logged() {
	local l
	l=$(log_since "$mark" | grep -E -m 1 -- "$1")
	if [ -n "$l" ]; then
		ok "the log says why: ${l#*] }"
	else
		not_ok "the log has a line matching /$1/" "$(log_since "$mark" | tail -n 8)"
	fi
}

# inject SITE ERRNO|NULL [TIMES]: arm a fail_function site.
inject() {
	local e=$2
	[ "$e" = NULL ] && e=0 || e=$(errno_num "$e")
	fi_fn_arm "$1" "$e" "${3:-1}" || bail "cannot arm $1"
}

# run CMD...: run an operation, keeping its status in rc and output in out.
run() {
	out=$("$@" 2>&1)
	rc=$?
}


# nth_row MODULE N WHAT OP CLEAN UNDO: the Nth allocation in MODULE's call
# chain fails during OP (a shell function). Whatever OP then reports, the
# state must be whole: on failure CLEAN's checks hold and OP works once
# more; on success UNDO undoes it for the next row.
nth_row() {
	local mod=$1 n=$2 what=$3 op=$4 clean=$5 undo=$6
	row "alloc #$n in $mod" "$what" "any"
	fi_alloc_scope "$mod" || bail "no text range for $mod"
	run fi_nth "$n" $op
	check "the allocation failed (fail-nth)" fi_nth_fired
	if [ "$rc" != 0 ]; then
		check "$what reports an error" test -n "$out"
		$clean
		check "$what works once more" $op
	else
		ok "$what succeeds without that allocation"
	fi
	$undo
}

# --- PF probe ---------------------------------------------------------------
pf_bind() { echo "$pci" >$pfdrv/bind; }
pf_unbind() { echo "$pci" >$pfdrv/unbind; }
pf_bound() { [ -e "$sys/driver" ] && pf_dev 0 >/dev/null; }
pf_clean() {
	check "PF: no driver bound" test ! -e "$sys/driver"
	check "PF: no netdev" test ! -e "$sys/net"
	check_eq "PF: MSI-X vectors freed" no "$([ -d "$sys/msi_irqs" ] && echo yes || echo no)"
	check_eq "PF: its interrupt freed" 0 "$(irqs_named "$pci-other")"
	check_eq "PF: PCI function disabled" 0 "$(cat "$sys/enable")"
}

check "unbind the PF" pf_unbind
for s in "snic_pf_pci_init EIO" "snic_pf_hw_reset ETIMEDOUT" \
	 "snic_pf_sriov_init ENOMEM" "snic_pf_irq_init ENOSPC" \
	 "snic_pf_start EIO" "snic_pf_devlink_init ENOMEM" \
	 "snic_pf_netdev_register EBUSY"; do
	set -- $s
	row "$1" "PF probe (bind)" "$2"
	inject "$1" "$2"
	run pf_bind
	fired
	fails_with "binding the PF" "$2" "$rc" "$out"
	logged "probe with driver sriovnic_pf failed with error -$(errno_num "$2")"
	pf_clean
	fi_fn_disarm
	check "PF: the next bind probes it" pf_bind
	check "PF: its netdev is back" wait_until 20 pf_bound
	[ "$1" = snic_pf_netdev_register ] || check "unbind the PF again" pf_unbind
done
row_end
pf=$(pf_dev 0) || bail "no PF netdev"
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"

# --- VF probe ---------------------------------------------------------------
echo 0 >"$sys/sriov_drivers_autoprobe"
set_numvfs 1 || bail "cannot create a VF"
vfpci=$(vf_pci 0) || bail "no VF 0"
vsys=/sys/bus/pci/devices/$vfpci
echo sriovnic_vf >"$vsys/driver_override"
vf_bind() { echo "$vfpci" >$vfdrv/bind; }
vf_unbind() { echo "$vfpci" >$vfdrv/unbind; }
# vf_ready: VF 0's handshake is done (ethtool -S; carrier needs it up).
vf_ready() { local d; d=$(vf_dev 0) && [ "$(ethtool_stat "$d" pf_ready)" = 1 ]; }
vf_clean() {
	check "VF: no driver bound" test ! -e "$vsys/driver"
	check "VF: no netdev" test ! -e "$vsys/net"
	check_eq "VF: MSI-X vectors freed" no "$([ -d "$vsys/msi_irqs" ] && echo yes || echo no)"
	check_eq "VF: its interrupts freed" 0 "$(irqs_named "snicvf-$vfpci")"
	check_eq "VF: PCI function disabled" 0 "$(cat "$vsys/enable")"
}
for s in "snic_vf_pci_init EIO" "snic_vf_netdev_alloc NULL" \
	 "snic_vf_irq_init ENOSPC" "snic_vf_link_start ENODEV" \
	 "snic_vf_netdev_register ENOMEM"; do
	set -- $s
	e=$2
	[ "$e" = NULL ] && e=ENOMEM
	row "$1" "VF probe (bind)" "$e"
	inject "$1" "$2"
	run vf_bind
	fired
	fails_with "binding the VF" "$e" "$rc" "$out"
	if [ "$e" = ENODEV ]; then
		logged "$vfpci.*(handshake|gone|not responding)"
	else
		logged "probe with driver sriovnic_vf failed with error -$(errno_num "$e")"
	fi
	vf_clean
	fi_fn_disarm
	check "VF: the next bind probes it" vf_bind
	check "VF: the handshake completes" wait_until 20 vf_ready
	check "unbind the VF again" vf_unbind
done

vf_bound_ok() { wait_until 20 vf_ready && vf_unbind; }
for n in 1 4 8; do
	nth_row sriovnic_vf $n "VF probe (bind)" vf_bind vf_clean vf_bound_ok
done

# The first handshake failing is not fatal: the service work retries.
row snic_vf_handshake "VF probe (first handshake)" "retried"
inject snic_vf_handshake ETIMEDOUT
run vf_bind
check_eq "binding the VF succeeds" 0 "$rc"
fired
logged "$vfpci.*PF did not complete the reset \(-110\)"
check "VF: the handshake completes on a retry" wait_until 30 vf_ready
vf=$(vf_dev 0)
check "VF: ethtool -S counts the failed reset" \
	test "$(ethtool_stat "$vf" reset_failures)" -ge 1
row_end
vf=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
check "VF 0 <-> PF ping" ping_retry nsa 10.0.0.1

# --- SR-IOV enable and disable ---------------------------------------------
check "disable the VF" set_numvfs 0
echo 1 >"$sys/sriov_drivers_autoprobe"
vfs_bound() { ls $vfdrv | grep -c '^0000:'; }
sriov_clean() {
	check_eq "sriov_numvfs reads 0" 0 "$(numvfs)"
	check_eq "no VF functions" 0 "$(ls -d "$sys"/virtfn* 2>/dev/null | wc -l)"
	check_eq "no VF bound to sriovnic_vf" 0 "$(vfs_bound)"
	check "no debugfs directory for the PF" test ! -e "$dbg"
}
vfs_up() { enable_vfs 1 && [ "$(vfs_bound)" = 1 ]; }
fi_alloc_scope sriovnic_pf || bail "no text range for sriovnic_pf"

row "alloc #1 in sriovnic_pf (VF table)" "SR-IOV enable (numvfs 1)" ENOMEM
run fi_nth 1 set_numvfs 1
check "the allocation failed (fail-nth)" fi_nth_fired
fails_with "enabling a VF" ENOMEM "$rc" "$out"
sriov_clean
check "the next enable creates the VF" vfs_up
check "and disable" set_numvfs 0

# The first allocation after the table whose failure fails the enable: the
# PCI core's, under pci_enable_sriov(). Those before it that fail without
# failing anything (__GFP_NOWARN ones with a fallback, as the ID radix
# tree's preload) must leave a whole enable behind.
row "alloc #2.. in sriovnic_pf (a VF)" "SR-IOV enable (numvfs 1)" ENOMEM
n=2 found=
while [ "$n" -le 12 ]; do
	run fi_nth "$n" set_numvfs 1
	fi_nth_fired || break
	[ "$rc" = 0 ] || { found=$n; break; }
	check_eq "alloc #$n failed, survived: sriov_numvfs reads 1" 1 "$(numvfs)"
	check "and disable" set_numvfs 0
	n=$((n + 1))
done
[ -z "$found" ] || r_site="alloc #$found in sriovnic_pf (a VF)"
check "an allocation of #2..#$n fails the enable (#${found:-none})" test -n "$found"
fails_with "enabling a VF" ENOMEM "$rc" "$out"
logged "$pci.*cannot enable 1 VFs: -12"
sriov_clean
check "the next enable creates the VF" vfs_up
check "and disable" set_numvfs 0

row snic_pf_debugfs_mkdir "SR-IOV enable (numvfs 1)" "none"
inject snic_pf_debugfs_mkdir ENOMEM
check "enabling a VF succeeds without debugfs" vfs_up
fired
check "no debugfs directory" test ! -e "$dbg"
check "disable" set_numvfs 0
sriov_clean
check "the next enable creates the VF" vfs_up
check "with the debugfs directory" test -r "$dbg/vfs"

row "alloc #1 in sriovnic_pf" "SR-IOV disable (numvfs 0)" "none"
run fi_nth 1 set_numvfs 0
check "the allocation failed (fail-nth)" fi_nth_fired
check_eq "disabling succeeds anyway" 0 "$rc"
sriov_clean
check "the next enable creates the VF" vfs_up
row_end
vf=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
check "VF 0 <-> PF ping" ping_retry nsa 10.0.0.1

# --- ndo_open ----------------------------------------------------------------
# closed DEV [NS]: IFF_UP clear.
closed() { [ $(($(in_ns "${2:-}" cat "/sys/class/net/$1/flags") & 1)) = 0 ]; }
pf_open() { ip link set "$pf" up; }
# (for fi_nth, which execs a program in the task it armed)
pf_open_cmd=(ip link set "$pf" up)
vf_open() { in_ns nsa ip link set "$vf" up; }
for s in "snic_ring_alloc ENOMEM" "snic_ring_rx_pool_create ENOMEM" \
	 "snic_pf_irq_queue_request EBUSY"; do
	set -- $s
	row "$1" "PF open (ip link set up)" "$2"
	ip link set "$pf" down
	inject "$1" "$2"
	run pf_open
	fired
	fails_with "opening the PF" "$2" "$rc" "$out"
	logged "$pf: open failed: -$(errno_num "$2")"
	check "PF: not up" closed "$pf"
	check_eq "PF: no queue interrupt" 0 "$(irqs_named "$pf-TxRx")"
	fi_fn_disarm
	check "PF: the next open works" pf_open
	check "PF: carrier" wait_until 20 carrier_on "$pf"
done
pf_open_clean() {
	check "PF: not up" closed "$pf"
	check_eq "PF: no queue interrupt" 0 "$(irqs_named "$pf-TxRx")"
}
pf_down() { ip link set "$pf" down; }
for n in 1 2 3 4; do
	pf_down
	nth_row sriovnic_common $n "PF open (ip link set up)" "${pf_open_cmd[*]}" pf_open_clean :
	check "PF: carrier" wait_until 20 carrier_on "$pf"
done
check "PF <-> VF 0 ping after the failed opens" ping_retry nsa 10.0.0.1
for s in "snic_ring_alloc ENOMEM" "snic_ring_rx_pool_create ENOMEM" \
	 "snic_vf_datapath_start ETIMEDOUT"; do
	set -- $s
	row "$1" "VF open (ip link set up)" "$2"
	in_ns nsa ip link set "$vf" down
	inject "$1" "$2"
	run vf_open
	fired
	fails_with "opening the VF" "$2" "$rc" "$out"
	logged "$vf: open failed: -$(errno_num "$2")"
	check "VF: not up" closed "$vf" nsa
	fi_fn_disarm
	check "VF: the next open works" vf_open
	check "VF: carrier" wait_until 20 carrier_on "$vf" nsa
	check "VF 0 <-> PF ping" ping_retry nsa 10.0.0.1
done

# --- ethtool -G ---------------------------------------------------------------
# rx_ring DEV [NS]: the current RX ring size.
rx_ring() {
	in_ns "${2:-}" ethtool -g "$1" | awk '/^Current/ { c = 1 } c && /^RX:/ { print $2; exit }'
}
pf_rx=$(rx_ring "$pf")
row snic_ring_alloc "PF ethtool -G (new size)" ENOMEM
inject snic_ring_alloc ENOMEM
run ethtool -G "$pf" rx 1024
fired
fails_with "ethtool -G on the PF" ENOMEM "$rc" "$out"
check_eq "PF: the old ring size stays" "$pf_rx" "$(rx_ring "$pf")"
check "PF <-> VF 0 ping on the old rings" ping_retry nsa 10.0.0.1

row "snic_ring_alloc x2" "PF ethtool -G (new and old size)" ENOMEM
inject snic_ring_alloc ENOMEM 2
run ethtool -G "$pf" rx 1024
fired
fails_with "ethtool -G on the PF" ENOMEM "$rc" "$out"
logged "$pf: queues down \(-12\): interface closed"
check "PF: closed, not left up without queues" closed "$pf"
fi_fn_disarm
check "PF: the next open works" pf_open
check "PF: carrier" wait_until 20 carrier_on "$pf"
check "PF <-> VF 0 ping again" ping_retry nsa 10.0.0.1

vf_rx=$(rx_ring "$vf" nsa)
row snic_ring_alloc "VF ethtool -G (new size)" ENOMEM
inject snic_ring_alloc ENOMEM
run in_ns nsa ethtool -G "$vf" rx 1024
fired
fails_with "ethtool -G on the VF" ENOMEM "$rc" "$out"
check_eq "VF: the old ring size stays" "$vf_rx" "$(rx_ring "$vf" nsa)"
check "VF 0 <-> PF ping on the old rings" ping_retry nsa 10.0.0.1

row "snic_ring_alloc x2" "VF ethtool -G (new and old size)" ENOMEM
inject snic_ring_alloc ENOMEM 2
run in_ns nsa ethtool -G "$vf" rx 1024
fired
fails_with "ethtool -G on the VF" ENOMEM "$rc" "$out"
logged "$vf: cannot restart the rings \(-12\): interface closed"
check "VF: closed, not left up without rings" closed "$vf" nsa
fi_fn_disarm
check "VF: the next open works" vf_open
check "VF: carrier" wait_until 20 carrier_on "$vf" nsa
check "VF 0 <-> PF ping again" ping_retry nsa 10.0.0.1

# --- PF reset, and the VFs' recovery after it ----------------------------------
pf_reset() { ethtool --reset "$pf" all; }
vf_back() { wait_until 40 carrier_on "$vf" nsa && ping_retry nsa 10.0.0.1; }
# reset_row SITE WHAT ERRNO: SITE failing fails the PF reset with ERRNO and
# closes the PF; the next reset and open work and VF 0 recovers.
reset_row() {
	row "$1" "$2" "$3"
	inject "$1" "$3"
	run pf_reset
	fired
	fails_with "the PF reset" "$3" "$rc" "$out"
	logged "$pf: reset failed: -$(errno_num "$3")"
	check "PF: closed, not left up without queues" closed "$pf"
	fi_fn_disarm
	check "the next PF reset works" pf_reset
	check "PF: the next open works" pf_open
	check "PF: carrier" wait_until 20 carrier_on "$pf"
	check "VF 0 recovers: carrier and ping" vf_back
}
reset_row snic_pf_hw_reset "PF reset (ethtool --reset)" ETIMEDOUT
reset_row snic_ring_alloc "PF reset (queues back up)" ENOMEM

row snic_vf_handshake "VF recovery after a PF reset" "retried"
inject snic_vf_handshake ETIMEDOUT
check "the PF reset works" pf_reset
check "VF 0 recovers: carrier and ping" vf_back
fired
logged "PF did not complete the reset \(-110\)"

row snic_vf_datapath_start "VF recovery after a PF reset" "retried"
inject snic_vf_datapath_start ETIMEDOUT
check "the PF reset works" pf_reset
check "VF 0 recovers: carrier and ping" vf_back
fired
logged "$vf: cannot restart the datapath: -110"
row_end

wd=$(log_since "$mark0" | grep 'NETDEV WATCHDOG')
check_eq "no transmit timeout all along" "" "$wd"

# --- unload -----------------------------------------------------------------------
row "(none)" "module unload, kmemleak" "none"
check_eq "sriovnic_vf: refcount 0" 0 "$(module_refcnt sriovnic_vf)"
check "sriovnic_vf unloads" rmmod sriovnic_vf
check "disable SR-IOV" set_numvfs 0
check_eq "sriovnic_pf: refcount 0" 0 "$(module_refcnt sriovnic_pf)"
check "sriovnic_pf unloads" rmmod sriovnic_pf
check_eq "sriovnic_common: refcount 0" 0 "$(module_refcnt sriovnic_common)"
check "sriovnic_common unloads" rmmod sriovnic_common
if [ -w /sys/kernel/debug/kmemleak ]; then
	sleep 5	# kmemleak reports objects older than 5 s
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	leaks=$(cat /sys/kernel/debug/kmemleak)
	check_eq "kmemleak: no leak" "" "$leaks"
else
	not_ok "kmemleak: no leak" "this kernel has no kmemleak"
fi

summary() {
	local r
	diag "fault-injection sweep: ${#rows[@]} sites in $((SECONDS - t0)) s"
	diag "$(printf '%-34s %-34s %-10s %s' SITE OPERATION ERRNO RESULT)"
	for r in "${rows[@]}"; do diag "$r"; done
}
row_end
summary
done_testing
