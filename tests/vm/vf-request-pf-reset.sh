#!/bin/bash
# proves: a PF reset while our VF waits for the PF's answer ends the wait at once, never in a mailbox timeout (igb's own re-initialisation right after it enabled the VFs while they probe, five times; ethtool -r on igb or ethtool --reset all on sriovnic_pf while the VF changes its address in a loop): failed requests say try again, the VF redoes its RESET handshake and passes traffic with the address it was last given
# requires: vf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"

# igb re-initialises itself (a reset, CTS revoked, PFRSTD) right after it
# enabled the VFs, while our VF's probe is already talking to it.
for n in 1 2 3 4 5; do
	mark=$(log_mark)
	check "enable $n: 2 VFs" enable_vfs 2
	for i in 0 1; do
		d=$(vf_dev "$i") && ip link set "$d" up
		check "enable $n: VF $i up with carrier" wait_until 20 carrier_on "$d"
		check_eq "enable $n: VF $i saw no mailbox timeout" 0 \
			"$(ethtool_stat "$d" mbx_timeouts)"
	done
	check_eq "enable $n: no request went unanswered in the log" "" \
		"$(log_since "$mark" | grep 'PF did not answer')"
	[ "$n" = 5 ] || check "enable $n: back to 0 VFs" set_numvfs 0
done
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
check "VF 0 -> VF 1 ping before" ping_retry nsa 10.0.0.11

resets0=$(ethtool_stat "$a" resets nsa) || bail "no resets counter"
tmo0=$(ethtool_stat "$a" mbx_timeouts nsa) || bail "no mbx_timeouts counter"

# VF 0 keeps the mailbox busy: every address change is a SET_MAC that
# waits for the PF's answer. Each call's duration and result is logged.
loop_log=/tmp/setmac.log
(
	end=$((SECONDS + 12))
	i=0
	while [ "$SECONDS" -lt "$end" ]; do
		t0=$(date +%s%N)
		if ip netns exec nsa ip link set "$a" address "02:5a:00:00:01:0$((i % 2))" 2>/tmp/setmac.err; then
			r=ok
		else
			r="fail $(tr -d '\n' </tmp/setmac.err)"
		fi
		echo "$((($(date +%s%N) - t0) / 1000000)) $r"
		i=$((i + 1))
	done
) >"$loop_log" &
loop=$!

sleep 2
for n in 1 2 3; do
	if [ "$PF_DRV" = igb ]; then
		check "PF reset $n (ethtool -r)" ethtool -r "$pf"
	else
		check "PF reset $n (ethtool --reset all)" ethtool --reset "$pf" all
	fi
	sleep 2
done
wait "$loop"

calls=$(wc -l <"$loop_log")
fails=$(grep -c ' fail' "$loop_log")
slowest=$(sort -n "$loop_log" | tail -n 1 | cut -d' ' -f1)
diag "$calls address changes, $fails refused or failed, slowest ${slowest} ms"
cut -d' ' -f2- "$loop_log" | grep '^fail' | sort | uniq -c | sort -rn | head -n 5 | while read -r line; do diag "$line"; done
check "VF 0 made address changes during the resets ($calls)" test "$calls" -ge 3
check "failed changes say try again" sh -c "! grep ' fail' $loop_log | grep -qv 'Resource temporarily unavailable'"

check "PF carrier after the resets" wait_until 30 carrier_on "$pf"
check "VF 0 carrier after the resets" wait_until 60 carrier_on "$a" nsa
check "VF 1 carrier after the resets" wait_until 60 carrier_on "$b" nsb
# The last change may have been refused: settle on one address now.
check "VF 0 takes a final address" wait_until 20 \
	ip netns exec nsa ip link set "$a" address 02:5a:00:00:01:09
check_eq "VF 0 shows the final address" 02:5a:00:00:01:09 \
	"$(in_ns nsa cat "/sys/class/net/$a/address")"
check "VF 1 -> VF 0 ping after the resets" wait_until 60 ping_ok nsb 10.0.0.10
check "VF 0 -> PF ping after the resets" ping_retry nsa 10.0.0.1

resets=$(ethtool_stat "$a" resets nsa)
tmo=$(ethtool_stat "$a" mbx_timeouts nsa)
check "VF 0 redid its RESET handshake (resets $resets0 -> $resets)" test "$resets" -gt "$resets0"
check_eq "VF 0 saw no mailbox timeout" "$tmo0" "$tmo"
done_testing
