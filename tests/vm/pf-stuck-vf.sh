#!/bin/bash
# proves: a VF that never reads its mailbox (one that negotiated the extension, driven with no driver) costs the administrator nothing: every ip link set <pf> vf N mac/vlan/state/trust returns within 100 ms in the kernel, and so does what PF down/up spends on the VFs, for it and for a healthy neighbour VF bound to a driver, which keeps working; once the stuck VF reads (and resets when asked) it has the latest address and link; the same with a VF that posted a request and never reads the answer
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
vf0=$(vf_driverless 0) || bail "cannot unbind VF 0's driver"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"

# VF 0's mailbox from userspace through sysfs resource0.
bar="python3 $SNIC_DIR/tests/snic-bar.py"

req() { $bar "$vf0" vf-req "$@"; }
msg() { $bar "$vf0" vf-msg "$@"; }
word() { cut -d' ' -f"$(($1 + 1))" <<<"$2"; }

# VF 0 comes up on the extension: RESET, then EXT_HELLO with every cap.
negotiate() {
	local out
	$bar "$vf0" vf-rst || return 1
	out=$(req 0x1) || return 1
	[ "$(word 0 "$out")" = 80000001 ] || { echo "RESET: $out"; return 1; }
	out=$(req 0x40 0x534e0001 0x7) || return 1
	[ "$(word 0 "$out")" = a0000040 ] || { echo "EXT_HELLO: $out"; return 1; }
	[ "$(pf_vf_debug 0 ext)" = v1 ]
}

# How long the kernel spends on a request of ip link set (rtnl_newlink,
# rtnl_setlink: the ndo and what it waits for, under RTNL), and in it on
# telling the VFs about the PF's own state (snic_pf_sriov_notify), from the
# function_graph tracer; starting ip under TCG alone can take a second.
tr=/sys/kernel/tracing
[ -e "$tr/current_tracer" ] || mount -t tracefs none "$tr" || bail "no tracefs"
echo 0 >"$tr/tracing_on"
# The ndos and the locks they take are traced too, for the diagnostics.
echo "rtnl_newlink rtnl_setlink snic_pf_sriov_notify snic_pf_ndo_* mutex_lock" \
	>"$tr/set_ftrace_filter" || bail "cannot trace rtnl_newlink"
echo "rtnl_newlink rtnl_setlink" >"$tr/set_graph_function" ||
	bail "cannot trace rtnl_newlink"
echo 1 >"$tr/options/funcgraph-tail"
echo function_graph >"$tr/current_tracer" || bail "no function_graph tracer"

# kernel_us REGEX: the longest traced call of a function matching REGEX, us
kernel_us() {
	awk -v f="$1" '$0 ~ f { for (i = 1; i < NF; i++)
		if ($(i + 1) == "us") { v = $i + 0; if (v > m) m = v } }
		END { printf "%d", m }' "$tr/trace"
}

# timed [-n] DESC CMD...: CMD must succeed, and the kernel must answer it
# within 100 ms; with -n (PF down/up, whose own work is not the VFs'
# business) the part spent on the VFs must. ip's own run time, date +%s%N
# around it, is printed too.
worst=0
timed() {
	local fn="rtnl_(new|set)link" name=kernel desc t0 t1 ms us all out rc
	[ "$1" = -n ] && { fn=snic_pf_sriov_notify name=notify; shift; }
	desc=$1
	shift
	echo >"$tr/trace"
	echo 1 >"$tr/tracing_on"
	t0=$(date +%s%N)
	out=$("$@" 2>&1)
	rc=$?
	t1=$(date +%s%N)
	echo 0 >"$tr/tracing_on"
	ms=$(((t1 - t0) / 1000000))
	us=$(kernel_us "$fn")
	all=$(kernel_us "rtnl_(new|set)link")
	[ "$((us / 1000))" -gt "$worst" ] && worst=$((us / 1000))
	if [ "$rc" -ne 0 ]; then
		not_ok "$desc" "command: $* (exit $rc)" "$out"
	elif [ "$us" -eq 0 ]; then
		not_ok "$desc: nothing traced" "$(cat "$tr/trace")"
	elif [ "$us" -ge 100000 ]; then
		not_ok "$desc returns within 100 ms" \
			"$name ${us} us, rtnl ${all} us; ip ${ms} ms" \
			"$(grep -v '^#' "$tr/trace" | grep -v '^ *$' | tail -n 40)"
	else
		ok "$desc returns within 100 ms ($name ${us} us, rtnl ${all} us; ip ${ms} ms)"
	fi
}

# drain: read VF 0's messages until none comes for 3 s; a request to
# reset (the bare NACK) is followed: the VF resets and sends RESET. Prints
# "mac=<w1 w2>" for the newest address it learnt and "last=<w0 w1>".
drain() {
	local out mac="" last="" i
	for i in 1 2 3 4 5 6; do
		out=$(msg 3) || break
		diag "VF 0 reads: $out"
		case $(word 0 "$out") in
		40000000)
			$bar "$vf0" vf-rst || return 1
			out=$(req 0x1) || return 1
			diag "VF 0 resets, RESET answer: $out"
			mac="$(word 1 "$out") $(word 2 "$out")"
			;;
		?0020041) mac="$(word 1 "$out") $(word 2 "$out")" ;;
		esac
		last="$(word 0 "$out") $(word 1 "$out")"
	done
	echo "mac=$mac"
	echo "last=$last"
}

check "set VF 0's MAC" ip link set "$pf" vf 0 mac 02:00:00:00:00:20
check "VF 0 on the extension" negotiate

# 1. VF 0 never reads: a link event lands unread, then everything else.
timed "vf 0 state disable (stuck VF)" ip link set "$pf" vf 0 state disable
timed "vf 0 mac (stuck VF)" ip link set "$pf" vf 0 mac 02:00:00:00:00:21
timed "vf 0 vlan 5 (stuck VF)" ip link set "$pf" vf 0 vlan 5
timed "vf 0 vlan 0 (stuck VF)" ip link set "$pf" vf 0 vlan 0
timed "vf 0 state enable (stuck VF)" ip link set "$pf" vf 0 state enable
timed "vf 0 trust on (stuck VF)" ip link set "$pf" vf 0 trust on
timed "vf 0 trust off (stuck VF)" ip link set "$pf" vf 0 trust off
timed "vf 0 mac again (stuck VF)" ip link set "$pf" vf 0 mac 02:00:00:00:00:22
check "the PF registers hold the new MAC at once" \
	sh -c "ip link show $pf | grep -q 'vf 0 .*02:00:00:00:00:22'"

# The healthy neighbour meanwhile.
timed "vf 1 mac" ip link set "$pf" vf 1 mac 02:00:00:00:01:11
timed "vf 1 vlan 5" ip link set "$pf" vf 1 vlan 5
timed "vf 1 vlan 0" ip link set "$pf" vf 1 vlan 0
timed "vf 1 state disable" ip link set "$pf" vf 1 state disable
timed "vf 1 state enable" ip link set "$pf" vf 1 state enable
timed "vf 1 trust on" ip link set "$pf" vf 1 trust on
timed "vf 1 trust off" ip link set "$pf" vf 1 trust off
timed -n "PF down" ip link set "$pf" down
timed -n "PF up" ip link set "$pf" up
check "PF carrier back" wait_until 20 carrier_on "$pf"
check "VF 1 -> PF ping (the neighbour keeps working)" ping_retry nsb 10.0.0.1

# 2. VF 0 reads at last: it ends with the newest address and link up.
sleep 4
out=$(drain)
check_eq "stuck VF 0 gets its newest address" "mac=00000002 00002200" \
	"$(grep '^mac=' <<<"$out")"
out=$(req 0x5 1522)
check_eq "and is clear to send (link up) now" a0000005 "$(word 0 "$out")"

# 3. VF 0 posts a request and never reads the answer.
check "VF 0 on the extension again" negotiate
check "VF 0 posts SET_LPE and goes away" $bar "$vf0" vf-post 0x5 1522
timed "vf 0 mac (request posted, never read)" ip link set "$pf" vf 0 mac 02:00:00:00:00:23
timed "vf 0 state disable (request posted)" ip link set "$pf" vf 0 state disable
timed "vf 0 state enable (request posted)" ip link set "$pf" vf 0 state enable
timed "vf 0 vlan 7 (request posted)" ip link set "$pf" vf 0 vlan 7
timed "vf 0 vlan 0 (request posted)" ip link set "$pf" vf 0 vlan 0
timed "vf 1 state disable (VF 0 posted)" ip link set "$pf" vf 1 state disable
timed "vf 1 state enable (VF 0 posted)" ip link set "$pf" vf 1 state enable
timed -n "PF down (VF 0 posted)" ip link set "$pf" down
timed -n "PF up (VF 0 posted)" ip link set "$pf" up
check "PF carrier back" wait_until 20 carrier_on "$pf"
check "VF 1 -> PF ping" ping_retry nsb 10.0.0.1
sleep 4
out=$(drain)
check_eq "VF 0 gets its newest address" "mac=00000002 00002300" \
	"$(grep '^mac=' <<<"$out")"
out=$(req 0x5 1522)
check_eq "and is clear to send" a0000005 "$(word 0 "$out")"

diag "slowest ip link set in the kernel: $worst ms"
echo nop >"$tr/current_tracer"
check "no kernel warnings about the mailbox" sh -c "! dmesg | grep -q 'cannot write to the mailbox'"
check "disable SR-IOV" set_numvfs 0
done_testing
