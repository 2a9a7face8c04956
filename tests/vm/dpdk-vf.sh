#!/bin/bash
# proves: DPDK's igb VF PMD (Debian's dpdk-testpmd, the VF on vfio-pci behind an emulated Intel IOMMU, hugepages) probes a VF whose MAC the administrator set, starts its port with that MAC, sends in txonly mode to a kernel VF in a namespace and exits cleanly, with the host kept busy by a CPU hog beside the VM; the PF logs no malformed message when DPDK releases its address at close
# pairs: igb/igbvf sriovnic/igbvf
# reference: yes
# vm: iommu
# host-load: 1
# timeout: 600
#
# The VF under test is DPDK's, not the pair's: only the PF driver varies,
# so one pair per PF driver. VF 1 (the pair's igbvf) is only the peer.
#
# DPDK's VF mailbox waits busy for each answer with a budget of 1 s
# (2000 polls 500 us apart) and, after one timeout, fails every later
# request until its next reset: a PF that answers late loses the probe
# or the start. "# host-load: 1" makes scripts/vm run a CPU hog on the
# host for the VM's lifetime, so that the guest runs slower than usual,
# as on a loaded host (the worst case that was seen).
. "$SNIC_DIR/tests/vm/lib.sh"
mac0=02:5a:00:00:d0:00
mac1=02:5a:00:00:d0:01
TXONLY_SECS=4
log=/run/out/testpmd.log

command -v dpdk-testpmd >/dev/null ||
	bail "no dpdk-testpmd on the host (scripts/deps installs dpdk-dev)"
compgen -G "/sys/class/iommu/*" >/dev/null ||
	bail "no IOMMU in this VM (scripts/vm adds one for '# vm: iommu')"
modprobe vfio-pci || bail "cannot load vfio-pci"

# Hugepages for DPDK's memory: 128 MiB of 2 MiB pages.
echo 64 >/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
mkdir -p /dev/hugepages
mount -t hugetlbfs nodev /dev/hugepages || bail "cannot mount hugetlbfs"
check_eq "64 hugepages of 2 MiB reserved" 64 \
	"$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages)"

load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
# VFs are bound by hand: VF 0 to vfio-pci, VF 1 to the pair's VF driver.
echo 0 >"/sys/bus/pci/devices/$(pf_pci 0)/sriov_drivers_autoprobe" ||
	bail "cannot turn off VF autoprobe"
set_numvfs 2 || bail "cannot create 2 VFs"
check "VF 0: MAC $mac0 set by the administrator" ip link set "$pf" vf 0 mac "$mac0"
check "VF 1: MAC $mac1 set by the administrator" ip link set "$pf" vf 1 mac "$mac1"

vf1=$(vf_pci 1) || bail "no VF 1"
vf_driver_name >"/sys/bus/pci/devices/$vf1/driver_override"
echo "$vf1" >/sys/bus/pci/drivers_probe
wait_until 30 vf_dev 1 || bail "VF 1 got no netdev from $VF_DRV"
peer=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
ok "VF 1 ($peer, $VF_DRV) is up in nsb"

vf0=$(vf_pci 0) || bail "no VF 0"
echo vfio-pci >"/sys/bus/pci/devices/$vf0/driver_override"
echo "$vf0" >/sys/bus/pci/drivers_probe
check_eq "VF 0 ($vf0) bound to vfio-pci" vfio-pci "$(vf_driver 0)"

# stamp T0: prefix each line with the seconds since T0 ($EPOCHREALTIME).
stamp() {
	local t0=${1/./} t l
	while IFS= read -r l; do
		t=$(( ${EPOCHREALTIME/./} - t0 ))
		printf '[%4d.%03d] %s\n' $((t / 1000000)) $((t / 1000 % 1000)) "$l"
	done
}

# testpmd, not interactive: it probes, starts the port and forwards until
# a line arrives on its stdin, then stops, closes the port and exits.
# --no-mlockall: locking every page of the process in memory reads all of
# its libraries in from 9p first (more than two minutes under TCG).
# Our PF: trace when the mailbox interrupt came, when the work ran and
# when it read each request and wrote each answer (function tracer).
tr=/sys/kernel/tracing
if [ "$PF_DRV" = sriovnic ]; then
	[ -e "$tr/trace" ] || mount -t tracefs nodev "$tr"
	echo 16384 >"$tr/buffer_size_kb"
	echo "snic_pf_other_irq snic_pf_vf_mbx_work snic_mbx_read snic_mbx_write" \
		>"$tr/set_ftrace_filter" && echo function >"$tr/current_tracer" &&
		echo 1 >"$tr/tracing_on" || bail "cannot trace the PF's mailbox"
fi
rx_before=$(in_ns nsb cat "/sys/class/net/$peer/statistics/rx_packets")
mark=$(log_mark)
rm -f /run/testpmd.in
mkfifo /run/testpmd.in
exec 3<>/run/testpmd.in
t0=$SECONDS
(
	set -o pipefail
	stdbuf -oL -eL timeout -k 5 240 dpdk-testpmd -l 0-1 -n 1 \
		--file-prefix=snic --no-telemetry -a "$vf0" -- \
		--no-mlockall --forward-mode=txonly --eth-peer="0,$mac1" \
		--nb-cores=1 \
		--total-num-mbufs=2048 --rxd=256 --txd=256 <&3 2>&1 |
		stamp "$EPOCHREALTIME" >"$log"
) &
tp=$!
# forwarding_or_gone: testpmd forwards, or it is no longer running.
forwarding_or_gone() {
	grep -q "Press enter to exit" "$log" || ! kill -0 "$tp" 2>/dev/null
}
wait_until 180 forwarding_or_gone
if grep -q "Press enter to exit" "$log"; then
	ok "testpmd forwards after $((SECONDS - t0)) s"
	sleep "$TXONLY_SECS"
else
	not_ok "testpmd forwards within 180 s" "$(tail -n 20 "$log")"
fi
echo >&3
wait "$tp"
rc=$?
exec 3>&-
diag "testpmd ran $((SECONDS - t0)) s; its output is kept as testpmd.log"

check "DPDK's igb VF PMD probed $vf0" \
	grep -q "Probe PCI driver: net_e1000_igb_vf" "$log"
want=$(tr '[:lower:]' '[:upper:]' <<<"$mac0")
check "port 0 started with the administrator's MAC $want" \
	grep -q "] Port 0: $want" "$log"
tx=$(sed -n '/Accumulated forward statistics/,$ s/.*TX-packets: *\([0-9]*\).*/\1/p' \
	"$log" | head -n 1)
if [ "${tx:-0}" -gt 0 ] 2>/dev/null; then
	ok "testpmd sent $tx packets"
else
	not_ok "testpmd sent packets" "TX-packets: ${tx:-none}" "$(tail -n 30 "$log")"
fi
rx=$(( $(in_ns nsb cat "/sys/class/net/$peer/statistics/rx_packets") - rx_before ))
if [ "$rx" -ge 10 ]; then
	ok "the peer VF received $rx packets"
else
	not_ok "the peer VF received packets" "rx_packets grew by $rx"
fi
check_eq "testpmd exited with status 0" 0 "$rc"
check "testpmd closed the port and said Bye" grep -q "] Bye" "$log"

# pf_answer_times TRACE: from the function trace, "MAX_MS SLOW LATE N":
# the longest time from a mailbox interrupt to the answer written by the
# work it started, how many answers took over 100 ms, how many requests
# were read by a work no interrupt had started (a lost or late interrupt,
# caught up by the watchdog), and the number of answers.
pf_answer_times() {
	awk '{
		ts = ""; fn = ""
		for (i = 1; i <= NF; i++)
			if ($i ~ /^[0-9]+\.[0-9]+:$/) { ts = substr($i, 1, length($i) - 1); fn = $(i + 1); break }
		if (ts == "") next
		if (fn == "snic_pf_other_irq") { if (!pend) { irq = ts; pend = 1 } }
		else if (fn == "snic_pf_vf_mbx_work") { start = pend ? irq : -1; pend = 0 }
		else if (fn == "snic_mbx_read") { if (start < 0) late++; req = start }
		else if (fn == "snic_mbx_write" && req != "") {
			if (req >= 0) {
				ms = (ts - req) * 1000; n++
				if (ms > max) max = ms
				if (ms > 100) slow++
			}
			req = ""
		}
	} END { printf "%d %d %d %d\n", max, slow, late, n }' "$1"
}

if [ "$PF_DRV" = sriovnic ]; then
	echo 0 >"$tr/tracing_on"
	cat "$tr/trace" >/run/out/pf-trace.txt
	echo nop >"$tr/current_tracer"
	# No process substitution: the guest has no /dev/fd.
	read -r max slow late n <<<"$(pf_answer_times /run/out/pf-trace.txt)"
	diag "PF answers: $n, slowest ${max} ms after the interrupt, $slow over 100 ms, $late requests read without an interrupt"
	# A late read is only reported: a watchdog run that starts just
	# before an interrupt's handler looks the same.
	if [ "$n" -gt 0 ] && [ "$max" -lt 1000 ]; then
		ok "the PF answered each of DPDK's $n requests within its 1 s (slowest: $max ms)"
	else
		not_ok "the PF answered each of DPDK's requests within its 1 s" \
			"answers: $n, slowest: $max ms, read without an interrupt: $late" \
			"(function trace kept as pf-trace.txt)"
	fi
else
	skip "the PF answered each of DPDK's requests within its 1 s" \
		"traced for our PF only"
fi

pflog=$(log_since "$mark" | grep "$(pf_pci 0)")
diag "PF log while testpmd ran:" "${pflog:-(nothing)}"
if [ "$PF_DRV" = sriovnic ]; then
	check_fails "no malformed-message warning from the PF" \
		grep -q "malformed" <<<"$pflog"
else
	skip "no malformed-message warning from the PF" \
		"igb warns of an invalid MAC here; its logs are not ours"
fi
done_testing
