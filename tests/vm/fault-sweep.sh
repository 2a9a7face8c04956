#!/bin/bash
# proves: each error-returning step of PF probe, VF probe, SR-IOV enable and disable, ndo_open, ethtool -G, a PF reset, the VF's reset handshake and recovery, page pool, IRQ and debugfs set-up, made to fail alone (fail_function on the drivers' ALLOW_ERROR_INJECTION steps, failslab/fail_page_alloc scoped to one module's call chain), fails the operation with its error and leaves nothing half-done; the next operation works; the modules unload with refcount 0
# pairs: sriovnic/sriovnic
# kernels: debug
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
vf_carrier() { local d; d=$(vf_dev 0) && carrier_on "$d"; }
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
	check "VF: carrier after the handshake" wait_until 20 vf_carrier
	check "unbind the VF again" vf_unbind
done

# The first handshake failing is not fatal: the service work retries.
row snic_vf_handshake "VF probe (first handshake)" "retried"
inject snic_vf_handshake ETIMEDOUT
run vf_bind
check_eq "binding the VF succeeds" 0 "$rc"
fired
logged "$vfpci.*PF did not complete the reset \(-110\)"
check "VF: carrier once the retry completes" wait_until 30 vf_carrier
vf=$(vf_dev 0)
check "VF: ethtool -S counts the failed reset" \
	test "$(ethtool_stat "$vf" reset_failures)" -ge 1
row_end
vf=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
check "VF 0 <-> PF ping" ping_retry nsa 10.0.0.1

summary() {
	local r
	diag "fault-injection sweep: ${#rows[@]} sites in $((SECONDS - t0)) s"
	diag "$(printf '%-34s %-34s %-10s %s' SITE OPERATION ERRNO RESULT)"
	for r in "${rows[@]}"; do diag "$r"; done
}
row_end
summary
done_testing
