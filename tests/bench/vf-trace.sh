#!/bin/bash
# proves: nothing by itself: traffic phases for scripts/bench-trace (not a test)
# vm: iomem-relaxed
# Runs flood ping, TCP and UDP between two VFs, then an idle pause, each
# phase between two marker reads of an unimplemented PF register (BAR0
# offset 0x1fffc) that scripts/bench-trace finds in QEMU's register trace.
# Prints "# phase: <name> <packets> <irqs> <tcp_retrans> <ms>" per phase
# (both VFs' RX+TX packets, their queue interrupts, TCP retransmits, the
# phase's guest-side duration).
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
vf_to_ns 0 nsa 10.0.0.10/24 >/dev/null || bail "VF 0 has no carrier"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier"
ping_retry nsa 10.0.0.11 >/dev/null || bail "VFs cannot reach each other"
secs=${BENCH_SECS:-5}
# BENCH_RX_RING: resize both VFs' RX rings first (ethtool -G).
if [ -n "${BENCH_RX_RING:-}" ]; then
	for ns in nsa nsb; do
		in_ns $ns ethtool -G "$(in_ns $ns ls /sys/class/net | grep -v '^lo$' | head -n 1)" rx "$BENCH_RX_RING"
	done
	sleep 2
	ping_retry nsa 10.0.0.11 >/dev/null || bail "no traffic after the resize"
fi

marker() {
	python3 - "$(pf_pci 0)" <<'PY'
import mmap, os, struct, sys
fd = os.open("/sys/bus/pci/devices/%s/resource0" % sys.argv[1], os.O_RDWR | os.O_SYNC)
m = mmap.mmap(fd, 0x20000)
struct.unpack("<I", m[0x1fffc:0x20000])
PY
}
# Packets both VFs moved (RX + TX of both), TCP retransmits.
pkts() {
	local n=0 ns d
	for ns in nsa nsb; do
		d=$(in_ns $ns ls /sys/class/net | grep -v '^lo$' | head -n 1)
		n=$((n + $(in_ns $ns cat /sys/class/net/$d/statistics/rx_packets) +
		     $(in_ns $ns cat /sys/class/net/$d/statistics/tx_packets)))
	done
	echo $n
}
# Queue vectors only: ours are snicvf-<pci>-rx|tx|rxtx, igbvf's <dev>-rx-0/-tx-0.
irqs() { awk '$NF ~ /^snicvf.*-(rx|tx|rxtx)$|-[rt]x-[0-9]+$/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }' /proc/interrupts; }
retrans() { local s=0 ns; for ns in nsa nsb; do s=$((s + $(in_ns $ns awk '/^Tcp:/ && ++n == 2 { print $13 }' /proc/net/snmp))); done; echo $s; }
# TCP's view of a loss, per namespace: "ns:Name=value ..." for the causes
# of retransmits (timeouts, loss probes, out-of-order at the receiver,
# DSACKs: spurious retransmits).
tcpx() {
	local ns
	for ns in nsa nsb; do
		in_ns $ns python3 -c '
import sys
want = ("TCPTimeouts", "TCPLossProbes", "TCPOFOQueue", "TCPDSACKRecv",
        "TCPSpuriousRTOs", "TCPFastRetrans", "TCPSlowStartRetrans",
        "TCPSackRecovery", "TCPLostRetransmit", "TCPBacklogDrop",
        "TCPRcvQDrop", "TCPOFODrop", "TCPZeroWindowDrop", "TCPRcvCollapsed",
        "TCPRcvPruned", "PruneCalled", "OfoPruned")
rows = [l.split() for l in open("/proc/net/netstat")]
for h, v in zip(rows[::2], rows[1::2]):
    if h[0] == "TcpExt:":
        print(" ".join("%s:%s=%s" % (sys.argv[1], k, x)
                       for k, x in zip(h[1:], v[1:]) if k in want))
' $ns
	done
}
# The VFs' own drop counters (ethtool -S names differ per driver).
vfdrops() {
	local ns d
	for ns in nsa nsb; do
		d=$(in_ns $ns ls /sys/class/net | grep -v '^lo$' | head -n 1)
		in_ns $ns ethtool -S "$d" 2>/dev/null |
			awk -v ns=$ns '$1 ~ /drop|miss|fail|over|err|busy|restart|full/ && $2 != 0 { printf "%s:%s%s ", ns, $1, $2 }'
	done
	# Frames the stack itself dropped (softnet_stat's second column).
	local n=0 x
	while read -r _ x _; do n=$((n + 0x$x)); done </proc/net/softnet_stat
	printf 'softnet_dropped:%d' $n
	echo
}
phase() {	# phase NAME CMD...
	local name=$1 p0 i0 r0 t0 t1; shift
	p0=$(pkts) i0=$(irqs) r0=$(retrans)
	marker
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	marker
	echo "# phase: $name $(($(pkts) - p0)) $(($(irqs) - i0)) $(($(retrans) - r0)) $(((t1 - t0) / 1000000))"
	echo "# tcpx: $name $(tcpx | tr '\n' ' ')"
	echo "# drops: $name $(vfdrops)"
}
in_ns nsb iperf3 -s -D -B 10.0.0.11 -p 5201 >/dev/null 2>&1
sleep 0.5
# BENCH_PHASES picks some of them (default: all, in this order).
for p in ${BENCH_PHASES:-ping tcp udp idle}; do
	case $p in
	ping) phase ping in_ns nsa ping -q -f -c 2000 10.0.0.11 ;;
	tcp) phase tcp in_ns nsa iperf3 -c 10.0.0.11 -p 5201 -t "$secs" ;;
	udp) phase udp in_ns nsa iperf3 -u -b 200M -l 1000 -c 10.0.0.11 -p 5201 -t "$secs" ;;
	idle) phase idle sleep "$secs" ;;
	esac
done
ok "phases ran"
done_testing
