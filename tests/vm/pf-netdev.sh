#!/bin/bash
# proves: the sriovnic PF is a full netdev: carrier, ping, TCP, VLAN and MTU 9000 across the wire, ethtool -i/-S/-g/-G/-l/-c/-C/-d/-r/--reset, down/up
# topology: wire
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers

a=$(pf_dev 0) || bail "no PF netdev on port 0"
b=$(pf_dev 1) || bail "no PF netdev on port 1"

check_eq "ethtool -i names the driver" "driver: sriovnic_pf" \
	"$(ethtool -i "$a" | grep '^driver:')"
check_eq "ethtool -i names the PCI function" "bus-info: $(pf_pci 0)" \
	"$(ethtool -i "$a" | grep '^bus-info:')"

# Each port in its own namespace so that traffic has to cross the wire.
dev_to_ns "$a" nsa 10.0.2.1/24 || bail "port 0 PF ($a) has no carrier"
dev_to_ns "$b" nsb 10.0.2.2/24 || bail "port 1 PF ($b) has no carrier"
ok "both PFs ($a in nsa, $b in nsb) have carrier"

check_eq "ethtool reports 1000 Mb/s" "Speed: 1000Mb/s" \
	"$(ip netns exec nsa ethtool "$a" | grep -o 'Speed: .*')"
check_eq "ethtool reports the link" "Link detected: yes" \
	"$(ip netns exec nsa ethtool "$a" | grep -o 'Link detected: .*')"

check "port 0 PF -> port 1 PF ping" ping_retry nsa 10.0.2.2
check "port 1 PF -> port 0 PF ping" ping_retry nsb 10.0.2.1
if bps=$(tcp_ok nsa nsb 10.0.2.2 3); then
	ok "TCP port 0 PF -> port 1 PF ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP port 0 PF -> port 1 PF" "$bps"
fi
if bps=$(tcp_ok nsb nsa 10.0.2.1 3); then
	ok "TCP port 1 PF -> port 0 PF ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP port 1 PF -> port 0 PF" "$bps"
fi

# --- statistics ---------------------------------------------------------
stat() {	# stat NS DEV NAME: one ethtool -S counter
	ip netns exec "$1" ethtool -S "$2" | awk -v n="$3:" '$1 == n { print $2 }'
}
for s in tx_q0_packets rx_q0_packets hw_gprc hw_gptc pf_irq_other; do
	v=$(stat nsa "$a" $s)
	if [ "${v:-0}" -gt 0 ]; then
		ok "ethtool -S $s moved ($v)"
	else
		not_ok "ethtool -S $s moved" "$(ip netns exec nsa ethtool -S "$a")"
	fi
done
rx=$(ip netns exec nsa cat "/sys/class/net/$a/statistics/rx_packets")
if [ "${rx:-0}" -gt 0 ]; then
	ok "stats64 rx_packets moved ($rx)"
else
	not_ok "stats64 rx_packets moved" "$(ip netns exec nsa ip -s link show "$a")"
fi

# --- ethtool: rings, channels, coalescing, registers ----------------------
check_eq "ethtool -g default RX ring" 4096 \
	"$(ip netns exec nsa ethtool -g "$a" | awk '/^RX:/ { v = $2 } END { print v }')"
check "ethtool -G rx 512 tx 1024" ip netns exec nsa ethtool -G "$a" rx 512 tx 1024
check_eq "ethtool -g shows the new TX ring" 1024 \
	"$(ip netns exec nsa ethtool -g "$a" | awk '/^TX:/ { v = $2 } END { print v }')"
check "traffic after -G" ping_retry nsa 10.0.2.2
check_fails "ethtool -G below the minimum is refused" \
	ip netns exec nsa ethtool -G "$a" rx 8
check_eq "ethtool -l: one combined channel" 1 \
	"$(ip netns exec nsa ethtool -l "$a" | awk '/^Combined:/ { v = $2 } END { print v }')"
check "ethtool -C rx-usecs 50" ip netns exec nsa ethtool -C "$a" rx-usecs 50
check_eq "ethtool -c shows rx-usecs 50" "rx-usecs: 50" \
	"$(ip netns exec nsa ethtool -c "$a" | grep '^rx-usecs:')"
check "traffic after -C" ping_ok nsa 10.0.2.2
lines=$(ip netns exec nsa ethtool -d "$a" 2>&1 | wc -l)
if [ "$lines" -gt 5 ]; then
	ok "ethtool -d dumps registers ($lines lines)"
else
	not_ok "ethtool -d dumps registers" "$(ip netns exec nsa ethtool -d "$a" 2>&1)"
fi

# --- offloads, VLAN, jumbo frames ---------------------------------------
check_eq "TSO is on" "tcp-segmentation-offload: on" \
	"$(ip netns exec nsa ethtool -k "$a" | grep '^tcp-segmentation-offload:')"
check "VLAN 100 on both ports" sh -c "
	ip netns exec nsa ip link add link $a name $a.100 type vlan id 100 &&
	ip netns exec nsb ip link add link $b name $b.100 type vlan id 100 &&
	ip netns exec nsa ip addr add 10.0.3.1/24 dev $a.100 &&
	ip netns exec nsb ip addr add 10.0.3.2/24 dev $b.100 &&
	ip netns exec nsa ip link set $a.100 up &&
	ip netns exec nsb ip link set $b.100 up"
check "ping over VLAN 100" ping_retry nsa 10.0.3.2
check "MTU 9000 on both ports" sh -c "
	ip netns exec nsa ip link set $a mtu 9000 &&
	ip netns exec nsb ip link set $b mtu 9000"
check "9000-byte ping with DF, port 0 -> port 1" \
	ip netns exec nsa ping -c 3 -i 0.2 -W 2 -M "do" -s 8972 10.0.2.2
check "9000-byte ping with DF, port 1 -> port 0" \
	ip netns exec nsb ping -c 3 -i 0.2 -W 2 -M "do" -s 8972 10.0.2.1
if bps=$(tcp_ok nsa nsb 10.0.2.2 2); then
	ok "TCP at MTU 9000 ($((bps / 1000000)) Mbit/s)"
else
	not_ok "TCP at MTU 9000" "$bps"
fi
check_fails "MTU 9217 is refused" ip netns exec nsa ip link set "$a" mtu 9217
check "MTU back to 1500" sh -c "
	ip netns exec nsa ip link set $a mtu 1500 &&
	ip netns exec nsb ip link set $b mtu 1500"

# --- down/up, autoneg restart, reset --------------------------------------
for i in 1 2 3; do
	ip netns exec nsa ip link set "$a" down
	ip netns exec nsa ip link set "$a" up
	if wait_until 20 carrier_on "$a" nsa && ping_retry nsa 10.0.2.2 >/dev/null; then
		ok "down/up $i: carrier and traffic back"
	else
		not_ok "down/up $i: carrier and traffic back" \
			"$(ip netns exec nsa ip -s link show "$a")"
	fi
done
back_up() {	# carrier on port 0 again and traffic across the wire
	sleep 0.2
	wait_until 20 carrier_on "$a" nsa && ping_retry nsa 10.0.2.2
}
check "ethtool -r restarts autonegotiation" ip netns exec nsa ethtool -r "$a"
check "carrier and traffic after ethtool -r" back_up
check "ethtool --reset all" ip netns exec nsa ethtool --reset "$a" all
check "carrier and traffic after the reset" back_up
check "VLAN 100 traffic after the reset" ping_retry nsa 10.0.3.2
check_eq "the reset was counted" 1 "$(stat nsa "$a" pf_resets)"

# --- remove with VFs bound, then probe again ------------------------------
check "2 VFs on port 0 with their driver bound" enable_vfs 2 0
unbind() {	# unbind port 0's PF driver, bounded
	timeout 60 sh -c "echo $(pf_pci 0) >/sys/bus/pci/drivers/sriovnic_pf/unbind"
}
check "unbind port 0's PF while its VFs are bound" unbind
check_fails "the VFs went away with it" test -e "/sys/bus/pci/devices/$(pf_pci 0)/virtfn0"
check "bind port 0's PF again" \
	sh -c "echo $(pf_pci 0) >/sys/bus/pci/drivers/sriovnic_pf/bind"
if wait_until 20 pf_dev 0 && a=$(pf_dev 0) &&
	dev_to_ns "$a" nsa 10.0.2.1/24; then
	ok "port 0 PF ($a) probed again and has carrier"
	check "traffic after the re-probe" ping_retry nsa 10.0.2.2
else
	not_ok "port 0 PF probed again and has carrier"
fi

# --- port 1 stops answering (memory decoding and DMA off), then removal ---
# QEMU reads an unmapped BAR as 0 or all-ones depending on the machine;
# either way no path may hang and the carrier must drop.
no_carrier() { ! carrier_on "$b" nsb; }
check "port 1 stops decoding its BAR" setpci -s "$(pf_pci 1)" COMMAND=0000
check "port 1 carrier drops within 10 s" wait_until 10 no_carrier
diag "$(dmesg | grep -i 'not responding' | tail -n 1)"
unbind1() {
	timeout 60 sh -c "echo $(pf_pci 1) >/sys/bus/pci/drivers/sriovnic_pf/unbind"
}
check "removing the silent port 1 returns" unbind1

done_testing
