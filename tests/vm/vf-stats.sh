#!/bin/bash
# proves: ip -s link show <pf> reports per-VF packet and byte counters (ndo_get_vf_stats) that move with each VF's own traffic and not with another VF's
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 3 || bail "VFs did not appear"
vf_to_ns 0 nsa 10.0.0.10/24 >/dev/null || bail "VF 0 has no carrier in its namespace"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"

# vfsnap: every VF's counters at one moment, "VF DIR FIELD VALUE" a line
# (DIR rx or tx; FIELD bytes, packets, multicast, broadcast, dropped). One
# ip and one awk a snapshot, from ip's text (a header line, then the
# values under it): python3 costs seconds a start on a TCG guest.
vfsnap() {
	ip -s -d link show dev "$pf" | awk '
		$1 == "vf" && $2 ~ /^[0-9]+$/ { vf = $2; next }
		vf != "" && ($1 == "RX:" || $1 == "TX:") {
			d = tolower(substr($1, 1, 2)); n = NF
			for (i = 2; i <= NF; i++) h[i - 1] = $i
			if ((getline) <= 0) exit
			for (i = 1; i < n && i <= NF; i++) {
				f = h[i]
				if (f == "mcast") f = "multicast"
				if (f == "bcast") f = "broadcast"
				print vf, d, f, $i
			}
		}'
}

# vfstat SNAPSHOT VF DIR FIELD: one per-VF counter of a vfsnap.
vfstat() {
	local v d f x
	while read -r v d f x; do
		[ "$v $d $f" = "$2 $3 $4" ] && { echo "$x"; return 0; }
	done <<<"$1"
	return 1
}

check "VF 0 -> VF 1 ping to settle neighbours" ping_retry nsa 10.0.0.11
s0=$(vfsnap)
v2rx0=$(vfstat "$s0" 2 rx packets) v2tx0=$(vfstat "$s0" 2 tx packets)
a0_rx_packets=$(vfstat "$s0" 0 rx packets) a0_rx_bytes=$(vfstat "$s0" 0 rx bytes)
a0_tx_packets=$(vfstat "$s0" 0 tx packets) a0_tx_bytes=$(vfstat "$s0" 0 tx bytes)
b0_rx_packets=$(vfstat "$s0" 1 rx packets) b0_rx_bytes=$(vfstat "$s0" 1 rx bytes)
b0_tx_packets=$(vfstat "$s0" 1 tx packets)
diag "VF 0 before: rx $a0_rx_packets pkts $a0_rx_bytes B, tx $a0_tx_packets pkts $a0_tx_bytes B"

n=50
check "VF 0 -> VF 1: $n pings of 1000 bytes" in_ns nsa ping -q -c $n -i 0.02 -s 1000 -W 2 10.0.0.11
sleep 1
s1=$(vfsnap)
a_txp=$(( $(vfstat "$s1" 0 tx packets) - a0_tx_packets ))
a_txb=$(( $(vfstat "$s1" 0 tx bytes) - a0_tx_bytes ))
a_rxp=$(( $(vfstat "$s1" 0 rx packets) - a0_rx_packets ))
b_rxp=$(( $(vfstat "$s1" 1 rx packets) - b0_rx_packets ))
b_rxb=$(( $(vfstat "$s1" 1 rx bytes) - b0_rx_bytes ))
b_txp=$(( $(vfstat "$s1" 1 tx packets) - b0_tx_packets ))
diag "VF 0: tx +$a_txp pkts +$a_txb B, rx +$a_rxp; VF 1: rx +$b_rxp pkts +$b_rxb B, tx +$b_txp"
check "VF 0 tx packets grew by at least $n" test "$a_txp" -ge $n
check "VF 0 tx bytes grew by at least $n * 1000" test "$a_txb" -ge $((n * 1000))
check "VF 1 rx packets grew by at least $n" test "$b_rxp" -ge $n
check "VF 1 rx bytes grew by at least $n * 1000" test "$b_rxb" -ge $((n * 1000))
check "VF 1 tx packets grew by at least $n (the replies)" test "$b_txp" -ge $n
check "VF 0 rx packets grew by at least $n (the replies)" test "$a_rxp" -ge $n
check "counts are sane (no more than 3x the traffic)" test "$a_txp" -le $((3 * n + 20))
v2rx=$(( $(vfstat "$s1" 2 rx packets) - v2rx0 )) v2tx=$(( $(vfstat "$s1" 2 tx packets) - v2tx0 ))
diag "VF 2 (idle): rx +$v2rx tx +$v2tx"
check "the idle VF 2 did not count VF 0's unicast" test "$v2rx" -lt $((n / 2))
check "the idle VF 2 sent nearly nothing" test "$v2tx" -lt $((n / 2))
m0=$(vfstat "$s1" 0 rx multicast)
check "multicast counter is reported" test -n "$m0"

# 64-bit totals: reading again never goes backwards.
t1=$(vfstat "$(vfsnap)" 0 tx bytes); sleep 1; t2=$(vfstat "$(vfsnap)" 0 tx bytes)
check "counters do not go backwards" test "$t2" -ge "$t1"
done_testing
