#!/bin/bash
# proves: sriov_numvfs 0 -> 7 -> 0 ten times while the PF carries traffic over the wire: each cycle gives 7 VFs with netdevs, the PF's traffic keeps flowing, and no slab memory, MemAvailable or module reference is leaked
# topology: wire
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.2.1/24 || bail "port 0 link does not come up"
peer=$(pf_dev 1) || bail "no port 1 netdev"
dev_to_ns "$peer" peer 10.0.2.2/24 || bail "port 1 has no carrier in its namespace"
check "PF <-> peer ping before" ping_retry "" 10.0.2.2

# One cycle first: caches and first-use allocations are not leaks.
check "warm-up: 7 VFs" enable_vfs 7
check "warm-up: back to 0" set_numvfs 0
leak_mark sriovnic_pf sriovnic_common

out=/run/snic-cycle-ping
# ip netns exec execs ping, so $! is ping itself and SIGINT ends it.
ip netns exec peer ping -i 0.1 -W 2 10.0.2.1 >"$out" 2>&1 &
pinger=$!
cycles=10
for ((i = 1; i <= cycles; i++)); do
	if enable_vfs 7; then
		ok "cycle $i: 7 VFs with netdevs"
	else
		not_ok "cycle $i: 7 VFs with netdevs" "numvfs $(numvfs)"
	fi
	if [ "$i" = 1 ] || [ "$i" = "$cycles" ]; then
		c=$(vf_to_ns 6 ns$i 10.0.2.16/24) &&
			ok "cycle $i: VF 6 ($c) has carrier" ||
			not_ok "cycle $i: VF 6 has carrier"
		# igbvf busy-waits at most 1 s for the RESET answer; on a loaded
		# TCG host it can miss it and then retries after 10 s.
		check "cycle $i: VF 6 -> PF ping" wait_until 45 ping_ok ns$i 10.0.2.1
	fi
	check "cycle $i: back to 0 VFs" set_numvfs 0
	check_eq "cycle $i: sriov_numvfs reads 0" 0 "$(numvfs)"
done
kill -INT "$pinger"
wait "$pinger"
diag "$(tail -n 2 "$out")"
read -r sent recv <<<"$(ping_tally "$out")"
check "the PF's traffic flowed during the cycles" test "${recv:-0}" -gt 0
check "the PF lost at most 2% of its pings (sent ${sent:-?}, got ${recv:-?})" \
	test $(( ${recv:-0} * 100 )) -ge $(( ${sent:-1} * 98 ))
check "PF <-> peer ping after" ping_retry "" 10.0.2.2

# igb/igbvf show about 0.8 MiB of slab growth here (new kworkers,
# cgroup-charged buffers); one leaked VF netdev per cycle would add well
# over 1 MiB more.
leak_checks "$cycles cycles" 2048
done_testing
