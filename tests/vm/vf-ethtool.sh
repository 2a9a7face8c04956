#!/bin/bash
# proves: the VF driver's ethtool interface: -i names it, -S counts traffic and mailbox work (and rx_full, a receive ring the device found without buffers), -G resizes rings under traffic, -C sets the interrupt throttle, link settings show the PF's speed, and promiscuous/all-multicast requests never fail the interface even when the PF refuses them
# requires: vf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"
check "VF 0 -> VF 1 ping" ping_retry nsa 10.0.0.11

et() { in_ns nsa ethtool "$@"; }
stat() { et -S "$a" | awk -v k="$1:" '$1 == k { print $2 }'; }

check_eq "ethtool -i names the driver" "driver: sriovnic_vf" "$(et -i "$a" | head -n 1)"
check_eq "ethtool -i shows the bus address" "bus-info: $(vf_pci 0)" \
	"$(et -i "$a" | grep '^bus-info')"
p=$(stat rx_packets)
check "ethtool -S counts received packets ($p)" test "${p:-0}" -gt 0
h=$(stat hw_rx_packets)
check "ethtool -S widens the VF's hardware counters ($h)" test "${h:-0}" -gt 0
s=$(stat mbx_sent)
check "ethtool -S counts mailbox requests ($s)" test "${s:-0}" -gt 0
check_eq "link settings show the PF's speed" "Speed: 1000Mb/s" \
	"$(et "$a" | grep -o 'Speed: .*')"
check_eq "link detected" "Link detected: yes" "$(et "$a" | grep -o 'Link detected: .*')"

check_eq "default RX ring" 4096 "$(et -g "$a" | awk '/^Current/ { c = 1 } c && /^RX:/ { print $2; exit }')"
in_ns nsa ping -q -i 0.05 -c 200 10.0.0.11 >/tmp/ethtool-ping.out 2>&1 &
pinger=$!
check "ethtool -G rx 512 tx 1024 while traffic flows" et -G "$a" rx 512 tx 1024
check_eq "RX ring now 512" 512 "$(et -g "$a" | awk '/^Current/ { c = 1 } c && /^RX:/ { print $2; exit }')"
check_eq "TX ring now 1024" 1024 "$(et -g "$a" | awk '/^Current/ { c = 1 } c && /^TX:/ { print $2; exit }')"
check_fails "ethtool -G rx 8192 is refused" et -G "$a" rx 8192
wait $pinger
recv=$(sed -nE 's/.* ([0-9]+) received.*/\1/p' /tmp/ethtool-ping.out)
check "pings kept flowing across the resize (got ${recv:-0} of 200)" test "${recv:-0}" -ge 150
check "VF 0 -> VF 1 ping after the resize" ping_retry nsa 10.0.0.11

check "ethtool -C rx-usecs 100" et -C "$a" rx-usecs 100
check_eq "rx-usecs reads 100" 100 "$(et -c "$a" | awk '$1 == "rx-usecs:" { print $2 }')"
check_fails "rx-usecs 10000 is refused" et -C "$a" rx-usecs 10000
check "ping with the new throttle" ping_ok nsa 10.0.0.11

check "promiscuous mode on" in_ns nsa ip link set "$a" promisc on
check "all-multicast on" in_ns nsa ip link set "$a" allmulticast on
sleep 2
check "VF 0 -> VF 1 ping in promiscuous mode" ping_ok nsa 10.0.0.11
check "promiscuous and all-multicast off" sh -c \
	"ip netns exec nsa ip link set $a promisc off && ip netns exec nsa ip link set $a allmulticast off"
sleep 2
check "VF 0 -> VF 1 ping afterwards" ping_ok nsa 10.0.0.11
t=$(stat mbx_timeouts)
check_eq "no mailbox timeout" 0 "$t"

# A UDP flood into a small ring, against an interrupt throttle that holds
# the receiver off for ~8 ms: the device runs out of buffers.
check_eq "rx_full is 0 before any burst" 0 "$(stat rx_full)"
check "ethtool -G rx 64 and rx-usecs 8191" sh -c \
	"ip netns exec nsa ethtool -G $a rx 64 && ip netns exec nsa ethtool -C $a rx-usecs 8191"
ping_retry nsb 10.0.0.10 >/dev/null
in_ns nsa iperf3 -s -1 -D -B 10.0.0.10 -p 5202 >/dev/null 2>&1
sleep 0.5
in_ns nsb timeout 30 iperf3 -c 10.0.0.10 -p 5202 -u -b 1G -l 1400 -t 3 >/dev/null 2>&1
f=$(stat rx_full)
check "rx_full counts the ring running out ($f)" test "${f:-0}" -gt 0
et -C "$a" rx-usecs 50 >/dev/null
check "VF 0 -> VF 1 ping after the burst" ping_retry nsa 10.0.0.11
done_testing
