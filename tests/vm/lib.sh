# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Library for VM scenarios. A scenario is tests/vm/<name>.sh, run by bash
# as root inside the test guest (scripts/vm), and starts with:
#
#   #!/bin/bash
#   # proves: <the behaviour, one line; printed in every result line>
#   # topology: single | wire | failover   (optional; wire = two ports,
#   #           one wire; failover = wire plus a failover=on virtio-net)
#   # requires: pf=sriovnic | vf=sriovnic   (optional; other pairs skip it)
#   # pairs: PF/VF ...            (optional; the only pairs it runs for)
#   # kernel: debug               (optional; the only kernel it runs on:
#   #           a line of tests/vm/kernels or --kernel names it)
#   # vm: iommu                   (optional; intel-iommu, intel_iommu=on)
#   # timeout: SEC                (optional; QEMU's limit, default 900)
#   # slow: yes                   (optional; only in make check-slow)
#   . "$SNIC_DIR/tests/vm/lib.sh"
#   load_drivers
#   ...checks...
#   done_testing
#
# Environment: PF_DRV (igb|sriovnic), VF_DRV (igbvf|sriovnic), SNIC_DIR
# (the project, read-only), SNIC_KO (modules built for this kernel).
#
# Output is TAP: every check prints "ok N - what" or "not ok N - what" with
# "# " diagnostics. A scenario that stops early (bail, timeout, crash) is a
# failure: the harness requires done_testing's plan line. Kernel warnings
# in the guest log fail the scenario too (checked on the host).
#
# Addresses: port p's PF is 0000:0<p+1>:00.0; VFs follow in sysfs virtfnN.

_tap_n=0
_tap_fail=0

# ok DESC: record a passing check.
ok() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $*"
}

# not_ok DESC [DIAG...]: record a failing check with diagnostics.
not_ok() {
	local desc=$1 line
	shift
	_tap_n=$((_tap_n + 1))
	_tap_fail=$((_tap_fail + 1))
	echo "not ok $_tap_n - $desc"
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/# /'
	done
}

# skip DESC REASON: a check that cannot be made with this pair. The
# harness shows it but never counts it as passed.
skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $1 # SKIP $2"
}

# check DESC CMD...: ok when CMD exits 0; returns 1 after a not ok.
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc" "command: $*" "$out"
		return 1
	fi
}

# check_fails DESC CMD...: ok when CMD exits non-zero (an expected refusal).
check_fails() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		not_ok "$desc" "command unexpectedly succeeded: $*" "$out"
	else
		ok "$desc"
	fi
}

# check_eq DESC EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "expected: $2" "actual:   $3"
	fi
}

# bail REASON: stop the scenario; the harness counts it as a failure.
bail() {
	echo "Bail out! $*"
	exit 1
}

# done_testing: print the plan. Without it the scenario counts as failed.
done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_fail" -eq 0 ]
}

# diag TEXT: a TAP comment.
diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

# wait_until SECONDS CMD...: poll CMD every 0.2 s until it succeeds.
wait_until() {
	local end=$((SECONDS + $1))
	shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -ge "$end" ] && return 1
		sleep 0.2
	done
}

# --- drivers ---------------------------------------------------------------

_load_ko() {
	local m
	for m in "$@"; do
		grep -q "^${m##*/} " /proc/modules && continue
		insmod "$SNIC_KO/$m.ko" || return 1
	done
}

# load_vf_driver / load_pf_driver: the driver of the pair for each side.
load_vf_driver() {
	case $VF_DRV in
	igbvf) modprobe igbvf ;;
	sriovnic) _load_ko common/sriovnic_common vf/sriovnic_vf ;;
	*) bail "unknown VF driver $VF_DRV" ;;
	esac
}

load_pf_driver() {
	case $PF_DRV in
	igb) modprobe igb ;;
	sriovnic) _load_ko common/sriovnic_common pf/sriovnic_pf ;;
	*) bail "unknown PF driver $PF_DRV" ;;
	esac
}

unload_vf_driver() {
	case $VF_DRV in
	igbvf) modprobe -r igbvf ;;
	sriovnic) rmmod sriovnic_vf ;;
	esac
}

unload_pf_driver() {
	case $PF_DRV in
	igb) modprobe -r igb ;;
	sriovnic) rmmod sriovnic_pf ;;
	esac
}

# load_drivers: VF driver first (so VFs bind as they appear), then the PF
# driver; waits for every port's PF netdev.
load_drivers() {
	local p
	load_vf_driver || bail "cannot load VF driver $VF_DRV"
	load_pf_driver || bail "cannot load PF driver $PF_DRV"
	for p in $(ports); do
		wait_until 20 pf_dev "$p" || bail "no netdev for PF port $p"
	done
}

# --- devices ---------------------------------------------------------------

# ports: the port numbers of this topology.
ports() {
	if [ "${SNIC_TOPOLOGY:-single}" = wire ]; then echo 0 1; else echo 0; fi
}

# pf_pci [PORT]: PCI address of a port's PF.
pf_pci() {
	echo "0000:0$((${1:-0} + 1)):00.0"
}

# pf_dev [PORT]: the PF's netdev name (fails if none).
pf_dev() {
	local d
	d=$(ls "/sys/bus/pci/devices/$(pf_pci "${1:-0}")/net" 2>/dev/null | head -n 1)
	[ -n "$d" ] && echo "$d"
}

# pf_up [PORT] [ADDR/PREFIX]: bring the PF up and wait for carrier.
pf_up() {
	local dev
	dev=$(pf_dev "${1:-0}") || return 1
	ip link set "$dev" up || return 1
	[ -n "${2:-}" ] && { ip addr add "$2" dev "$dev" || return 1; }
	wait_until 20 carrier_on "$dev"
}

# carrier_on DEV [NETNS]
carrier_on() {
	if [ -n "${2:-}" ]; then
		[ "$(ip netns exec "$2" cat "/sys/class/net/$1/carrier" 2>/dev/null)" = 1 ]
	else
		[ "$(cat "/sys/class/net/$1/carrier" 2>/dev/null)" = 1 ]
	fi
}

# numvfs [PORT]: the current sriov_numvfs.
numvfs() {
	cat "/sys/bus/pci/devices/$(pf_pci "${1:-0}")/sriov_numvfs"
}

# set_numvfs N [PORT]: write sriov_numvfs; returns the write's status.
set_numvfs() {
	echo "$1" >"/sys/bus/pci/devices/$(pf_pci "${2:-0}")/sriov_numvfs"
}

# vf_driverless I: unbind VF I's driver (for a scenario that plays the VF
# itself through its BAR, tests/snic-bar.py or rogue-vf); prints its PCI
# address.
vf_driverless() {
	local bdf
	bdf=$(vf_pci "$1") || return 1
	echo "$bdf" >"/sys/bus/pci/drivers/$(vf_driver "$1")/unbind" || return 1
	echo "$bdf"
}

# vf_pci I [PORT]: PCI address of VF I.
vf_pci() {
	local l
	l=$(readlink "/sys/bus/pci/devices/$(pf_pci "${2:-0}")/virtfn$1") || return 1
	basename "$l"
}

# vf_driver I [PORT]: the driver bound to VF I (empty if none).
vf_driver() {
	local l
	l=$(readlink "/sys/bus/pci/devices/$(vf_pci "$1" "${2:-0}")/driver" 2>/dev/null) || return 0
	basename "$l"
}

# vf_dev I [PORT]: VF I's netdev name in the initial namespace.
vf_dev() {
	local d
	d=$(ls "/sys/bus/pci/devices/$(vf_pci "$1" "${2:-0}")/net" 2>/dev/null | head -n 1)
	[ -n "$d" ] && echo "$d"
}

# vf_driver_name: the driver name the pair's VF driver binds as.
vf_driver_name() {
	case $VF_DRV in
	igbvf) echo igbvf ;;
	sriovnic) echo sriovnic_vf ;;
	esac
}

# enable_vfs N [PORT]: create N VFs and wait until each has a netdev.
enable_vfs() {
	local i
	set_numvfs "$1" "${2:-0}" || return 1
	for ((i = 0; i < $1; i++)); do
		wait_until 30 vf_dev "$i" "${2:-0}" || return 1
	done
}

# vf_rebind I [PORT]: unbind and re-bind VF I's driver (the VF resets).
vf_rebind() {
	local pci drv
	pci=$(vf_pci "$1" "${2:-0}") || return 1
	drv=$(vf_driver "$1" "${2:-0}")
	[ -n "$drv" ] || return 1
	echo "$pci" >"/sys/bus/pci/drivers/$drv/unbind" || return 1
	echo "$pci" >"/sys/bus/pci/drivers/$drv/bind" || return 1
	wait_until 30 vf_dev "$1" "${2:-0}"
}

# --- namespaces ------------------------------------------------------------

# in_ns NS CMD...: run CMD in network namespace NS ("" = the initial one).
in_ns() {
	local ns=$1
	shift
	if [ -n "$ns" ]; then
		ip netns exec "$ns" "$@"
	else
		"$@"
	fi
}

# dev_to_ns DEV NS ADDR/PREFIX: move a netdev into a (new) namespace,
# address it, bring it up and wait for carrier.
dev_to_ns() {
	local dev=$1 ns=$2 addr=$3
	[ -e "/run/netns/$ns" ] || ip netns add "$ns" || return 1
	in_ns "$ns" ip link set lo up
	ip link set "$dev" netns "$ns" || return 1
	in_ns "$ns" ip addr add "$addr" dev "$dev" || return 1
	in_ns "$ns" ip link set "$dev" up || return 1
	wait_until 30 carrier_on "$dev" "$ns"
}

# vf_to_ns I NS ADDR/PREFIX [PORT]: dev_to_ns for VF I; prints its name.
vf_to_ns() {
	local dev
	dev=$(vf_dev "$1" "${4:-0}") || return 1
	dev_to_ns "$dev" "$2" "$3" || return 1
	echo "$dev"
}

# ping_ok [NS] ADDR: three pings; NS empty for the initial namespace.
ping_ok() {
	in_ns "$1" ping -c 3 -i 0.2 -W 2 "$2"
}

# ping_retry [NS] ADDR: like ping_ok, but allow up to 10 s for neighbours
# and carrier to settle first.
ping_retry() {
	local ns=$1 addr=$2
	wait_until 10 ping_ok "$ns" "$addr" || return 1
	ping_ok "$ns" "$addr"
}

# tcp_ok CLIENT_NS SERVER_NS SERVER_ADDR [SECONDS]: iperf3 TCP from client
# to server; prints the receiver's bits per second.
tcp_ok() {
	local cns=$1 sns=$2 addr=$3 secs=${4:-2} out bps
	in_ns "$sns" iperf3 -s -1 -D -B "$addr" -p 5201 >/dev/null 2>&1 || return 1
	sleep 0.5
	out=$(in_ns "$cns" timeout 60 iperf3 -c "$addr" -p 5201 -t "$secs" -J 2>&1) || {
		echo "$out"
		return 1
	}
	bps=$(python3 -c 'import json,sys; print(int(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]))' <<<"$out") || return 1
	echo "$bps"
	[ "$bps" -gt 0 ]
}

# --- leak checks -------------------------------------------------------------

# mem_snapshot: slab objects in use per cache plus MemAvailable, for a
# before/after comparison (the guest kernel has no kmemleak).
mem_snapshot() {
	awk 'NR > 2 { s += $2 * $4 } END { print s }' /proc/slabinfo
}

# mem_avail_kb: MemAvailable plus the free pages on the per-CPU lists
# (/proc/zoneinfo's pagesets). Those are free but not in MemFree, and the
# lists grow and shrink by 10 MiB and more with the pattern of frees (a VF
# RX ring is 8 MiB of pages): loaded runs of sriov-cycle saw MemAvailable
# 11-13 MiB lower after the cycles with the per-CPU lists 10.8 MiB longer.
mem_avail_kb() {
	local pcp
	pcp=$(awk '$1 == "count:" { s += $2 } END { print s * 4 }' /proc/zoneinfo)
	echo $(($(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo) + pcp))
}

# mem_settle: write back and drop the reclaimable slab caches.
mem_settle() {
	sync
	echo 2 >/proc/sys/vm/drop_caches
	sleep 1
}

# mem_recovered KB0: after mem_settle, mem_avail_kb is within 8 MiB of KB0.
# Freed memory comes back late on a loaded host (RCU callbacks, page_pool's
# retry every second of a pool with pages in flight); a leak never does, so
# callers wait for this a while (wait_until 30 mem_recovered "$kb0").
mem_recovered() {
	mem_settle
	[ $(($1 - $(mem_avail_kb))) -lt 8192 ]
}

# mem_kernel_kb: the meminfo fields that hold kernel memory, and the
# per-CPU free lists, on one line (to tell which one kept a leak).
mem_kernel_kb() {
	awk '/^(MemFree|Cached|AnonPages|Slab|KernelStack|PageTables|Percpu|VmallocUsed):/ {
		printf "%s%s %d", s, $1, $2; s = "; " }' /proc/meminfo
	awk '$1 == "count:" { s += $2 } END { print "; per-CPU free lists:", s * 4 }' /proc/zoneinfo
}

# leak_mark MODULE...: the figures leak_checks compares against, taken
# after the caller's warm-up (caches and first-use allocations are not
# leaks): slab bytes, MemAvailable, the kernel's meminfo, /proc/slabinfo
# and each MODULE's use count.
leak_mark() {
	local m

	mem_settle
	_leak_slab=$(mem_snapshot) _leak_avail=$(mem_avail_kb)
	_leak_meminfo=$(mem_kernel_kb)
	cp /proc/slabinfo /run/snic-leak-slabinfo
	_leak_mods=("$@") _leak_refs=()
	for m in "$@"; do
		_leak_refs+=("$(module_refcnt "$m")")
	done
}

# leak_checks WHAT SLAB_KIB: since leak_mark, slab memory grew by less
# than SLAB_KIB, MemAvailable (with the per-CPU free lists) dropped by less
# than 8 MiB, and every module's use count is back, over WHAT ("10
# cycles"); the figures and the caches that grew most as diag lines.
leak_checks() {
	local what=$1 max=$2 slab avail i

	wait_until 30 mem_recovered "$_leak_avail"
	slab=$(mem_snapshot) avail=$(mem_avail_kb)
	diag "slab bytes in use: $_leak_slab -> $slab; MemAvailable + per-CPU free lists kB: $_leak_avail -> $avail"
	diag "meminfo kB before: $_leak_meminfo"
	diag "meminfo kB after:  $(mem_kernel_kb)"
	diag "grew most: $(python3 "$SNIC_DIR/tests/slab-growth.py" /run/snic-leak-slabinfo)"
	check "slab memory grew by less than $max KiB over $what ($(((slab - _leak_slab) / 1024)) KiB)" \
		test $((slab - _leak_slab)) -lt $((max * 1024))
	check "MemAvailable (with the per-CPU free lists) dropped by less than 8 MiB over $what ($((_leak_avail - avail)) KiB)" \
		test $((_leak_avail - avail)) -lt $((8 * 1024))
	for i in "${!_leak_mods[@]}"; do
		check_eq "${_leak_mods[i]} refcount unchanged" "${_leak_refs[i]}" \
			"$(module_refcnt "${_leak_mods[i]}")"
	done
}

# ping_tally FILE: "SENT RECEIVED" from the summary of a ping's output.
ping_tally() {
	sed -nE 's/^([0-9]+) packets transmitted, ([0-9]+) received.*/\1 \2/p' "$1"
}

# module_refcnt NAME: the module's use count (0 if not loaded).
module_refcnt() {
	cat "/sys/module/$1/refcnt" 2>/dev/null || echo 0
}

# inner_results LABEL FILE: a nested guest's results as this scenario's
# checks. tests/vm/nested/init writes "INNER ok - WHAT" or "INNER not ok -
# WHAT", each followed by its "INNER # ..." diagnostics, on its serial
# console (FILE); each becomes the check "LABEL: WHAT", any other "INNER
# ..." line a diagnostic. Read through a here-string: the nested guest's
# devtmpfs has no /dev/fd for < <(...).
inner_results() {
	local label=$1 line res='' desc='' diags=()
	_inner_emit() {
		local l
		case $res in
		ok) ok "$label: $desc"; for l in "${diags[@]}"; do diag "$l"; done ;;
		not) not_ok "$label: $desc" "${diags[@]}" ;;
		esac
		res='' desc='' diags=()
	}
	while IFS= read -r line; do
		case $line in
		"INNER ok - "*) _inner_emit; res=ok desc=${line#INNER ok - } ;;
		"INNER not ok - "*) _inner_emit; res=not desc=${line#INNER not ok - } ;;
		"INNER # "*) diags+=("${line#INNER # }") ;;
		"INNER "*) _inner_emit; diag "$label: ${line#INNER }" ;;
		esac
	done <<<"$(tr -d '\r' <"$2")"
	_inner_emit
}

# --- QEMU's monitor ("# vm: monitor") -------------------------------------

# qemu_monitor CMD...: run one monitor command on the host and print its
# output. The guest cannot reach QEMU's monitor: it writes the command to
# its out directory, where the host's tests/vm/qemu-mon picks it up and
# writes the answer back (scripts/vm starts it for "# vm: monitor").
qemu_monitor() {
	local f i
	f=/run/out/mon-$BASHPID$RANDOM$SECONDS
	echo "$*" >"$f.tmp" && mv "$f.tmp" "$f.cmd" || return 1
	for ((i = 0; i < 300; i++)); do
		[ -e "$f.out" ] && { cat "$f.out"; return 0; }
		sleep 0.1
	done
	echo "no answer from the host's monitor relay" >&2
	return 1
}

# qemu_trace_start EVENT: turn on QEMU's log trace of EVENT (a trace
# event name or pattern); its lines go to QEMU's stderr, which scripts/vm
# writes to /run/out/qemu.log. Prints the log's size before, for
# qemu_writes_since. Needs "# vm: monitor".
qemu_trace_start() {
	local size out
	size=$(stat -c %s /run/out/qemu.log) || return 1
	out=$(qemu_monitor "log trace:$1") || return 1
	[ -z "$(tr -d '\r\n' <<<"$out")" ] || { echo "$out" >&2; return 1; }
	echo "$size"
}

# qemu_trace_stop: turn QEMU's log trace off again.
qemu_trace_stop() {
	qemu_monitor "log none" >/dev/null
}

# qemu_writes_since SIZE REG: how many e1000e_core_write lines for
# register REG (0x-prefixed hex, as QEMU prints it; a VF's register shows
# at its translated PF offset) /run/out/qemu.log has past byte SIZE.
qemu_writes_since() {
	tail -c +"$(($1 + 1))" /run/out/qemu.log |
		grep -c "e1000e_core_write Write to register $2," || true
}

# irq_count NAME: the interrupts of the vector NAME (/proc/interrupts'
# last column), summed over the CPUs.
irq_count() {
	awk -v n="$1" '$NF == n { s = 0; for (i = 2; i <= NF; i++)
		if ($i ~ /^[0-9]+$/) s += $i; else break; print s; found = 1 }
		END { if (!found) exit 1 }' /proc/interrupts
}

# --- failover (topology: failover) -------------------------------------------
#
# The failover topology (scripts/vm) adds a virtio-net with failover=on and
# MAC 52:54:00:5a:0f:00 on the port's wire. virtio_net registers a
# net_failover master with that MAC and its own netdev as the standby
# slave; a PCI netdev registering in the master's namespace with the same
# permanent MAC becomes the primary. A VF therefore needs that MAC from
# its PF before its driver binds (vf_bind_with_mac).

# shellcheck disable=SC2034 # used by scenarios
FAILOVER_MAC=52:54:00:5a:0f:00

# failover_master: the net_failover master's name (virtio_net's device
# that has lower devices and no master of its own).
failover_master() {
	local d l
	for d in /sys/class/net/*; do
		l=$(readlink "$d/device/driver" 2>/dev/null) || continue
		[ "${l##*/}" = virtio_net ] || continue
		[ -e "$d/master" ] && continue
		compgen -G "$d/lower_*" >/dev/null || continue
		echo "${d##*/}"
		return 0
	done
	return 1
}

# failover_slave MASTER primary|standby: the master's primary (a PCI VF)
# or standby (virtio) slave; fails if there is none.
failover_slave() {
	local l dev vf
	for l in /sys/class/net/"$1"/lower_*; do
		[ -e "$l" ] || continue
		dev=${l##*/lower_}
		vf=no
		[ -e "/sys/class/net/$dev/device/physfn" ] && vf=yes
		if { [ "$2" = primary ] && [ $vf = yes ]; } ||
		   { [ "$2" = standby ] && [ $vf = no ]; }; then
			echo "$dev"
			return 0
		fi
	done
	return 1
}

# load_failover: load virtio_net and wait for the master; prints its name.
load_failover() {
	modprobe virtio_net || return 1
	wait_until 20 failover_master || return 1
	failover_master
}

# vf_bind_with_mac MAC PF_DEV [NS] [PORT]: give VF 0 MAC through the PF
# (netdev PF_DEV in namespace NS, "" for the initial one) before its
# driver binds: with sriov_drivers_autoprobe off, create VF 0 if there is
# none, set MAC, then bind the pair's VF driver through driver_override
# (an unprobed VF binds only so). Prints the VF's netdev name.
vf_bind_with_mac() {
	local mac=$1 pf=$2 ns=${3:-} port=${4:-0} pci
	echo 0 >"/sys/bus/pci/devices/$(pf_pci "$port")/sriov_drivers_autoprobe" ||
		return 1
	if [ "$(numvfs "$port")" = 0 ]; then
		set_numvfs 1 "$port" || return 1
	fi
	in_ns "$ns" ip link set "$pf" vf 0 mac "$mac" || return 1
	pci=$(vf_pci 0 "$port") || return 1
	vf_driver_name >"/sys/bus/pci/devices/$pci/driver_override" || return 1
	echo "$pci" >/sys/bus/pci/drivers_probe || return 1
	wait_until 30 vf_dev 0 "$port" || return 1
	vf_dev 0 "$port"
}

# dev_stat DEV COUNTER: a netdev's statistics counter (rx_packets, ...).
dev_stat() {
	cat "/sys/class/net/$1/statistics/$2"
}

# ping_count [NS] ADDR COUNT INTERVAL: COUNT pings INTERVAL apart, each
# waited for at most 1 s; prints "SENT RECEIVED".
ping_count() {
	local out
	out=$(in_ns "$1" ping -q -n -c "$3" -i "$4" -W 1 "$2" 2>&1)
	sed -nE 's/^([0-9]+) packets transmitted, ([0-9]+) received.*/\1 \2/p' \
		<<<"$out" | grep . || echo "0 0"
}

# --- mailbox extension -------------------------------------------------------

# fw_version DEV [NETNS]: the firmware-version line of ethtool -i (our VF
# reports the mailbox in use there).
fw_version() {
	in_ns "${2:-}" ethtool -i "$1" 2>/dev/null |
		sed -n 's/^firmware-version: *//p'
}

# link_ext_state DEV [NETNS]: what ethtool shows in brackets after
# "Link detected: no" (the link's extended state), empty if nothing.
link_ext_state() {
	in_ns "${2:-}" ethtool "$1" 2>/dev/null |
		sed -nE 's/^\s*Link detected: no \((.*)\)$/\1/p'
}

# pf_vfs_debugfs [PORT]: sriovnic_pf's per-VF debugfs file for a port
# (mounts debugfs if needed); fails if there is none.
pf_vfs_debugfs() {
	local f
	[ -d /sys/kernel/debug/sriovnic_pf ] ||
		mount -t debugfs none /sys/kernel/debug 2>/dev/null
	f=/sys/kernel/debug/sriovnic_pf/$(pf_pci "${1:-0}")/vfs
	[ -r "$f" ] && echo "$f"
}

# vf_mbx_diag VF...: what sriovnic_pf holds for its VFs (debugfs), the PF's
# view of each named VF's mailbox (P2VMAILBOX and word 0 of its buffer)
# and the last driver lines of the log, as diag lines: for a scenario to
# call when a VF's carrier or traffic is missing, before it fails.
vf_mbx_diag() {
	local v f bar="python3 $SNIC_DIR/tests/snic-bar.py"

	f=$(pf_vfs_debugfs) && while read -r l; do diag "$l"; done <"$f"
	for v in "$@"; do
		diag "VF $v: P2VMAILBOX/word 0: $($bar "$(pf_pci 0)" rd \
			$((0xc00 + 4 * v)) $((0x800 + 64 * v)) | tr '\n' ' ')"
	done
	dmesg | grep -i 'sriovnic\|igbvf\|igb ' | tail -n 30 |
		while read -r l; do diag "$l"; done
}

# pf_vf_debug I FIELD [PORT]: one KEY=VALUE field (ext, caps, link_reason,
# events, nacks, dropped) of VF I's line in that file.
pf_vf_debug() {
	local f
	f=$(pf_vfs_debugfs "${3:-0}") || return 1
	awk -v vf="vf$1" -v key="$2" '$1 == vf {
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] == key) { print kv[2]; found = 1 }
		}
	} END { exit !found }' "$f"
}

# log_mark: put a unique marker line in the kernel log and print it, for
# log_since.
log_mark() {
	local m="snic-mark-$$-$RANDOM-$SECONDS"
	echo "$m" >/dev/kmsg
	echo "$m"
}

# log_since MARK: the kernel log after the line holding MARK.
log_since() {
	dmesg | awk -v m="$1" 'seen { print } index($0, m) { seen = 1 }'
}

# ethtool_stat DEV NAME [NETNS]: one ethtool -S counter.
ethtool_stat() {
	in_ns "${3:-}" ethtool -S "$1" 2>/dev/null |
		awk -v n="$2:" '$1 == n { print $2; found = 1 } END { exit !found }'
}

# --- hostile VF (tests/rogue/rogue-vf.c) --------------------------------------

# rogue_vf_bin: the rogue-vf tool for this run: the host's build
# (make rogue, build/rogue/rogue-vf) when it is newer than its source,
# else built here into /run (slower: the compiler runs under TCG).
rogue_vf_bin() {
	local src=$SNIC_DIR/tests/rogue/rogue-vf.c bin=$SNIC_DIR/build/rogue/rogue-vf
	if [ -x "$bin" ] && [ "$bin" -nt "$src" ]; then
		echo "$bin"
		return 0
	fi
	bin=/run/rogue-vf
	[ -x "$bin" ] || cc -O2 -I "$SNIC_DIR/tests/fuzz/shim" -I "$SNIC_DIR/include" \
		-o "$bin" "$src" >&2 || return 1
	echo "$bin"
}

# rogue_field LINE KEY: the value of KEY= in a rogue-vf summary line.
rogue_field() {
	tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -n 1
}

# vf_trust_latency PF_DEV VF SECONDS: for SECONDS, every 0.2 s, set VF's
# trust off through one rtnetlink socket (what ip link set PF vf VF trust
# off sends) and time each request until the kernel's answer; prints
# "CALLS MAX_MS MEAN_MS FAILED". Timed in one process that runs real-time,
# so the figure is the kernel's (the PF's) delay, not the cost of starting
# ip over 9p on a busy guest.
vf_trust_latency() {
	chrt -f 50 python3 - "$@" <<'PY'
import socket, struct, sys, time
dev, vf, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
idx = socket.if_nametoindex(dev)
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)   # NETLINK_ROUTE
s.bind((0, 0))
def attr(t, payload):
    a = struct.pack("HH", 4 + len(payload), t) + payload
    return a + b"\0" * (-len(a) % 4)
NLA_F_NESTED = 1 << 15
trust = attr(9, struct.pack("II", vf, 0))                 # IFLA_VF_TRUST
body = struct.pack("BBHiII", 0, 0, 0, idx, 0, 0)          # ifinfomsg
body += attr(22 | NLA_F_NESTED, attr(1 | NLA_F_NESTED, trust))  # VFINFO_LIST/INFO
lat, failed, seq = [], 0, 0
end = time.monotonic() + secs
while time.monotonic() < end:
    seq += 1
    msg = struct.pack("IHHII", 16 + len(body), 19, 1 | 4, seq, 0) + body  # RTM_SETLINK, REQUEST|ACK
    t0 = time.monotonic()
    s.send(msg)
    while True:
        r = s.recv(65536)
        ln, typ, _, rseq, _ = struct.unpack_from("IHHII", r)
        if typ == 2 and rseq == seq:                      # NLMSG_ERROR (0: ACK)
            err = struct.unpack_from("i", r, 16)[0]
            break
    lat.append((time.monotonic() - t0) * 1000)
    failed += err != 0
    time.sleep(0.2)
n = len(lat)
print(n, int(max(lat)) if n else 0, int(sum(lat) / n) if n else 0, failed)
PY
}

# --- between scenarios (tests/vm/guest-run) ----------------------------------
#
# One guest runs several scenarios in turn. Before the first, guest-run
# records the guest's clean state (snic_baseline); after each, snic_teardown
# returns the guest to it: every process the scenario left is killed, its
# namespaces and mounts go, SR-IOV is disabled on every PF, and every module
# loaded since the baseline (the drivers of the pair, vfio, virtio_net, ...)
# is unloaded. What cannot be undone is printed and fails the scenario (a
# driver that refuses to unload is a bug to report); guest-run then stops,
# and the scenarios after it run in a fresh guest.

_snic_state=/run/snic-state

# _snic_list: the lines of a file as " A B C " (for [[ == *" x "* ]]).
_snic_list() {
	local l out=" "
	while read -r l _; do out+="$l "; done <"$1"
	echo "$out"
}

# snic_baseline: record the clean state; run once, before any scenario.
snic_baseline() {
	local f
	mkdir -p "$_snic_state"
	awk '{ print $1 }' /proc/modules >"$_snic_state/modules"
	awk '{ print $2 }' /proc/mounts >"$_snic_state/mounts"
	cat /proc/sys/vm/nr_hugepages >"$_snic_state/hugepages" 2>/dev/null
	for f in /sys/bus/pci/devices/*; do echo "${f##*/}"; done >"$_snic_state/pci"
	for f in /sys/class/net/*; do echo "${f##*/}"; done >"$_snic_state/netdevs"
}

# _snic_leftovers: user processes other than teardown's own ancestry and
# guest-run's heartbeat (its pid in $_snic_state/keep) with its children,
# one "PID (COMMAND)" a line; kernel threads (flag PF_KTHREAD) and zombies
# (they go with their parent) are not listed. Bash builtins only: every
# program start is slow on a TCG guest over 9p.
_snic_leftovers() {
	local hb= anc=" " q=$BASHPID p stat rest
	read -r hb <"$_snic_state/keep" 2>/dev/null
	while [ -n "$q" ] && [ "$q" != 0 ]; do
		anc+="$q "
		read -r stat 2>/dev/null <"/proc/$q/stat" || break
		rest=${stat##*) }
		# shellcheck disable=SC2086 # fields
		set -- $rest
		q=$2
	done
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		[[ $anc == *" $p "* ]] && continue
		[ "$p" = "$hb" ] && continue
		read -r stat 2>/dev/null <"/proc/$p/stat" || continue
		rest=${stat##*) }
		# shellcheck disable=SC2086 # fields
		set -- $rest
		[ "$2" = "$hb" ] && continue
		[ $(($7 & 0x200000)) -ne 0 ] && continue
		[ "$1" = Z ] && continue
		rest=${stat%) *}
		echo "$p (${rest#*(})"
	done
}

_snic_none_left() {
	[ -z "$(_snic_leftovers)" ]
}

# _snic_new_modules: modules loaded since the baseline, one a line.
_snic_new_modules() {
	local base m _
	base=$(_snic_list "$_snic_state/modules")
	while read -r m _; do
		[[ $base == *" $m "* ]] || echo "$m"
	done </proc/modules
}

# snic_teardown: return the guest to the baseline; prints what it did and
# fails (printing why) if the guest is not clean afterwards.
snic_teardown() {
	local p left m pass f dev base bad=() t0=$SECONDS

	left=$(_snic_leftovers)
	if [ -n "$left" ]; then
		echo "killing what the scenario left running:" $left
		while read -r p _; do kill -9 "$p"; done <<<"$left" 2>/dev/null
		wait_until 10 _snic_none_left
	fi
	compgen -G "/run/netns/*" >/dev/null && ip -all netns delete &&
		echo "namespaces deleted ($((SECONDS - t0)) s in)"
	# Mounts the scenario made, innermost first.
	base=$(_snic_list "$_snic_state/mounts")
	local mnts=()
	while read -r _ m _; do
		[[ $base == *" $m "* ]] || mnts=("$m" "${mnts[@]}")
	done </proc/mounts
	for m in "${mnts[@]}"; do
		echo "unmounting $m"
		umount -l "$m" 2>/dev/null
	done
	read -r m <"$_snic_state/hugepages" 2>/dev/null &&
		read -r f </proc/sys/vm/nr_hugepages && [ "$m" != "$f" ] &&
		echo "$m" >/proc/sys/vm/nr_hugepages
	# PCI devices a scenario removed come back with a rescan.
	while read -r p; do
		[ -e "/sys/bus/pci/devices/$p" ] && continue
		echo "rescanning the PCI bus ($p gone)"
		echo 1 >/sys/bus/pci/rescan
		break
	done <"$_snic_state/pci"
	for f in /sys/bus/pci/devices/*/sriov_numvfs; do
		read -r m <"$f" 2>/dev/null || continue
		[ "$m" = 0 ] && continue
		p=${f%/sriov_numvfs}
		echo "disabling SR-IOV on ${p##*/}"
		# (No timeout here: a PF that hangs here hangs the guest, and
		# scripts/vm stops it past the scenario's limit.)
		echo 0 >"$f" || bad+=("cannot disable SR-IOV on ${p##*/}")
		echo "SR-IOV off ($((SECONDS - t0)) s in)"
	done
	for f in /sys/bus/pci/devices/*/sriov_drivers_autoprobe; do
		read -r m <"$f" 2>/dev/null && [ "$m" != 1 ] && echo 1 >"$f"
	done
	for f in /sys/bus/pci/devices/*/driver_override; do
		read -r m <"$f" 2>/dev/null || continue
		[ -n "$m" ] && [ "$m" != "(null)" ] && echo >"$f"
	done
	echo 1 >/sys/bus/pci/drivers_autoprobe
	# Unload what was loaded, users before what they use, in one rmmod
	# (every program start costs on a busy TCG guest): a module goes after
	# its holders when they are its only users (refcnt = holders, all in
	# the list already). Then each pass one rmmod for every module nothing
	# uses any more, for what that left.
	local unused=() order=() rest=() next=() more=1 h n
	rest=($(_snic_new_modules))
	while [ "$more" = 1 ]; do
		more=0 next=()
		for p in "${rest[@]}"; do
			f=
			read -r f <"/sys/module/$p/refcnt" 2>/dev/null
			n=0
			for h in "/sys/module/$p/holders/"*; do
				[ -e "$h" ] || continue
				[[ " ${order[*]} " == *" ${h##*/} "* ]] || { n=-1; break; }
				n=$((n + 1))
			done
			if [ "$n" -ge 0 ] && [ "$f" = "$n" ]; then
				order+=("$p") more=1
			else
				next+=("$p")
			fi
		done
		rest=("${next[@]}")
	done
	[ ${#order[@]} -gt 0 ] && rmmod "${order[@]}" &&
		echo "unloaded ${order[*]} ($((SECONDS - t0)) s in)"
	for pass in 1 2 3 4 5 6; do
		unused=()
		for p in $(_snic_new_modules); do
			read -r f <"/sys/module/$p/refcnt" 2>/dev/null
			[ "$f" = 0 ] && unused+=("$p")
		done
		[ ${#unused[@]} -gt 0 ] || break
		rmmod "${unused[@]}" && echo "unloaded ${unused[*]} ($((SECONDS - t0)) s in)"
	done
	for p in $(_snic_new_modules); do
		read -r f <"/sys/module/$p/refcnt" 2>/dev/null
		bad+=("module $p does not unload (refcnt $f)")
	done
	base=$(_snic_list "$_snic_state/netdevs")
	for dev in /sys/class/net/*; do
		dev=${dev##*/}
		[[ $base == *" $dev "* ]] && continue
		ip link del "$dev" || bad+=("network device $dev remains")
	done
	compgen -G "/run/netns/*" >/dev/null &&
		bad+=("network namespaces remain: $(ls /run/netns | xargs)")
	left=$(_snic_leftovers)
	[ -z "$left" ] || bad+=("processes remain: $(xargs <<<"$left")")
	while read -r p; do
		[ -e "/sys/bus/pci/devices/$p" ] || bad+=("PCI device $p gone")
	done <"$_snic_state/pci"
	compgen -G "/tmp/*" >/dev/null && rm -rf /tmp/* /tmp/.[!.]*
	compgen -G "/dev/shm/*" >/dev/null && rm -rf /dev/shm/*
	echo "teardown took $((SECONDS - t0)) s"
	if [ ${#bad[@]} -gt 0 ]; then
		printf 'NOT CLEAN: %s\n' "${bad[@]}"
		return 1
	fi
	echo "clean"
}

# Kernel memory leaks (a kernel with CONFIG_DEBUG_KMEMLEAK, the debug
# kernel of scripts/debug-kernel, with automatic scans off): guest-run
# forgets what was there before the first scenario, then after each
# scenario's teardown scans and writes any report to FILE. kmemleak
# reports objects that are at least 5 s old with no reference found; the
# second scan confirms the first's suspects.
snic_kmemleak_forget() {
	local k=/sys/kernel/debug/kmemleak
	[ -w "$k" ] || return 0
	echo scan >"$k" && echo clear >"$k"
}
snic_kmemleak_check() {	# snic_kmemleak_check FILE: fails on a report
	local k=/sys/kernel/debug/kmemleak
	[ -w "$k" ] || return 0
	echo scan >"$k" && echo scan >"$k" && cat "$k" >"$1"
	echo clear >"$k"
	[ ! -s "$1" ]
}

# --- fault injection (the debug kernel; tests/vm/fault-sweep.sh) ------------
#
# fail_function makes a function marked ALLOW_ERROR_INJECTION return an
# error; failslab and fail_page_alloc fail allocations, here only the Nth
# one in the current task whose call chain runs through one module's text
# (/proc/<pid>/fail-nth with require-start/require-end). Every attribute
# logs one line per injection (verbose 1: no stack dump, which the
# harness would take for a kernel warning).
_fi=/sys/kernel/debug

# fi_available: the kernel has fail_function, failslab, fail_page_alloc
# and their stack filter.
fi_available() {
	[ -d $_fi/fail_function ] || mount -t debugfs none $_fi 2>/dev/null
	[ -w $_fi/fail_function/inject ] && [ -w $_fi/failslab/require-start ] &&
		[ -w $_fi/fail_page_alloc/require-start ] && [ -e /proc/self/fail-nth ]
}

# fi_setup: quiet, deterministic attributes; nothing armed.
fi_setup() {
	local a
	for a in fail_function failslab fail_page_alloc; do
		echo 1 >$_fi/$a/verbose || return 1
		echo 0 >$_fi/$a/probability || return 1
		echo 1 >$_fi/$a/interval || return 1
		echo 0 >$_fi/$a/space || return 1
		echo N >$_fi/$a/task-filter || return 1
	done
	echo N >$_fi/failslab/ignore-gfp-wait &&
		echo N >$_fi/fail_page_alloc/ignore-gfp-wait &&
		echo 32 >$_fi/failslab/stacktrace-depth &&
		echo 32 >$_fi/fail_page_alloc/stacktrace-depth &&
		echo >$_fi/fail_function/inject
}

# fi_fn_arm FUNCTION ERRNO [TIMES]: the next TIMES calls (default 1) of
# FUNCTION return -ERRNO (ERRNO 0: NULL, for a function returning a pointer).
fi_fn_arm() {
	local f=$_fi/fail_function
	echo >$f/inject && echo "$1" >$f/inject || return 1
	printf '%#x' "$((-$2))" >"$f/$1/retval" || return 1
	echo "${3:-1}" >$f/times && echo 100 >$f/probability
}

# fi_fn_left: the injections fail_function still has to make (0: all made).
fi_fn_left() {
	cat $_fi/fail_function/times
}

# fi_fn_disarm: nothing injected any more.
fi_fn_disarm() {
	echo 0 >$_fi/fail_function/probability
	echo >$_fi/fail_function/inject
}

# fi_mod_range MODULE: "START END" of the module's text (from its symbols;
# END is the end of the page of its last function).
fi_mod_range() {
	local lo hi
	# Same-length hex: text order is numeric order.
	# (No process substitution: the guest has no /dev/fd.)
	lo=$(grep "\[$1\]\$" /proc/kallsyms | awk '$2 ~ /^[tT]$/ { print $1 }' | sort)
	hi=${lo##*$'\n'}
	lo=${lo%%$'\n'*}
	[ -n "$hi" ] || return 1
	printf '0x%x 0x%x\n' "$((16#$lo))" "$(((16#$hi | 4095) + 1))"
}

# fi_alloc_scope MODULE: failslab and fail_page_alloc count only
# allocations whose call chain runs through MODULE.
fi_alloc_scope() {
	local r a
	r=$(fi_mod_range "$1") || return 1
	for a in failslab fail_page_alloc; do
		echo "${r% *}" >$_fi/$a/require-start || return 1
		echo "${r#* }" >$_fi/$a/require-end || return 1
	done
}

# fi_nth N CMD...: run CMD with the Nth allocation in the scope failing,
# in a task of its own: a subshell that runs a shell builtin or function
# itself and execs a program (fail-nth belongs to one task, and a fork
# does not inherit it). Returns CMD's status; fi_nth_fired tells whether
# the allocation was reached.
fi_nth() {
	echo 1 >$_fi/failslab/times && echo 1 >$_fi/fail_page_alloc/times ||
		return 99
	(
		echo "$1" >/proc/thread-self/fail-nth || exit 99
		shift
		[ "$(type -t "$1")" = file ] && exec "$@"
		"$@"
	)
}

# fi_nth_fired: the last fi_nth failed an allocation.
fi_nth_fired() {
	[ "$(cat $_fi/failslab/times)" = 0 ] ||
		[ "$(cat $_fi/fail_page_alloc/times)" = 0 ]
}

# errno_text NAME: strerror's text for an errno name (ENOMEM, ...).
errno_text() {
	case $1 in
	EPERM) echo "Operation not permitted" ;;
	EIO) echo "Input/output error" ;;
	ENOMEM) echo "Cannot allocate memory" ;;
	EBUSY) echo "Device or resource busy" ;;
	ENODEV) echo "No such device" ;;
	EINVAL) echo "Invalid argument" ;;
	ENOSPC) echo "No space left on device" ;;
	EAGAIN) echo "Resource temporarily unavailable" ;;
	ETIMEDOUT) echo "Connection timed out" ;;
	EOPNOTSUPP) echo "Operation not supported" ;;
	*) echo "$1" ;;
	esac
}

# errno_num NAME: the errno's number.
errno_num() {
	case $1 in
	EPERM) echo 1 ;; EIO) echo 5 ;; ENOMEM) echo 12 ;; EBUSY) echo 16 ;;
	ENODEV) echo 19 ;; EINVAL) echo 22 ;; ENOSPC) echo 28 ;;
	EAGAIN) echo 11 ;; ETIMEDOUT) echo 110 ;; EOPNOTSUPP) echo 95 ;;
	*) return 1 ;;
	esac
}

# irqs_named PATTERN: how many /proc/interrupts lines name PATTERN.
irqs_named() {
	grep -c -- "$1" /proc/interrupts
}
