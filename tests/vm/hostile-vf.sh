#!/bin/bash
# proves: a hostile VF costs the PF no more than its budgets allow and its neighbours nothing the PF could prevent: VF 0, driverless, runs every rogue-vf mode (random words, per-type fuzz, request storm, VFU held, garbage never ACKed, table fill, address theft, CTRL.RST and FLR storms, counter steering) while VF 1 -> VF 2 carry TCP and the PF pings the wire peer; per mode the PF's mailbox work with the VF table locked stays within the time budget's share of the mode plus a bounded slack, no pass is longer than 250 ms plus the guest's own stalls, ip link set <pf> vf 1 answers within 1000 ms, the guest's own stalls excluded (the calls over 100 ms are counted), no PF ping is lost and the PF keeps carrier; the neighbours keep carrier the whole run, the device is never declared dead, at least 100000 hostile messages are sent; the flooding modes put VF 0 in quarantine (VFU held, garbage never ACKed; the request and CTRL.RST storms whenever the PF served more of them than their bucket holds), a quiet cool-down and link state disable/auto release it, the neighbours never; no address the PF knows is stolen, and with an administrative MAC none at all (the wire peer's neither); VF 0's log lines stay within its budget; the neighbours' TCP per mode is printed against the null mode's
# requires: pf=sriovnic
# topology: wire
# timeout: 900
#
# Documentation/security.rst: budgets and quarantine, the wire peer's
# address, and what this scenario proves. The neighbours' TCP share is
# printed, not asserted: on a busy two-core TCG host it swings between
# 25% and 186% of the null run within one run, null against null
# included (Documentation/testing.rst, "The hostile VF").
. "$SNIC_DIR/tests/vm/lib.sh"

# Seconds per mode; hostile-vf-soak.sh sets ROGUE_SECS (and ROGUE_MIN_MSGS).
# The modes that send most of the messages (random, vfu, noack) run
# ROGUE_FLOOD_SECS, 3 s: at a host load of 19 on two cores the rates fall
# 5-10x, and 2 s a mode sent 158 000 messages in all. Everything measured runs for the whole scenario (one
# TCP stream, one ip link set timer): a mode costs the rogue's own start,
# its seconds and the quarantine's cool-down, nothing else.
secs=${ROGUE_SECS:-2}
flood_secs=${ROGUE_FLOOD_SECS:-${ROGUE_SECS:-3}}
min_msgs=${ROGUE_MIN_MSGS:-100000}
# ip link set <pf> vf 1: the time within each call in which a vCPU stood
# still is taken out (stall meters below). The PF means 100 ms, one pass
# of the work (lat_goal_ms: the calls over it are counted and printed);
# in the modes that flood QEMU with MMIO (storm, vfu, noack) calls of 88,
# 94, 101 and, with a coarser meter, 149 and 227 ms were measured at host
# loads of 12-19, and at a load of 19 541 ms (fill) and 363 ms (steer),
# where the PF worked a few ms: the assertion is 1000 ms
# (ROGUE_LAT_MAX_MS), a bound on the PF waiting, not the PF's goal.
lat_max_ms=${ROGUE_LAT_MAX_MS:-1000}
lat_goal_ms=100
# The longest mailbox pass (debugfs mbx max_us) allowed beyond the mode's
# longest guest stall. A pass does a few dozen register accesses and
# sleeps at most ~2 ms per VF (budgets); under TCG each access waits for
# QEMU's device lock, which the rogue's vCPU takes at every write, so
# passes of 120-540 ms were measured with stalls of 70-380 ms.
pass_max_ms=${ROGUE_PASS_MAX_MS:-250}
# The time budget (pf/pf_vf_budget.c): a 500 ms burst, then 10% of the
# wall time; plus the slack per pass the budget does not charge (the
# passes that only clear a quarantined VF's bits, and the neighbours').
budget_burst_ms=500
budget_share_pct=10
pass_slack_us=${ROGUE_PASS_SLACK_US:-200}

load_drivers
pf=$(pf_dev 0)
peer=$(pf_dev 1) || bail "no PF on port 1"
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
ip link set "$peer" up
dev_to_ns "$peer" wire 10.0.0.2/24 || bail "the wire peer has no carrier"
enable_vfs 3 || bail "VFs did not appear"
vf0=$(vf_driverless 0) || bail "cannot unbind VF 0's driver"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
c=$(vf_to_ns 2 nsc 10.0.0.12/24) || bail "VF 2 has no carrier in its namespace"
check "PF -> wire peer ping" ping_retry "" 10.0.0.2
check "VF 1 -> VF 2 ping" ping_retry nsb 10.0.0.12
rogue=$(rogue_vf_bin) || bail "no rogue-vf tool"
dbg=$(pf_vfs_debugfs) || bail "no PF debugfs"
mbx_dbg=${dbg%/vfs}/mbx
run_mark=$(log_mark)
run_start=$SECONDS
bar=/sys/bus/pci/devices/$vf0/resource0

# The addresses a thief wants: the PF's and each neighbour's (the PF
# refuses them to any VF), and the wire peer's, which no table of the PF
# holds: only an administrative MAC on the thief refuses that one.
targets=()
for a in "$(cat "/sys/class/net/$pf/address")" \
	"$(in_ns nsb cat "/sys/class/net/$b/address")" \
	"$(in_ns nsc cat "/sys/class/net/$c/address")"; do
	targets+=(--target "$a")
done
peer_mac=$(in_ns wire cat "/sys/class/net/$peer/address")
diag "theft targets: ${targets[*]}; the wire peer's: $peer_mac"

# Keep the steering tool's locked pages where it found them.
sysctl -qw vm.compact_unevictable_allowed=0 2>/dev/null

now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}

# One TCP stream VF 1 -> VF 2 for the whole scenario, on vCPU 0 (the
# rogue runs on vCPU 1 in every mode, null too: only the PF's share of
# the harm differs between modes). A mode's throughput is what VF 2's
# netdev received meanwhile, read from /proc/<server>/net/dev (the
# server's namespace) without starting a process.
taskset -c 0 ip netns exec nsc iperf3 -s -1 -B 10.0.0.12 -p 5202 >/run/iperf-s 2>&1 &
srv=$!
sleep 0.5
taskset -c 0 ip netns exec nsb iperf3 -c 10.0.0.12 -p 5202 -t 3600 -i 0 >/run/iperf-c 2>&1 &
cli=$!

# rx_bytes: VF 2's received bytes so far.
rx_bytes() {
	local name rest
	while read -r name rest; do
		[ "$name" = "$c:" ] && { set -- $rest; echo "$1"; return 0; }
	done <"/proc/$srv/net/dev"
	echo 0
}

# The ip link set timer for the whole scenario: every 0.2 s ip link set
# <pf> vf 1 trust off through one rtnetlink socket from one real-time
# process (lib.sh's vf_trust_latency, streaming): a line
# "EPOCH_MS LATENCY_MS ERR" per call.
chrt -f 50 python3 -u - "$pf" 1 >/run/lat-all 2>&1 <<'PY' &
import socket, struct, sys, time
dev, vf = sys.argv[1], int(sys.argv[2])
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
seq = 0
while True:
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
    print("%d %.1f %d" % (time.time() * 1000, (time.monotonic() - t0) * 1000, err != 0))
    time.sleep(0.2)
PY
timer=$!

# One ping of the PF to the wire peer for the whole scenario, every 0.1 s,
# each reply stamped (-D): a mode's losses are the sequence numbers
# missing between the first and the last it sent (see windows), and
# the run's all those missing at the end.
ping -n -D -i 0.1 10.0.0.2 >/run/ping-all 2>&1 &
pinger=$!

# All three take a while to start on a busy TCG guest: wait for the
# timer's and the ping's first lines and for TCP bytes at VF 2.
rx0=$(rx_bytes)
for _ in $(seq 150); do
	[ -s /run/lat-all ] && grep -q icmp_seq /run/ping-all &&
		[ "$(rx_bytes)" -gt $((rx0 + 100000)) ] && break
	sleep 0.2
done
[ -s /run/lat-all ] || bail "the ip link set timer did not start: $(cat /run/lat-all)"
[ "$(rx_bytes)" -gt $((rx0 + 100000)) ] || bail "no TCP VF 1 -> VF 2: $(cat /run/iperf-c /run/iperf-s)"
# This shell and so every rogue-vf run on vCPU 1 (in every mode, null
# too), the TCP stream on vCPU 0: only the PF's share of the harm
# differs between modes.
taskset -p -c 1 $$ >/dev/null


# A guest that the host does not run (two cores shared by several TCG
# guests), or whose vCPU waits in QEMU for its device lock, makes every
# figure in it late, the PF's or not. One real-time stall meter per vCPU
# wakes every 5 ms and writes "EPOCH_MS GAP_MS" for each wake-up more than
# 5 ms late: time in which that vCPU ran no guest code at all. The PF's
# own delays (a long pass, a sleep with the VF table held) are guest code
# running, which the meter does not count.
stall_pids=
mkfifo /run/stall-fifo
for cpu in 0 1; do
	# bash's read -t on a fifo nobody writes is a sleep without a process.
	taskset -c "$cpu" chrt -f 60 bash -c '
		exec 3<>/run/stall-fifo
		while :; do
			t=${EPOCHREALTIME/./}
			read -r -t 0.005 -u 3
			g=$(( (${EPOCHREALTIME/./} - t) / 1000 - 5 ))
			[ "$g" -gt 5 ] && echo "$(( ${EPOCHREALTIME/./} / 1000 )) $g"
		done' >"/run/stall-$cpu" 2>&1 &
	stall_pids+=" $!"
done

# windows FROM_MS TO_MS: "SENT LOST CALLS MAX_MS MEAN_MS FAILED
# MAX_PF_MS STALL_MS OVER" of that window, from one awk:
# - SENT LOST: the pings sent in it (a reply's send time is its stamp
#   less its round trip) and those missing between its first and last;
# - CALLS MAX_MS MEAN_MS FAILED: the ip link set calls answered in it;
# - MAX_PF_MS: the longest call less the time within it in which a vCPU
#   stood still (either: the call may wait for a holder on the other one;
#   a stall of both at once counts once); STALL_MS: the longest stall;
#   OVER: the calls over lat_goal_ms, stalls excluded.
windows() {
	awk -v a="$1" -v b="$2" -v goal="$lat_goal_ms" '
	FILENAME == "/run/ping-all" {
		if (!/icmp_seq=/) next
		ts = substr($1, 2, length($1) - 2) * 1000
		for (i = 2; i <= NF; i++) {
			if ($i ~ /^icmp_seq=/) { split($i, kv, "="); sq = kv[2] + 0 }
			if ($i ~ /^time=/) { split($i, kv, "="); rtt = kv[2] + 0 }
		}
		if (ts - rtt >= a && ts - rtt <= b) {
			if (!np || sq < plo) plo = sq
			if (sq > phi) phi = sq
			np++
		}
		next
	}
	FILENAME != "/run/lat-all" { ns++; shi[ns] = $1; slo[ns] = $1 - $2; next }
	$1 >= a && $1 <= b { n++; s += $2; if ($2 > m) m = $2; f += $3; ce[n] = $1; cl[n] = $2 }
	END {
		for (i = 1; i <= ns; i++)
			if (shi[i] >= a && slo[i] <= b && shi[i] - slo[i] > st) st = shi[i] - slo[i]
		for (j = 1; j <= n; j++) {
			c0 = ce[j] - cl[j]; k = 0
			for (i = 1; i <= ns; i++) {
				lo = slo[i] > c0 ? slo[i] : c0; hi = shi[i] < ce[j] ? shi[i] : ce[j]
				if (hi > lo) { k++; il[k] = lo; ih[k] = hi }
			}
			# the union of the stalls within the call
			for (x = 1; x <= k; x++) for (y = x + 1; y <= k; y++) if (il[y] < il[x]) {
				t = il[x]; il[x] = il[y]; il[y] = t; t = ih[x]; ih[x] = ih[y]; ih[y] = t }
			u = 0; e = c0
			for (x = 1; x <= k; x++) {
				lo = il[x] > e ? il[x] : e
				if (ih[x] > lo) { u += ih[x] - lo; e = ih[x] }
			}
			p = cl[j] - u; if (p > pm) pm = p
			if (p > goal) over++
		}
		printf "%d %d %d %d %d %d %d %d %d\n", np ? phi - plo + 1 : 0, np ? phi - plo + 1 - np : 0,
			n, m, n ? s / n : 0, f, pm, st, over
	}' /run/ping-all /run/stall-0 /run/stall-1 /run/lat-all
}

total_msgs=0
tcp_modes=()
declare -A tcp_of
fig=/run/hostile-figures
: >"$fig"

# Starting a program over 9p on a busy TCG guest takes a tenth of a
# second or more: what runs once per mode is bash alone, but for the
# rogue and one awk (windows).

# vf_budget VF: "QUARANTINE ENTERED RELEASED IGNORED" from the PF's debugfs.
vf_budget() {
	local name rest kv q= e= r= i=
	while read -r name rest; do
		[ "$name" = "vf$1" ] || continue
		for kv in $rest; do
			case $kv in
			quarantine=*) q=${kv#*=} ;; entered=*) e=${kv#*=} ;;
			released=*) r=${kv#*=} ;; ignored=*) i=${kv#*=} ;;
			esac
		done
	done <"$dbg"
	echo "$q $e $r $i"
}

# kv VAR LINE KEY: VAR= the value of KEY= in a line (debugfs mbx, a
# rogue-vf summary), or 0, without a subshell.
kv() {
	local _kv
	printf -v "$1" 0
	for _kv in $2; do
		[ "${_kv%%=*}" = "$3" ] && { printf -v "$1" %s "${_kv#*=}"; return 0; }
	done
}

# kv_field LINE KEY: the same, printed.
kv_field() {
	local kv
	for kv in $1; do
		[ "${kv%%=*}" = "$2" ] && { echo "${kv#*=}"; return 0; }
	done
	echo 0
}

# A quarantined VF is released by its first event after a quiet
# SNIC_BUDGET_COOLDOWN_MS (2 s): a mode that finds VF 0 in quarantine
# starts that long after the last one ended, so that it is served from
# full buckets; the others start at once.
cooldown_ms=2000
last_end=0
cool_down() {
	local now left
	set -- $(vf_budget 0)
	[ "$1" = none ] && return 0
	now=$(now_ms)
	left=$((last_end + cooldown_ms + 100 - now))
	[ "$left" -gt 0 ] && sleep "$((left / 1000)).$(printf %03d $((left % 1000)))"
	return 0
}

pf_flaps0=$(<"/sys/class/net/$pf/carrier_changes")
nb_flaps0="$(in_ns nsb cat "/sys/class/net/$b/carrier_changes") $(in_ns nsc cat "/sys/class/net/$c/carrier_changes")"

# run_mode MODE SECS [ARGS...]: VF 0 runs MODE while the PF pings the wire
# peer, the TCP stream and the ip link set timer run; then every
# assertion of the scenario for that mode.
run_mode() {
	local mode=$1 t=$2 line rc
	local n max mean lfail pfmax stall over bps sent lost msgs
	local label=${LABEL:-$1} q0 q1 w0 w1 t0 t1 r0 r1 wall tc
	local work_us passes max_us bound_ms
	shift 2
	tc=$(now_ms)
	cool_down
	q0=$(vf_budget 0)
	w0=$(<"$mbx_dbg")
	r0=$(rx_bytes)
	t0=$(now_ms)
	"$rogue" --bar "$bar" --mode "$mode" --seconds "$t" \
		--seed "$RANDOM" "$@" >"/run/rogue-$label" 2>&1
	rc=$?
	t1=$(now_ms)
	last_end=$t1
	r1=$(rx_bytes)
	w1=$(<"$mbx_dbg")
	q1=$(vf_budget 0)
	wall=$((t1 - t0))
	mode=$label
	line=
	while read -r line; do
		[[ $line == "rogue-vf: "* ]] && break
		line=
	done <"/run/rogue-$label"
	if [ "$rc" -eq 0 ] && [ -n "$line" ]; then
		ok "$mode: rogue-vf ran"
	else
		not_ok "$mode: rogue-vf ran" "exit $rc" "$(cat "/run/rogue-$label")"
	fi
	echo "# $line" >>"$fig"
	kv msgs "$line" msgs
	total_msgs=$((total_msgs + msgs))

	read -r sent lost n max mean lfail pfmax stall over <<<"$(windows "$t0" "$t1")"
	check "$mode: no ping of the PF to the wire peer lost ($lost of $sent)" \
		test "$sent" -gt 0 -a "$lost" -eq 0
	bps=$(( (r1 - r0) * 8 * 1000 / (wall > 0 ? wall : 1) ))
	# Compared at the end with the mean of the null runs (first and last).
	tcp_modes+=("$mode")
	tcp_of[$mode]=$bps
	check "$mode: ip link set $pf vf 1 trust off answered within $lat_max_ms ms, guest stalls excluded (max $pfmax ms, $over of $n calls over $lat_goal_ms ms; $max ms with the stalls, longest $stall ms; mean $mean ms; $lfail refused)" \
		test "$n" -gt 0 -a "$pfmax" -le "$lat_max_ms" -a "$lfail" -eq 0
	check_eq "$mode: the PF keeps carrier (carrier changes)" "$pf_flaps0" \
		"$(<"/sys/class/net/$pf/carrier_changes")"

	# The PF's own share of the harm: its mailbox work's time with the
	# VF table locked, over the mode.
	local a1 a0 p1 p0 m0
	kv a1 "$w1" work_us; kv a0 "$w0" work_us
	kv p1 "$w1" passes; kv p0 "$w0" passes
	kv max_us "$w1" max_us; kv m0 "$w0" max_us
	work_us=$((a1 - a0)) passes=$((p1 - p0))
	bound_ms=$((budget_burst_ms + wall * budget_share_pct / 100 + pass_max_ms + stall +
		passes * pass_slack_us / 1000))
	check "$mode: the PF's mailbox work $((work_us / 1000)) ms in $wall ms ($passes passes) within the time budget's $bound_ms ms" \
		test "$((work_us / 1000))" -le "$bound_ms"
	# debugfs keeps the longest pass of the PF's life: when it grew in
	# this mode, the mode's longest is it, and a guest stall inside that
	# pass is no PF's doing.
	if [ "$max_us" != "$m0" ]; then
		check "$mode: the longest mailbox pass $((max_us / 1000)) ms within $pass_max_ms ms plus the mode's longest guest stall ($stall ms)" \
			test "$((max_us / 1000))" -le $((pass_max_ms + stall))
	fi

	mode_wall=$wall mode_passes=$passes
	set -- $q0 $q1
	q_entered=$(($6 - $2)) q_released=$(($7 - $3)) q_ignored=$(($8 - $4))
	echo "$mode msgs=$msgs rate=$(kv_field "$line" rate) tcp=$((bps / 1000000))Mbit/s wall=${wall}ms cool=$((t0 - tc))ms ip_link_max=${max}ms ip_link_pf_max=${pfmax}ms ip_link_over_${lat_goal_ms}ms=$over/$n stall_max=${stall}ms work_ms=$((work_us / 1000)) bound_ms=$bound_ms passes=$passes max_pass_us=$max_us quarantined=$q_entered released=$q_released ignored=$q_ignored checks=$(($(now_ms) - t1))ms" >>"$fig"
}

# quarantined MODE: VF 0 entered quarantine during MODE, and ignored events.
quarantined() {
	check "$1: VF 0 quarantined (entered $q_entered, ignored $q_ignored)" \
		test "$q_entered" -ge 1 -a "$q_ignored" -ge 1
}

# served_or_quarantined MODE BURST REFILL_MS: VF 0 was quarantined in
# MODE, or the PF served too few of its events for that bucket (BURST,
# one more every REFILL_MS) to run out: a pass serves at most one request
# and one reset of a VF, so its passes bound what it served. A busy host
# runs the PF's work that rarely (35 passes in 2 s of storm measured):
# then the VF costs the PF what its budget allows, the work-time
# assertion's concern, and needs no quarantine.
served_or_quarantined() {
	local allowed=$(($2 + mode_wall / $3))
	check "$1: VF 0 quarantined (entered $q_entered, ignored $q_ignored), or the PF served at most its $allowed events ($mode_passes passes)" \
		test "$q_entered" -ge 1 -a "$q_ignored" -ge 1 -o "$mode_passes" -le "$allowed"
}

run_mode null "$secs"
# random's requests are served or not as the host lets the PF run: a
# busy host serves too few of them in 2 s to empty a bucket (measured:
# 63 passes, 738 ms of work, within the time budget's 750 ms): its
# quarantine is printed, not asserted; its cost is bounded all the same.
run_mode random "$flood_secs"
diag "random: VF 0 quarantined $q_entered times, $q_ignored events ignored"
run_mode fuzz "$secs"
check "fuzz: the PF answered VF 0's requests" \
	test "$(kv_field "$(grep '^rogue-vf: ' /run/rogue-fuzz)" nack)" -ge 1
run_mode storm "$secs"
served_or_quarantined storm 256 5
run_mode vfu "$flood_secs"
quarantined vfu
# The administrator's release: link state disable, then auto (one ip).
q_released_total=$(vf_budget 0 | cut -d' ' -f3)
printf 'link set %s vf 0 state disable\nlink set %s vf 0 state auto\n' "$pf" "$pf" |
	ip -batch -
check_eq "link state disable then auto releases VF 0 at once" none \
	"$(vf_budget 0 | cut -d' ' -f1)"
check_eq "... counted once in debugfs" "$((q_released_total + 1))" \
	"$(vf_budget 0 | cut -d' ' -f3)"
run_mode noack "$flood_secs"
quarantined noack
run_mode fill "$secs"
# fill came after noack's quarantine and a quiet cool-down: released first.
check "fill: VF 0 released by the cool-down after noack's quarantine (released $q_released)" \
	test "$q_released" -ge 1
line=$(grep '^rogue-vf: ' /run/rogue-fill)
check "fill: VF 0 was granted filters" \
	test "$(kv_field "$line" ack)" -ge 1
check "fill: VF 0 got at most 4 extra MAC filters at once" \
	test "$(kv_field "$line" most_macs)" -le 4
check "fill: VF 0 got at most 8 VLANs at once" \
	test "$(kv_field "$line" most_vlans)" -le 8
# Without an administrative MAC: every address the PF knows is refused.
run_mode theft "$secs" "${targets[@]}"
line=$(grep '^rogue-vf: ' /run/rogue-theft)
check "theft: the PF answered VF 0's requests" \
	test "$(kv_field "$line" nack)" -ge 1
check_eq "theft: no SET_MAC naming the PF's or a neighbour's address is ACKed" 0 \
	"$(kv_field "$line" stolen)"
# With one (untrusted VF): no address at all, the wire peer's included.
check "VF 0 gets an administrative MAC" ip link set "$pf" vf 0 mac 02:5e:00:00:00:10
LABEL=theft-admin run_mode theft "$secs" "${targets[@]}" --target "$peer_mac"
line=$(grep '^rogue-vf: ' /run/rogue-theft-admin)
check "theft-admin: the PF answered VF 0's requests" \
	test "$(kv_field "$line" nack)" -ge 1
check_eq "theft-admin: no SET_MAC is ACKed, the wire peer's address neither" 0 \
	"$(kv_field "$line" stolen)"
check "after theft: VF 1 -> VF 2 ping" ping_ok nsb 10.0.0.12
check "after theft: PF -> wire peer ping" ping_ok "" 10.0.0.2
run_mode rst "$secs"
served_or_quarantined rst 32 250
run_mode flr "$secs"
# steer stops once the counter landed (0.5 s on a quiet host; it did not
# in 2 s at a host load of 19), then holds it for the PF's statistics.
run_mode steer 8 --frame-max 61440 --hold "$secs"
line=$(grep '^rogue-vf: ' /run/rogue-steer)
check_eq "steer: VF 0's GOTC driven to 0xffffffff" 1 "$(kv_field "$line" landed)"

LABEL=null-end run_mode null "$secs"
base_bps=$(( (tcp_of[null] + tcp_of[null-end]) / 2 ))
check "null: VF 1 -> VF 2 TCP baseline $((base_bps / 1000000)) Mbit/s (first $((tcp_of[null] / 1000000)), last $((tcp_of[null-end] / 1000000)))" \
	test "${tcp_of[null]}" -gt 0 -a "${tcp_of[null-end]}" -gt 0
check "the TCP stream VF 1 -> VF 2 ran the whole scenario" kill -0 "$cli"
for m in "${tcp_modes[@]}"; do
	case $m in null*) continue ;; esac
	ratio=$((tcp_of[$m] * 100 / (base_bps > 0 ? base_bps : 1)))
	diag "$m: VF 1 -> VF 2 TCP $((tcp_of[$m] / 1000000)) Mbit/s = $ratio% of null"
done
check_eq "VF 1 and VF 2 kept carrier the whole run (carrier changes)" "$nb_flaps0" \
	"$(in_ns nsb cat "/sys/class/net/$b/carrier_changes") $(in_ns nsc cat "/sys/class/net/$c/carrier_changes")"
check "PF, VF 1 and VF 2 have carrier" \
	eval 'carrier_on "$pf" && carrier_on "$b" nsb && carrier_on "$c" nsc'
check_fails "the device was never declared dead" \
	eval 'log_since "$run_mark" | grep -q "not responding"'
check "total hostile mailbox messages $total_msgs >= $min_msgs" \
	test "$total_msgs" -ge "$min_msgs"
diag "figures per mode:"
diag "$(cat "$fig")"
for v in 1 2; do
	check_eq "VF $v (a neighbour) never quarantined" "none 0" \
		"$(vf_budget $v | cut -d' ' -f1,2)"
done
# The per-VF budget: 5 lines per 30 s (SNIC_VF_LOG_INTERVAL/BURST). Only
# the lines VF 0 caused: they are the device's ("sriovnic_pf <pci>: VF 0:"),
# while the administrator's own settings are logged by the netdev
# ("sriovnic_pf <pci> eth0: VF 0: MAC ...") and spend no VF's budget.
n=$(log_since "$run_mark" | grep -c "sriovnic_pf [^ ]*: VF 0: ")
max_lines=$((5 * ((SECONDS - run_start) / 30 + 1)))
check "VF 0's log lines ($n in $((SECONDS - run_start)) s) within its budget ($max_lines)" \
	test "$n" -le "$max_lines"
diag "duration $((SECONDS - run_start)) s"
check "the PF still has its netdev" pf_dev 0
check "after all: PF -> wire peer ping" ping_ok "" 10.0.0.2
check "after all: VF 1 -> VF 2 ping" ping_ok nsb 10.0.0.12
kill -INT "$pinger"
kill "$cli" "$timer" $stall_pids 2>/dev/null
wait "$cli" "$srv" "$timer" "$pinger" $stall_pids 2>/dev/null
loss=$(ping_tally /run/ping-all)
set -- $loss
check "the whole run: no ping of the PF to the wire peer lost ($1 sent, $2 received)" \
	test "${1:-0}" -gt 0 -a "${1:-0}" -le "$((${2:-0} + 1))"
check "disable SR-IOV" set_numvfs 0
done_testing
