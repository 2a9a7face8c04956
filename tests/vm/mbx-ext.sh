#!/bin/bash
# proves: the sriovnic mailbox extension is negotiated only between our PF and our VF (ethtool -i, the PF's debugfs) and then carries link reasons (administrative disable, PF down) to ethtool and the log, a live administrative MAC without a VF reset, and refusal reasons as precise errors; under igb our VF costs one NACK and one igb log line per reset and works as before; igbvf under our PF never gets an extension message; igb/igbvf shows the same base behaviours
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 1 || bail "VF did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
check "VF 0 -> PF ping" ping_retry nsa 10.0.0.1

carrier_off() { ! carrier_on "$@"; }
vf_mac() { in_ns nsa cat "/sys/class/net/$a/address"; }
mac_is() { [ "$(vf_mac)" = "$1" ]; }
# logged PATTERN MARK: the kernel log after MARK has a line matching PATTERN.
logged() { log_since "$2" | grep -qE "$1"; }
# debug_is FIELD VALUE: VF 0's field in the PF's debugfs file.
debug_is() { [ "$(pf_vf_debug 0 "$1")" = "$2" ]; }

# --- state disable/enable, the base behaviour every PF with it shows --------
state_cycle() {
	if ! out=$(ip link set "$pf" vf 0 state disable 2>&1); then
		skip "state disable drops VF 0's carrier" "the $PF_DRV PF does not implement link state ($out)"
		return 1
	fi
	ok "set VF 0 state disable"
	check "VF 0 loses carrier" wait_until 20 carrier_off "$a" nsa
	return 0
}
state_enable() {
	check "set VF 0 state enable" ip link set "$pf" vf 0 state enable
	check "VF 0 regains carrier" wait_until 30 carrier_on "$a" nsa
	check "VF 0 -> PF ping after enable" ping_retry nsa 10.0.0.1
}

# --- an administrative MAC taken after the VF driver re-binds -------------
admin_mac_rebind() {
	local mac=$1
	ip netns del nsa
	check "PF sets VF 0's MAC to $mac" ip link set "$pf" vf 0 mac "$mac"
	check "VF 0's driver re-binds" vf_rebind 0
	a=$(vf_to_ns 0 nsa 10.0.0.10/24) || not_ok "VF 0 has carrier after re-bind"
	check_eq "VF 0 took the administrative MAC after re-binding" "$mac" "$(vf_mac)"
	ip neigh flush dev "$pf" >/dev/null 2>&1
	check "VF 0 -> PF ping with the administrative MAC" ping_retry nsa 10.0.0.1
}

case $PF_DRV/$VF_DRV in
sriovnic/sriovnic)
	check_eq "ethtool -i: VF 0 speaks the extension" "mbx 82576+ext v1 caps 0x7" "$(fw_version "$a" nsa)"
	if f=$(pf_vfs_debugfs 0); then
		diag "$(cat "$f")"
		check_eq "PF debugfs: VF 0 negotiated v1" v1 "$(pf_vf_debug 0 ext)"
		check_eq "PF debugfs: VF 0 was granted caps 0x7" 0x7 "$(pf_vf_debug 0 caps)"
	else
		not_ok "the PF's debugfs file for its VFs exists"
	fi

	# Link reasons: administrative disable.
	m=$(log_mark)
	if state_cycle; then
		check_eq "ethtool: VF 0's link is down for a logical reason" "Logical mismatch" "$(link_ext_state "$a" nsa)"
		check "the VF logs 'disabled by the administrator'" wait_until 5 logged "link down: disabled by the administrator" "$m"
		check "PF debugfs: link_reason=admin_down" wait_until 5 debug_is link_reason admin_down
		sleep 3
		check "VF 0 stays down while disabled" carrier_off "$a" nsa
		state_enable
		check_eq "ethtool: no extended state once up" "" "$(link_ext_state "$a" nsa)"
		check_eq "PF debugfs: link_reason=up" up "$(pf_vf_debug 0 link_reason)"
		check "set VF 0 state auto" ip link set "$pf" vf 0 state auto
	fi

	# Link reasons: the PF's netdev goes down.
	m=$(log_mark)
	check "PF down" ip link set "$pf" down
	check "VF 0 loses carrier with the PF down" wait_until 20 carrier_off "$a" nsa
	check_eq "ethtool: VF 0's link partner (the PF) is gone" "Autoneg, No partner detected" "$(link_ext_state "$a" nsa)"
	check "the VF logs 'PF down'" wait_until 5 logged "link down: PF down" "$m"
	check "PF up" pf_up 0
	check "VF 0 regains carrier with the PF" wait_until 30 carrier_on "$a" nsa
	check "VF 0 -> PF ping after PF up" ping_retry nsa 10.0.0.1

	# A live administrative MAC: no reset, no carrier change, traffic goes on.
	resets=$(ethtool_stat "$a" resets nsa)
	flaps=$(in_ns nsa cat "/sys/class/net/$a/carrier_changes")
	events=$(pf_vf_debug 0 events)
	m=$(log_mark)
	mac=02:5a:00:00:00:61
	check "PF sets VF 0's MAC to $mac while it runs" ip link set "$pf" vf 0 mac $mac
	check "VF 0 shows $mac" wait_until 10 mac_is $mac
	ip neigh flush dev "$pf" >/dev/null 2>&1
	check "VF 0 -> PF ping with the new MAC" ping_ok nsa 10.0.0.1
	check_eq "the PF learnt VF 0 under $mac" $mac \
		"$(ip neigh show 10.0.0.10 dev "$pf" | awk '{ print $3 }')"
	check_eq "VF 0 did not reset (ethtool -S resets)" "$resets" "$(ethtool_stat "$a" resets nsa)"
	check_fails "VF 0 logged no reset" logged "reset needed|reset complete" "$m"
	check_eq "VF 0's carrier did not flap" "$flaps" "$(in_ns nsa cat "/sys/class/net/$a/carrier_changes")"
	check "the VF logs the address the PF gave" logged "PF changed the address to $mac" "$m"
	check "PF debugfs: events grew" test "$(pf_vf_debug 0 events)" -gt "${events:-0}"

	# Refusals with their reason: the administrator set the MAC.
	m=$(log_mark)
	out=$(in_ns nsa ip link set "$a" address 02:5a:00:00:00:62 2>&1)
	check_eq "the untrusted VF 0 cannot override the administrative MAC (EPERM)" \
		"RTNETLINK answers: Operation not permitted" "$out"
	check "the log names the reason" logged "PF refused MAC address 02:5a:00:00:00:62: the administrator set the VF's MAC address" "$m"
	check_eq "VF 0 keeps $mac" $mac "$(vf_mac)"

	# A full VLAN table: ENOSPC.
	m=$(log_mark)
	for vid in $(seq 2 20); do
		out=$(in_ns nsa ip link add link "$a" name "v$vid" type vlan id "$vid" 2>&1) || break
	done
	diag "first VLAN refused: $vid ($out)"
	check_eq "a VLAN beyond the VF's share of the table is refused with ENOSPC" \
		"RTNETLINK answers: No space left on device" "$out"
	check "the log names the reason" logged "PF refused VLAN $vid: the PF's filter table is full" "$m"
	for v in $(seq 2 "$vid"); do in_ns nsa ip link del "v$v" 2>/dev/null; done

	# A port VLAN: the VF's own VLAN is refused and the log says why.
	m=$(log_mark)
	check "port VLAN 100 for VF 0" ip link set "$pf" vf 0 vlan 100
	out=$(in_ns nsa ip link add link "$a" name v5 type vlan id 5 2>&1)
	check_eq "VF 0's own VLAN is refused under the port VLAN (EPERM)" \
		"RTNETLINK answers: Operation not permitted" "$out"
	check "the log names the port VLAN" logged "PF refused VLAN 5: the administrator set a port VLAN" "$m"
	in_ns nsa ip link del v5 2>/dev/null
	check "remove the port VLAN" ip link set "$pf" vf 0 vlan 0
	check "VF 0 -> PF ping at the end" wait_until 30 ping_ok nsa 10.0.0.1
	;;

sriovnic/igbvf)
	check_eq "PF debugfs: igbvf did not negotiate" none "$(pf_vf_debug 0 ext)"
	check_eq "PF debugfs: no capabilities" 0x0 "$(pf_vf_debug 0 caps)"
	if state_cycle; then
		state_enable
	fi
	# The base protocol's live MAC: the PF asks igbvf to reset.
	mac=02:5a:00:00:00:71
	check "PF sets VF 0's MAC to $mac while it runs" ip link set "$pf" vf 0 mac $mac
	check "igbvf takes $mac after its reset" wait_until 40 mac_is $mac
	check "VF 0 has carrier with the new MAC" wait_until 30 carrier_on "$a" nsa
	ip neigh flush dev "$pf" >/dev/null 2>&1
	check "VF 0 -> PF ping with the new MAC" ping_retry nsa 10.0.0.1
	check_eq "PF debugfs: still no extension" none "$(pf_vf_debug 0 ext)"
	check_eq "PF debugfs: igbvf never got an extension message" 0 "$(pf_vf_debug 0 events)"
	;;

igb/sriovnic)
	check_eq "ethtool -i: VF 0 speaks the base protocol" "mbx 82576" "$(fw_version "$a" nsa)"
	unhandled() { dmesg | grep -c 'igb .*Unhandled Msg 00000040'; }
	resets=$(ethtool_stat "$a" resets nsa)
	diag "VF 0 reset handshakes: $resets"
	check_eq "igb logged one Unhandled Msg per VF reset" "$resets" "$(unhandled)"
	check_eq "no other message igb did not know" "$(unhandled)" \
		"$(dmesg | grep -c 'Unhandled Msg')"
	check_eq "the probe's NACK is not counted as a refusal" 0 "$(ethtool_stat "$a" pf_refused nsa)"
	check_fails "VF 0 logged no error or timeout" sh -c \
		"dmesg | grep -E 'sriovnic_vf .*(did not|malformed|reset needed|ignoring|refused)'"

	# One more reset (a re-bind): exactly one more probe, one more line.
	before=$(unhandled)
	admin_mac_rebind 02:5a:00:00:00:81
	check_eq "one more Unhandled Msg for the one more reset" $((before + 1)) "$(unhandled)"
	check_eq "ethtool -i still shows the base protocol" "mbx 82576" "$(fw_version "$a" nsa)"

	# A refused request still gives today's errno and today's message.
	m=$(log_mark)
	out=$(in_ns nsa ip link set "$a" address 02:5a:00:00:00:82 2>&1)
	check_eq "igb refuses a change over the administrative MAC (EPERM)" \
		"RTNETLINK answers: Operation not permitted" "$out"
	check "the log line is today's, with no reason" logged \
		"PF refused MAC address 02:5a:00:00:00:82; keeping 02:5a:00:00:00:81" "$m"
	check "VF 0 -> PF ping at the end" ping_retry nsa 10.0.0.1
	;;

igb/igbvf)
	if state_cycle; then
		state_enable
	fi
	admin_mac_rebind 02:5a:00:00:00:91
	check_eq "igbvf sends igb no message it does not know" 0 \
		"$(dmesg | grep -c 'Unhandled Msg')"
	;;

*)
	bail "unknown pair $PF_DRV/$VF_DRV"
	;;
esac
done_testing
