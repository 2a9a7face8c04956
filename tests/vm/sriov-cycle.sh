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
mem_settle
slab0=$(mem_snapshot) avail0=$(mem_avail_kb) meminfo0=$(mem_kernel_kb)
cp /proc/slabinfo /run/snic-slab0
ref_pf0=$(module_refcnt sriovnic_pf) ref_common0=$(module_refcnt sriovnic_common)

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
sent=$(sed -nE 's/^([0-9]+) packets transmitted.*/\1/p' "$out")
recv=$(sed -nE 's/.* ([0-9]+) received.*/\1/p' "$out")
check "the PF's traffic flowed during the cycles" test "${recv:-0}" -gt 0
check "the PF lost at most 2% of its pings (sent ${sent:-?}, got ${recv:-?})" \
	test $(( ${recv:-0} * 100 )) -ge $(( ${sent:-1} * 98 ))
check "PF <-> peer ping after" ping_retry "" 10.0.2.2

wait_until 30 mem_recovered "$avail0"
slab1=$(mem_snapshot) avail1=$(mem_avail_kb)
diag "slab bytes in use: $slab0 -> $slab1; MemAvailable + per-CPU free lists kB: $avail0 -> $avail1"
diag "meminfo kB before: $meminfo0"
diag "meminfo kB after:  $(mem_kernel_kb)"
# The caches that grew most, to tell a leak from cache warm-up.
diag "$(python3 -c '
import sys
def rd(f):
    d = {}
    for l in open(f).readlines()[2:]:
        x = l.split()
        d[x[0]] = int(x[1]) * int(x[3])
    return d
a, b = rd(sys.argv[1]), rd("/proc/slabinfo")
g = sorted(((b[k] - a.get(k, 0), k) for k in b), reverse=True)[:6]
print("; ".join("%s +%d" % (k, v) for v, k in g))' /run/snic-slab0)"
# igb/igbvf show about 0.8 MiB of growth here (new kworkers, cgroup-charged
# buffers); one leaked VF netdev per cycle would add well over 1 MiB more.
check "slab memory grew by less than 2 MiB over $cycles cycles" \
	test $((slab1 - slab0)) -lt $((2 * 1024 * 1024))
check "MemAvailable (with the per-CPU free lists) dropped by less than 8 MiB over $cycles cycles" \
	test $((avail0 - avail1)) -lt $((8 * 1024))
check_eq "sriovnic_pf refcount unchanged" "$ref_pf0" "$(module_refcnt sriovnic_pf)"
check_eq "sriovnic_common refcount unchanged" "$ref_common0" "$(module_refcnt sriovnic_common)"
done_testing
