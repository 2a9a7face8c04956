#!/bin/bash
# proves: a VF given a failover=on virtio-net's MAC becomes the net_failover primary; ping to a peer keeps flowing with bounded loss while the VF is removed (sriov_numvfs=0, driver unbind) and after it returns; the VF keeps that MAC, unregisters cleanly and its carrier and the master's stay right
# topology: failover
. "$SNIC_DIR/tests/vm/lib.sh"

# Ping 20 times a second. A switch between slaves may lose at most 3 s of
# it (TCG is slow to probe and remove a device); a steady state, 1 ping.
interval=0.05
switch_max=60
steady_max=1
peer=10.0.0.1

# Every address any netdev shows from here on, to prove the VF's never
# changes: the VF's lines may only ever show the failover MAC.
ip -o monitor link >/tmp/link.mon 2>&1 &
mon=$!

load_drivers
m=$(load_failover) || bail "no net_failover master (virtio_net, failover=on)"
sb=$(failover_slave "$m" standby) || bail "the master $m has no standby"
check_eq "master $m has the virtio-net's MAC" $FAILOVER_MAC \
	"$(cat "/sys/class/net/$m/address")"

# The peer: port 1's PF in its own namespace, on the wire that port 0
# (whose VF is the primary) and the virtio-net (the standby) share. Not
# port 0's PF: it resets when its VFs are created or removed.
wait_until 20 pf_dev 1 || bail "no netdev for PF port 1"
pf=$(pf_dev 0)
pf_mac=$(cat "/sys/class/net/$pf/address")
peer_mac=$(cat "/sys/class/net/$(pf_dev 1)/address")
pf_up 0 || bail "PF $pf link does not come up"
dev_to_ns "$(pf_dev 1)" peer $peer/24 || bail "port 1 has no carrier in namespace peer"
ip addr add 10.0.0.2/24 dev "$m"
ip link set "$m" up
wait_until 20 carrier_on "$m" || bail "master $m has no carrier"
down_start=$(cat "/sys/class/net/$m/carrier_down_count")
check "master $m reaches the peer over standby $sb" ping_retry "" $peer

is_primary() {	# is_primary VFDEV
	[ "$(failover_slave "$m" primary 2>/dev/null)" = "$1" ]
}

# vf_joined VFDEV WHEN: VF is the master's primary, with the master's MAC
# as address and permanent address, and has carrier.
vf_joined() {
	local vf=$1 when=$2
	if wait_until 20 is_primary "$vf"; then
		ok "$when: VF $vf is $m's primary"
	else
		not_ok "$when: VF $vf is $m's primary" "$(ip -d link show)"
	fi
	check_eq "$when: VF $vf keeps the failover MAC" $FAILOVER_MAC \
		"$(cat "/sys/class/net/$vf/address")"
	check_eq "$when: VF $vf's permanent address is the failover MAC" \
		"Permanent address: $FAILOVER_MAC" "$(ethtool -P "$vf")"
	check_eq "$when: VF $vf's master is $m" "$m" \
		"$(basename "$(readlink "/sys/class/net/$vf/master")")"
	if wait_until 20 carrier_on "$vf"; then
		ok "$when: VF $vf has carrier"
	else
		not_ok "$when: VF $vf has carrier" "$(ip link show dev "$vf")"
	fi
}

# steady WHAT DEV: 40 pings with DEV as the path; loss at most steady_max
# and DEV's counters moved by nearly as many packets each way (igbvf
# refreshes its counters every 2 s, so allow for that).
steady() {
	local what=$1 dev=$2 tx0 rx0 sent recv
	tx0=$(dev_stat "$dev" tx_packets)
	rx0=$(dev_stat "$dev" rx_packets)
	read -r sent recv <<<"$(ping_count "" $peer 40 $interval)"
	diag "loss $what: $((sent - recv)) of $sent packets"
	if [ "$sent" -eq 40 ] && [ $((sent - recv)) -le $steady_max ]; then
		ok "$what: ping loss $((sent - recv)) of $sent"
	else
		not_ok "$what: ping loss $((sent - recv)) of $sent (at most $steady_max)"
	fi
	if wait_until 6 counters_moved "$dev" "$tx0" "$rx0" 36; then
		ok "$what: traffic went over $dev"
	else
		not_ok "$what: traffic went over $dev" \
			"tx $tx0 -> $(dev_stat "$dev" tx_packets)" \
			"rx $rx0 -> $(dev_stat "$dev" rx_packets)"
	fi
}

counters_moved() {	# counters_moved DEV TX0 RX0 N
	[ $(($(dev_stat "$1" tx_packets) - $2)) -ge "$4" ] &&
	[ $(($(dev_stat "$1" rx_packets) - $3)) -ge "$4" ]
}

# switch WHAT CMD...: ping from 1 s before CMD until 2 s after it ended;
# loss at most switch_max, and the master's carrier never went down.
switch() {
	local what=$1 down0 sent recv pid f=/tmp/switch.ping
	shift
	down0=$(cat "/sys/class/net/$m/carrier_down_count")
	ping -n -i $interval -w 120 -W 1 $peer >$f 2>&1 &
	pid=$!
	sleep 1
	"$@" || not_ok "$what: $*" "$(dmesg | tail -n 20)"
	sleep 2
	kill -INT "$pid"
	wait "$pid"
	read -r sent recv <<<"$(ping_tally "$f")"
	diag "loss during $what: $((sent - recv)) of $sent packets"
	if [ "${sent:-0}" -ge 40 ] && [ $((sent - recv)) -le $switch_max ]; then
		ok "$what: ping loss $((sent - recv)) of $sent"
	else
		not_ok "$what: ping loss $((sent - recv)) of $sent (at most $switch_max)" \
			"$(tail -n 5 $f)"
	fi
	check_eq "$what: master $m's carrier never went down" "$down0" \
		"$(cat "/sys/class/net/$m/carrier_down_count")"
}

# The VF: created without a driver, given the MAC, then bound.
vf_add() {
	vf=$(vf_bind_with_mac $FAILOVER_MAC "$pf") || return 1
	wait_until 20 is_primary "$vf" && wait_until 20 carrier_on "$vf"
}

if vf_add; then
	ok "VF 0 bound with the failover MAC"
else
	not_ok "VF 0 bound with the failover MAC" "$(dmesg | tail -n 20)"
	bail "no VF to fail over from"
fi
vf_joined "$vf" "first bind"
steady "VF primary" "$vf"

# Removed with sriov_numvfs=0: the standby carries the traffic.
vf_gone() {
	set_numvfs 0 && wait_until 20 sh -c "! ls /sys/class/net/$m/lower_$vf"
}
switch "VF removal (sriov_numvfs=0)" vf_gone
check "no primary after sriov_numvfs=0" \
	sh -c "! ls /sys/class/net/$m/lower_$vf"
check "net_failover unregistered primary $vf" \
	sh -c "dmesg | grep -q 'failover primary slave:$vf unregistered'"
steady "standby only" "$sb"

# Back: sriov_numvfs=1, the MAC again, bind.
switch "VF return" vf_add
vf_joined "$vf" "after sriov_numvfs=0/1"
steady "VF primary again" "$vf"

# Removed as on a hot-unplug: the driver's remove() (a VF has no PCI
# remove file of its own), then bound again.
vf_unbind() {
	vf_pci 0 >"/sys/bus/pci/drivers/$(vf_driver_name)/unbind" &&
		wait_until 20 sh -c "! ls /sys/class/net/$m/lower_$vf"
}
old=$vf
switch "VF removal (driver unbind)" vf_unbind
check "no primary after the unbind" sh -c "! ls /sys/class/net/$m/lower_$old"
check "net_failover unregistered primary $old" \
	sh -c "dmesg | grep -q 'failover primary slave:$old unregistered'"
steady "standby after the unbind" "$sb"
switch "VF return after the unbind" vf_add
vf_joined "$vf" "after the unbind"
steady "VF primary after the unbind" "$vf"

set_numvfs 0
check "final sriov_numvfs=0 leaves the standby" \
	wait_until 20 sh -c "! ls /sys/class/net/$m/lower_$vf"
check "master $m still reaches the peer" ping_ok "" $peer
check_eq "master $m's carrier never went down in the whole run" \
	"$down_start" "$(cat "/sys/class/net/$m/carrier_down_count")"

# A line's first link/ether is the device's own address; a PF's lines go
# on with its VFs' addresses, which are not looked at.
kill "$mon"
wait "$mon" 2>/dev/null
seen=$(grep -oE '^(Deleted )?[0-9]+: [^ ]+|link/ether [0-9a-f:]+' /tmp/link.mon |
	awk '/^link/ { if (dev) print dev, $2; dev = ""; next } { dev = $NF }' |
	sort -u)
bad=$(awk -v ok="$FAILOVER_MAC $pf_mac $peer_mac" \
	'index(" " ok " ", " " $2 " ") == 0' <<<"$seen")
check "ip monitor saw VF $vf with the failover MAC" \
	grep -qx "$vf: $FAILOVER_MAC" <<<"$seen"
check_eq "no netdev ever showed an address but the failover MAC or a PF's" \
	"" "$bad"
done_testing
