#!/bin/bash
# proves: the kernel's own 6.12 drivers/net selftests ping.py, stats.py, queues.py and hw/csum.py, run as a new user would (NETIF, IPv4 and IPv6 addresses, REMOTE_TYPE=netns; csum.py through tests/vm/ksft/run-csum.py, which supplies the remote_ifname 6.12's library lacks and gives its receiver 5 s instead of 1), pass on our VF and on our PF with VF 1 in a namespace as the remote end: every KTAP result they print is one check (a skip or xfail shown as a skip, never a pass), and stats.py's qstats cases pkt_byte_sum, qstat_by_ifindex and check_down ran rather than skipped
# requires: pf=sriovnic
# pairs: sriovnic/sriovnic
# timeout: 900
#
# One pair: the devices under test are our VF and our PF. Under the
# kernel's igbvf the qstats cases skip (igbvf has no netdev_stat_ops) and
# check_pause fails (pause without statistics): vf.rst has that run. With
# igb as PF the PF half does not apply.
#
# The tree (tools/testing/selftests, tools/net/ynl, the netlink specs, and
# net/lib/csum built on the host) is build/ksft, unpacked by
# scripts/ksft-tree before the VMs start. Every selftest's output is kept
# as ksft-<dut>-<test>.log in the boot's directory (build/vm/groups/); a failed
# case shows its last 30 lines in the TAP.
. "$SNIC_DIR/tests/vm/lib.sh"
K=$SNIC_DIR/build/ksft/linux-source-6.12
T=$K/tools/testing/selftests/drivers/net
PY=/usr/bin/python3
[ -x "$K/tools/testing/selftests/net/lib/csum" ] ||
	bail "no selftest tree at $K (scripts/ksft-tree)"
load_drivers
pf=$(pf_dev 0)
pf_up 0 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
vf=$(vf_dev 0) || bail "no VF 0"
rem=ksft-rem
# stats.py's check_down takes the device under test down, which drops
# its IPv6 addresses unless told to keep them (the later tests need them).
sysctl -qw net.ipv6.conf.all.keep_addr_on_down=1 || bail "cannot keep IPv6 addresses"
rvf=$(vf_to_ns 1 "$rem" 192.0.2.2/24) || bail "VF 1 has no carrier in $rem"
ip -n "$rem" addr add 2001:db8::2/64 dev "$rvf" nodad || bail "no IPv6 on VF 1"

# ksft DUT NAME CMD...: run one selftest with the environment of
# drivers/net/README.rst and make each KTAP result line a check.
ksft() {
	local dut=$1 name=$2 log res r line n=0 plan st
	shift 2
	log=/run/out/ksft-$dut-$name.log
	(cd "$T" && env PYTHONDONTWRITEBYTECODE=1 NETIF="$cur" \
		LOCAL_V4=192.0.2.1 REMOTE_V4=192.0.2.2 \
		LOCAL_V6=2001:db8::1 REMOTE_V6=2001:db8::2 \
		REMOTE_TYPE=netns REMOTE_ARGS="$rem" REMOTE_IFNAME="$rvf" \
		timeout 300 "$@") >"$log" 2>&1
	st=$?
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$log" | head -n 1)
	# A here-string, not < <(...): the guest's devtmpfs has no /dev/fd.
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		n=$((n + 1))
		res=${line#*ok [0-9]* }
		case $line in
		"not ok "*) not_ok "[$dut] $res" "$(grep -v '^\(not \)\?ok ' "$log" | tail -n 30)" ;;
		*" # SKIP"* | *" # XFAIL"*)
			r=${res#* # }
			skip "[$dut] ${res%% # *}" "${r#SKIP }" ;;
		*) ok "[$dut] $res" ;;
		esac
	done <<<"$(grep -E '^(not )?ok [0-9]+ ' "$log")"
	# The plan and the exit status catch a test that died between cases.
	if [ -n "$plan" ] && [ "$plan" = "$n" ] && { [ "$st" = 0 ] || [ "$st" = 4 ]; }; then
		ok "[$dut] $name printed all $plan results of its plan (exit $st)"
	else
		not_ok "[$dut] $name printed all results of its plan" \
			"plan ${plan:-none}, $n results, exit $st" "$(tail -n 30 "$log")"
	fi
}

# qstats_ran DUT: stats.py's qstats cases must have run, not skipped.
qstats_ran() {
	local c log=/run/out/ksft-$1-stats.log bad=
	for c in pkt_byte_sum qstat_by_ifindex check_down; do
		grep -Eq "^ok [0-9]+ stats\.$c\$" "$log" || bad+=" $c"
	done
	if [ -z "$bad" ]; then
		ok "[$1] stats.py's qstats cases passed (none skipped)"
	else
		not_ok "[$1] stats.py's qstats cases passed (none skipped)" \
			"not passed:$bad" "$(grep -E "stats\.($(tr ' ' '|' <<<"${bad# }"))" "$log")"
	fi
}

# run_all DUT: the four selftests against $cur.
run_all() {
	ksft "$1" ping $PY ping.py
	ksft "$1" stats $PY stats.py
	qstats_ran "$1"
	ksft "$1" queues $PY queues.py
	ksft "$1" csum $PY "$SNIC_DIR/tests/vm/ksft/run-csum.py" hw/csum.py
}

# --- our VF under test; the PF carries no address -------------------------
cur=$vf
ip addr add 192.0.2.1/24 dev "$vf" || bail "cannot address $vf"
ip addr add 2001:db8::1/64 dev "$vf" nodad || bail "cannot address $vf"
ip link set "$vf" up
wait_until 30 carrier_on "$vf" || bail "$vf has no carrier"
ping_retry "" 192.0.2.2 >/dev/null || bail "VF 0 cannot reach VF 1"
diag "VF under test: $vf ($VF_DRV), remote: $rvf in $rem"
run_all vf

# --- our PF under test: the same addresses move from VF 0 to the PF --------
ip addr flush dev "$vf"
ip link set "$vf" down
ip -n "$rem" neigh flush dev "$rvf"
cur=$pf
ip addr add 192.0.2.1/24 dev "$pf" || bail "cannot address $pf"
ip addr add 2001:db8::1/64 dev "$pf" nodad || bail "cannot address $pf"
ping_retry "" 192.0.2.2 >/dev/null || bail "the PF cannot reach VF 1"
diag "PF under test: $pf ($PF_DRV), remote: $rvf in $rem"
run_all pf
done_testing
