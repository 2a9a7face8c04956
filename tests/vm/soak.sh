#!/bin/bash
# proves: a soak on the debug kernel leaves nothing behind: 100 sriov_numvfs 0 -> 7 -> 0 cycles while the PF pings the wire peer, with a global PF reset, a hostile-VF storm on VF 0 and a VF driver unbind/bind of every other VF interleaved; each cycle gives 7 VF netdevs, each reset and storm is survived by the other VFs (carrier, ping), the PF's traffic flows throughout, and slab, MemAvailable and module references are back at the end (kmemleak is scanned after every scenario)
# topology: wire
# pairs: sriovnic/sriovnic
# kernel: debug
# slow: yes
# timeout: 7200
. "$SNIC_DIR/tests/vm/lib.sh"
cycles=${SOAK_CYCLES:-100}
# What every fifth cycle adds, by cycle number modulo 5.
rogue_modes=(storm random rst vfu fuzz flr noack fill)
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.2.1/24 || bail "port 0 link does not come up"
peer=$(pf_dev 1) || bail "no port 1 netdev"
dev_to_ns "$peer" peer 10.0.2.2/24 || bail "port 1 has no carrier in its namespace"
check "PF <-> peer ping before" ping_retry "" 10.0.2.2
rogue=$(rogue_vf_bin) || bail "no rogue-vf tool"

# One cycle first: caches and first-use allocations are not leaks.
check "warm-up: 7 VFs" enable_vfs 7
check "warm-up: back to 0" set_numvfs 0
leak_mark sriovnic_pf sriovnic_common

out=/run/snic-soak-ping
ip netns exec peer ping -i 0.2 -W 2 10.0.2.1 >"$out" 2>&1 &
pinger=$!
t_start=$SECONDS
bad=0 resets=0 storms=0 msgs=0 binds=0

# soak_fail DESC [DIAG...]: one failing step; the loop goes on, the
# cycle's summary line says which cycle.
soak_fail() {
	bad=$((bad + 1))
	not_ok "$@"
}

# A VF in a namespace that must keep carrier and answer across the event.
soak_vf_up() {	# soak_vf_up CYCLE VF NS ADDR
	local c
	c=$(vf_to_ns "$2" "$3" "$4") || { soak_fail "cycle $1: VF $2 has carrier in $3"; return 1; }
	wait_until 60 ping_ok "$3" 10.0.2.1 ||
		{ soak_fail "cycle $1: VF $2 ($c) -> PF ping"; return 1; }
	echo "$c"
}

for ((i = 1; i <= cycles; i++)); do
	if ! enable_vfs 7; then
		soak_fail "cycle $i: 7 VFs with netdevs" "numvfs $(numvfs)"
		set_numvfs 0
		continue
	fi
	case $((i % 5)) in
	0)	# A global reset with VFs running.
		if c=$(soak_vf_up "$i" 1 ns1 10.0.2.11/24); then
			ethtool --reset "$pf" all >/dev/null 2>&1 ||
				soak_fail "cycle $i: ethtool --reset all"
			resets=$((resets + 1))
			wait_until 60 carrier_on "$c" ns1 ||
				soak_fail "cycle $i: VF 1 carrier after the PF reset"
			wait_until 60 ping_ok ns1 10.0.2.1 ||
				soak_fail "cycle $i: VF 1 -> PF ping after the PF reset"
		fi
		;;
	2)	# A hostile VF 0 while VF 1 carries pings.
		mode=${rogue_modes[$(((i / 5) % ${#rogue_modes[@]}))]}
		vf0=$(vf_driverless 0) || soak_fail "cycle $i: unbind VF 0"
		if c=$(soak_vf_up "$i" 1 ns1 10.0.2.11/24); then
			"$rogue" --bar "/sys/bus/pci/devices/$vf0/resource0" --mode "$mode" \
				--seconds 3 --seed "$i" >/run/snic-soak-rogue 2>&1 ||
				soak_fail "cycle $i: rogue-vf $mode ran" "$(cat /run/snic-soak-rogue)"
			storms=$((storms + 1))
			n=$(rogue_field "$(grep '^rogue-vf: ' /run/snic-soak-rogue)" msgs)
			msgs=$((msgs + ${n:-0}))
			carrier_on "$c" ns1 || soak_fail "cycle $i: VF 1 kept carrier through $mode"
			wait_until 30 ping_ok ns1 10.0.2.1 ||
				soak_fail "cycle $i: VF 1 -> PF ping after $mode"
		fi
		;;
	4)	# Every VF's driver unbound and bound again.
		for ((v = 0; v < 7; v++)); do
			vf_rebind "$v" || soak_fail "cycle $i: VF $v rebinds"
			binds=$((binds + 1))
		done
		soak_vf_up "$i" 6 ns1 10.0.2.16/24 >/dev/null
		;;
	*)	# Traffic through the last VF.
		soak_vf_up "$i" 6 ns1 10.0.2.16/24 >/dev/null
		;;
	esac
	set_numvfs 0 || soak_fail "cycle $i: back to 0 VFs"
	[ "$(numvfs)" = 0 ] || soak_fail "cycle $i: sriov_numvfs reads 0"
	ip netns del ns1 2>/dev/null
	[ $((i % 10)) = 0 ] && diag "cycle $i of $cycles: $((SECONDS - t_start)) s, $bad failures"
done
ok "soak: $cycles cycles, $resets PF resets, $storms hostile-VF storms ($msgs messages), $binds VF rebinds in $((SECONDS - t_start)) s"
check_eq "soak: no cycle failed" 0 "$bad"

kill -INT "$pinger"
wait "$pinger"
diag "$(tail -n 2 "$out")"
read -r sent recv <<<"$(ping_tally "$out")"
check "the PF's traffic flowed during the soak" test "${recv:-0}" -gt 0
# A global reset drops the PF's link for a while: 2 s (10 pings) a reset.
check "the PF lost at most 2% of its pings beyond its resets' downtime (sent ${sent:-?}, got ${recv:-?})" \
	test $(( (${recv:-0} + resets * 10) * 100 )) -ge $(( ${sent:-1} * 98 ))
check "PF <-> peer ping after" ping_retry "" 10.0.2.2

leak_checks "$cycles cycles" 2048
done_testing
