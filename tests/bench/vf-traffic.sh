#!/bin/bash
# proves: nothing by itself: measures VF traffic for scripts/bench (not a test)
# vm: iomem-relaxed
# timeout: 2400
# Prints "# bench: <metric> <value>" lines; scripts/bench compares pairs.
# Each workload also runs between two marker reads of an unimplemented PF
# register (BAR0 offset 0x1fffc) and prints "# phase: <name> <packets>
# <irqs> <retransmits> <ms>", so that scripts/bench-trace can count the
# register accesses QEMU traced for it (packets: RX + TX of every
# interface taking part; irqs: their queue vectors).
. "$SNIC_DIR/tests/vm/lib.sh"
secs=${BENCH_SECS:-5}

marker() {
	python3 - "$(pf_pci 0)" <<'PY'
import mmap, os, struct, sys
fd = os.open("/sys/bus/pci/devices/%s/resource0" % sys.argv[1], os.O_RDWR | os.O_SYNC)
m = mmap.mmap(fd, 0x20000)
struct.unpack("<I", m[0x1fffc:0x20000])
PY
}
nsdev() { in_ns "$1" ls /sys/class/net | grep -v '^lo$' | head -n 1; }
# Packets through the PF netdev and the VFs in nsa/nsb, RX + TX.
pkts() {
	local n=0 ns d
	for ns in nsa nsb ""; do
		if [ -n "$ns" ]; then
			d=$(nsdev "$ns") || continue
		else
			d=$pf
		fi
		[ -n "$d" ] || continue
		n=$((n + $(in_ns "$ns" cat /sys/class/net/$d/statistics/rx_packets 2>/dev/null || echo 0) +
		     $(in_ns "$ns" cat /sys/class/net/$d/statistics/tx_packets 2>/dev/null || echo 0)))
	done
	echo $n
}
# Queue vectors: ours snicvf-<pci>-rx|tx|rxtx and <pf>-TxRx-0, the
# kernel's <dev>-rx-0/-tx-0 (igbvf) and <dev>-TxRx-0 (igb).
irqs() { awk '$NF ~ /^snicvf.*-(rx|tx|rxtx)$|-[rt]x-[0-9]+$|-TxRx-[0-9]+$/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }' /proc/interrupts; }
retrans() {
	local s=0 ns
	for ns in nsa nsb ""; do
		s=$((s + $(in_ns "$ns" awk '/^Tcp:/ && ++n == 2 { print $13 }' /proc/net/snmp)))
	done
	echo $s
}
# phase NAME CMD...: run CMD between markers; CMD's stdout is kept in
# /tmp/bench-NAME.out, its status in phase_rc, its duration in phase_ms.
phase() {
	local name=$1 p0 i0 r0 t0 t1; shift
	p0=$(pkts) i0=$(irqs) r0=$(retrans)
	marker
	t0=$(date +%s%N)
	"$@" >"/tmp/bench-$name.out" 2>&1
	phase_rc=$?
	t1=$(date +%s%N)
	marker
	phase_ms=$(((t1 - t0) / 1000000))
	echo "# phase: $name $(($(pkts) - p0)) $(($(irqs) - i0)) $(($(retrans) - r0)) $phase_ms"
	return $phase_rc
}

# bringup N: sriov_numvfs=N until every VF has carrier, timed by
# tests/bench/bringup.py (one process: no fork per look, which under TCG
# cost more than the drivers did). Prints its total_ms.
bringup() {
	python3 "$SNIC_DIR/tests/bench/bringup.py" "$(pf_pci 0)" "$1" \
		"/run/out/bringup$1.vfs" | sed -n 's/^# bench: total_ms //p'
	[ "${PIPESTATUS[0]}" -eq 0 ]
}

# iperf3 JSON -> "mbps retransmits" (TCP) or "mbps lost_percent" (UDP),
# the receiver's throughput either way. iperf3 3.12 gives UDP a
# sum_received too (with the loss; its sum_sent says 0 lost): the protocol
# decides, not which sums are there.
iperf() {	# iperf CLIENT_NS SERVER_NS ADDR ARGS...
	local cns=$1 sns=$2 addr=$3
	shift 3
	in_ns "$sns" iperf3 -s -1 -D -B "$addr" -p 5201 >/dev/null 2>&1 || return 1
	sleep 0.5
	in_ns "$cns" timeout 60 iperf3 -c "$addr" -p 5201 -J "$@" | python3 -c '
import json, sys
j = json.load(sys.stdin)
e = j["end"]
if j["start"]["test_start"]["protocol"] == "TCP":
    print(int(e["sum_received"]["bits_per_second"] / 1e6), e["sum_sent"].get("retransmits", 0))
else:
    s = e.get("sum_received", e["sum"])
    print(int(s["bits_per_second"] / 1e6), s["lost_percent"])'
}
tcp() {	# tcp NAME CLIENT_NS SERVER_NS ADDR
	local r
	phase "$1" iperf "$2" "$3" "$4" -t "$secs"
	r=$(cat "/tmp/bench-$1.out")
	echo "# bench: ${1}_mbps ${r% *}"
	echo "# bench: ${1}_retrans ${r#* }"
}

load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
phase bringup2 bringup 2 || bail "VFs did not come up"
echo "# bench: bringup2_ms $(cat /tmp/bench-bringup2.out)"
vf_to_ns 0 nsa 10.0.0.10/24 >/dev/null || bail "VF 0 has no carrier"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier"
ping_retry nsa 10.0.0.11 >/dev/null || bail "VFs cannot reach each other"
ping_retry nsa 10.0.0.1 >/dev/null || bail "VF cannot reach the PF"

tcp tcp_vf_to_vf nsa nsb 10.0.0.11
tcp tcp_vf_to_pf nsa "" 10.0.0.1
tcp tcp_pf_to_vf "" nsb 10.0.0.11

phase udp_100m iperf nsa nsb 10.0.0.11 -u -l 1000 -b 100M -t 3
r=$(cat /tmp/bench-udp_100m.out)
echo "# bench: udp_100m_loss_pct ${r#* }"
# The highest of a ladder of rates that loses less than 0.1% (up to the
# veth ladder's top: both pairs reached 800, the old top, in one run).
best=0
for rate in 50 100 200 300 400 600 800 1000 1200 1600 2400; do
	r=$(iperf nsa nsb 10.0.0.11 -u -l 1000 -b ${rate}M -t 2) || break
	python3 -c "import sys; sys.exit(float('${r#* }') >= 0.1)" || break
	best=$rate
done
echo "# bench: udp_max_lossless_mbps $best"

phase ping in_ns nsa ping -q -f -c 1000 10.0.0.11
rtt=$(sed -nE 's|.*= [0-9.]+/([0-9.]+)/.*|\1|p' /tmp/bench-ping.out)
echo "# bench: ping_flood_vf_to_vf_avg_us $(python3 -c "print(int(float('${rtt:-0}') * 1000))")"

# The limit: the same workloads between two namespaces over a veth pair,
# no device emulated at all.
ip netns add nsv1 && ip netns add nsv2 &&
	ip link add vth1 netns nsv1 type veth peer name vth2 netns nsv2 &&
	in_ns nsv1 ip addr add 10.9.0.1/24 dev vth1 &&
	in_ns nsv2 ip addr add 10.9.0.2/24 dev vth2 &&
	in_ns nsv1 ip link set vth1 up && in_ns nsv2 ip link set vth2 up &&
	in_ns nsv1 ip link set lo up && in_ns nsv2 ip link set lo up
if ping_retry nsv1 10.9.0.2 >/dev/null; then
	r=$(iperf nsv1 nsv2 10.9.0.2 -t "$secs")
	echo "# bench: veth_tcp_mbps ${r% *}"
	best=0
	for rate in 100 200 400 800 1200 1600 2400; do
		r=$(iperf nsv1 nsv2 10.9.0.2 -u -l 1000 -b ${rate}M -t 2) || break
		python3 -c "import sys; sys.exit(float('${r#* }') >= 0.1)" || break
		best=$rate
	done
	echo "# bench: veth_udp_max_lossless_mbps $best"
	rtt=$(in_ns nsv1 ping -q -f -c 1000 10.9.0.2 | sed -nE 's|.*= [0-9.]+/([0-9.]+)/.*|\1|p')
	echo "# bench: veth_ping_flood_avg_us $(python3 -c "print(int(float('${rtt:-0}') * 1000))")"
fi

mod() { awk -v m="$1" '$1 == m { print $2 }' /proc/modules; }
case $PF_DRV in
igb) pfm=$(mod igb) ;;
*) pfm=$(( $(mod sriovnic_pf) + $(mod sriovnic_common) )) ;;
esac
case $VF_DRV in
igbvf) vfm=$(mod igbvf) ;;
*) vfm=$(mod sriovnic_vf) ;;
esac
echo "# bench: pf_module_bytes ${pfm:-0}"
echo "# bench: vf_module_bytes ${vfm:-0}"

# Seven VFs from scratch: the time from sriov_numvfs=7 to every carrier.
ip netns del nsa; ip netns del nsb
set_numvfs 0
sleep 1
phase bringup7 bringup 7 && echo "# bench: bringup7_ms $(cat /tmp/bench-bringup7.out)"
ok "measured"
done_testing
