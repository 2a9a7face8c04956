#!/bin/bash
# proves: a hostile VF costs its neighbours and the PF nothing: VF 0, driverless, runs every rogue-vf mode (random words, per-type fuzz, request storm, VFU held, garbage never ACKed, table fill, address theft, CTRL.RST and FLR storms, counter steering) while VF 1 -> VF 2 TCP keeps >= 90% of the null-mode baseline, the PF loses no ping to the wire peer, PF and neighbours keep carrier, ip link set <pf> vf 1 answers within 100 ms, no theft is ACKed, the device is never declared dead, and at least 100000 hostile messages are sent
# requires: pf=sriovnic
# topology: wire
# timeout: 900
# slow: yes
#
# Not in make check yet (make check-slow runs it): with today's PF it fails
# the checks the isolation work has still to earn. The neighbours' TCP
# falls to 51-87% of the null-mode baseline in the hostile modes (no
# per-VF message budget or quarantine yet), and a VF may still take the
# wire peer's address, which the PF holds in no table, so the PF's frames
# to that peer are switched to the thief. Documentation/security.rst.
. "$SNIC_DIR/tests/vm/lib.sh"

# Seconds per mode; hostile-vf-soak.sh sets ROGUE_SECS (and ROGUE_MIN_MSGS).
# Every mode also costs process start-ups, slow on a busy TCG guest: keep
# the per-mode work to what the assertions need.
secs=${ROGUE_SECS:-4}
min_msgs=${ROGUE_MIN_MSGS:-100000}
lat_max_ms=100

load_drivers
pf=$(pf_dev 0)
peer=$(pf_dev 1) || bail "no PF on port 1"
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
ip link set "$peer" up
dev_to_ns "$peer" wire 10.0.0.2/24 || bail "the wire peer has no carrier"
enable_vfs 3 || bail "VFs did not appear"
vf0=$(vf_pci 0) || bail "no VF 0"
echo "$vf0" >"/sys/bus/pci/drivers/$(vf_driver 0)/unbind" || bail "cannot unbind VF 0"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
c=$(vf_to_ns 2 nsc 10.0.0.12/24) || bail "VF 2 has no carrier in its namespace"
check "PF -> wire peer ping" ping_retry "" 10.0.0.2
check "VF 1 -> VF 2 ping" ping_retry nsb 10.0.0.12
rogue=$(rogue_vf_bin) || bail "no rogue-vf tool"
bar=/sys/bus/pci/devices/$vf0/resource0

# The addresses a thief wants: the PF's, each neighbour's, the wire peer's.
targets=()
for a in "$(cat "/sys/class/net/$pf/address")" \
	"$(in_ns nsb cat "/sys/class/net/$b/address")" \
	"$(in_ns nsc cat "/sys/class/net/$c/address")" \
	"$(in_ns wire cat "/sys/class/net/$peer/address")"; do
	targets+=(--target "$a")
done
diag "theft targets: ${targets[*]}"

# Keep the steering tool's locked pages where it found them.
sysctl -qw vm.compact_unevictable_allowed=0 2>/dev/null

# tcp_bps CLIENT_NS SERVER_NS ADDR SECONDS: iperf3 TCP, prints the
# receiver's bits per second (lib.sh's tcp_ok without its python).
tcp_bps() {
	in_ns "$2" iperf3 -s -1 -D -B "$3" -p 5202 >/dev/null 2>&1 || return 1
	sleep 0.3
	in_ns "$1" timeout 60 iperf3 -c "$3" -p 5202 -t "$4" -f k 2>&1 |
		awk '/receiver/ { for (i = 1; i < NF; i++) if ($(i + 1) == "Kbits/sec") v = $i }
		     END { if (v == "") exit 1; printf "%d\n", v * 1000 }'
}

total_msgs=0 base_bps=0
fig=/run/hostile-figures
: >"$fig"

# run_mode MODE SECS [ARGS...]: VF 0 runs MODE while the PF pings the wire
# peer, VF 1 sends TCP to VF 2 and ip link set <pf> vf 1 is timed
# (vf_trust_latency); then
# every assertion of the scenario for that mode.
run_mode() {
	local mode=$1 t=$2 mark line rc pid ping_out=/run/ping-$1 tcp_out=/run/tcp-$1
	local lat_out=/run/lat-$1 n max mean lfail bps loss msgs ratio
	shift 2
	mark=$(log_mark)
	ping -q -n -c $((t * 10)) -i 0.1 -W 1 10.0.0.2 >"$ping_out" 2>&1 &
	local pinger=$!
	# Only the PF's share of the harm is measured: the tool spins on
	# vCPU 1 in every mode (null too), the neighbours' TCP runs on vCPU 0,
	# and the ip link set timer runs real-time.
	taskset -c 1 "$rogue" --bar "$bar" --mode "$mode" --seconds "$t" \
		--seed "$RANDOM" "$@" >"/run/rogue-$mode" 2>&1 &
	pid=$!
	(taskset -p -c 0 "$BASHPID" >/dev/null
	 tcp_bps nsb nsc 10.0.0.12 $((t > 2 ? t - 1 : 1))) >"$tcp_out" 2>&1 &
	local tcp=$!
	vf_trust_latency "$pf" 1 "$t" >"$lat_out" 2>&1 &
	local timer=$!
	wait "$pid"
	rc=$?
	wait "$tcp"
	wait "$pinger"
	wait "$timer"
	read -r n max mean lfail <"$lat_out" || { diag "$(cat "$lat_out")"; n=0 max=0 mean=0 lfail=0; }
	line=$(grep '^rogue-vf: ' "/run/rogue-$mode")
	if [ "$rc" -eq 0 ] && [ -n "$line" ]; then
		ok "$mode: rogue-vf ran"
		diag "$line"
	else
		not_ok "$mode: rogue-vf ran" "exit $rc" "$(cat "/run/rogue-$mode")"
	fi
	msgs=$(rogue_field "$line" msgs)
	total_msgs=$((total_msgs + ${msgs:-0}))

	loss=$(sed -nE 's/^([0-9]+) packets transmitted, ([0-9]+) received.*/\1 \2/p' "$ping_out")
	check_eq "$mode: no ping of the PF to the wire peer lost (sent received)" \
		"$((t * 10)) $((t * 10))" "$loss"
	bps=$(tail -n 1 "$tcp_out")
	[[ $bps =~ ^[0-9]+$ ]] || { diag "$mode: iperf3: $(cat "$tcp_out")"; bps=0; }
	if [ "$mode" = null ]; then
		base_bps=${bps:-0}
		check "null: VF 1 -> VF 2 TCP baseline ($((base_bps / 1000000)) Mbit/s)" \
			test "$base_bps" -gt 0
		ratio=100
	else
		ratio=$(( ${bps:-0} * 100 / (base_bps > 0 ? base_bps : 1) ))
		check "$mode: VF 1 -> VF 2 TCP $((${bps:-0} / 1000000)) Mbit/s = $ratio% of null (>= 90%)" \
			test "$ratio" -ge 90
	fi
	check "$mode: ip link set $pf vf 1 trust off answered within $lat_max_ms ms (max $max ms, mean $mean ms, $n calls, $lfail refused)" \
		test "$n" -gt 0 -a "$max" -le "$lat_max_ms" -a "$lfail" -eq 0
	check "$mode: PF, VF 1 and VF 2 keep carrier" \
		eval 'carrier_on "$pf" && carrier_on "$b" nsb && carrier_on "$c" nsc'
	check_fails "$mode: the device is not declared dead" \
		eval 'log_since "$mark" | grep -q "not responding"'

	echo "$mode msgs=${msgs:-0} rate=$(rogue_field "$line" rate) tcp=$ratio% ip_link_max=${max}ms" >>"$fig"
}

run_mode null "$secs"
run_mode random "$secs"
run_mode fuzz "$secs"
run_mode storm "$secs"
run_mode vfu "$secs"
run_mode noack "$secs"
run_mode fill "$secs"
line=$(grep '^rogue-vf: ' /run/rogue-fill)
check "fill: VF 0 got at most 4 extra MAC filters at once" \
	test "$(rogue_field "$line" most_macs)" -le 4
check "fill: VF 0 got at most 8 VLANs at once" \
	test "$(rogue_field "$line" most_vlans)" -le 8
run_mode theft "$secs" "${targets[@]}"
line=$(grep '^rogue-vf: ' /run/rogue-theft)
check_eq "theft: no SET_MAC naming another's address is ACKed" 0 \
	"$(rogue_field "$line" stolen)"
check "after theft: VF 1 -> VF 2 ping" ping_ok nsb 10.0.0.12
check "after theft: PF -> wire peer ping" ping_ok "" 10.0.0.2
run_mode rst "$secs"
run_mode flr "$secs"
run_mode steer "$secs" --frame-max 61440 --hold 4
line=$(grep '^rogue-vf: ' /run/rogue-steer)
check_eq "steer: VF 0's GOTC driven to 0xffffffff" 1 "$(rogue_field "$line" landed)"

check "total hostile mailbox messages $total_msgs >= $min_msgs" \
	test "$total_msgs" -ge "$min_msgs"
diag "figures per mode:"
diag "$(cat "$fig")"
check "the PF still has its netdev" pf_dev 0
check "after all: PF -> wire peer ping" ping_ok "" 10.0.0.2
check "after all: VF 1 -> VF 2 ping" ping_ok nsb 10.0.0.12
check "disable SR-IOV" set_numvfs 0
done_testing
