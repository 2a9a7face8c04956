#!/bin/bash
# proves: sriovnic_pf's side of the mailbox extension, driven word by word from a VF with no driver: EXT_HELLO before RESET gets the bare NACK; after RESET it is ACKed (version 1, the capabilities asked for, logged once); NACKs then carry the refusal reason (admin MAC, port VLAN, untrusted, unsupported); state disable/enable and PF down/up send EXT_EVENT LINK with the reason, an administrative MAC is sent live as EXT_EVENT MAC; a VF reset forgets it all and nothing more is sent; the igbvf VF beside it never gets an event
# requires: pf=sriovnic
# pairs: sriovnic/igbvf
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
dbg=/sys/kernel/debug/sriovnic_pf/$(pf_pci 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
vf0=$(vf_driverless 0) || bail "cannot unbind VF 0's driver"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"

# VF 0's mailbox from userspace through sysfs resource0.
bar="python3 $SNIC_DIR/tests/snic-bar.py"

# req W...: post a request as VF 0, print the answer's first three words.
req() { $bar "$vf0" vf-req "$@"; }
msg() { $bar "$vf0" vf-msg "$@"; }
# field VF KEY: the value of KEY= on VF's line (lib.sh's pf_vf_debug).
field() { pf_vf_debug "$1" "$2"; }
# w0 / w1 / w2 of a "req"/"msg" output
word() { cut -d' ' -f"$(($1 + 1))" <<<"$2"; }

check "VF 0 resets itself (CTRL.RST)" $bar "$vf0" vf-rst
check "set VF 0's MAC" ip link set "$pf" vf 0 mac 02:00:00:00:00:10
sleep 2.2	# past the bare NACK's 2 s throttle
out=$(req 0x40 0x534e0001 0x7)
check_eq "EXT_HELLO before RESET: the bare NACK" "40000000" "$(word 0 "$out")"
check_eq "nothing negotiated before RESET" none "$(field 0 ext)"

out=$(req 0x1)
check_eq "RESET is ACKed (no CTS)" "80000001" "$(word 0 "$out")"
check_eq "with the MAC" "00000002 00001000" "$(word 1 "$out") $(word 2 "$out")"

dmesg -c >/dev/null
out=$(req 0x40 0x534e0005 0xffffffff)
diag "EXT_HELLO answer: $out"
check_eq "EXT_HELLO ACKed with CTS" "a0000040" "$(word 0 "$out")"
check_eq "version 1 (the lower)" "534e0001" "$(word 1 "$out")"
check_eq "only the capabilities the PF knows" "00000007" "$(word 2 "$out")"
check_eq "debugfs: ext=v1" v1 "$(field 0 ext)"
check_eq "debugfs: caps=0x7" 0x7 "$(field 0 caps)"
check "the negotiation is logged" sh -c "dmesg | grep -q 'VF 0: mailbox extension v1, caps 0x7'"
# Capabilities 0xffffffff are words of all-ones in the PF's view of the buffer.
check "all-ones words from a VF leave the PF alive" pf_dev 0
check_fails "no \"not responding\" in the log" sh -c "dmesg | grep -q 'not responding'"

out=$(req 0x2 0x00000002 0x00002000)
check_eq "SET_MAC over the admin MAC: NACK with CTS" "60000002" "$(word 0 "$out")"
check_eq "reason admin_mac (4)" "00000004" "$(word 1 "$out")"
out=$(req 0x10006)
check_eq "unicast promiscuous: NACK" "60010006" "$(word 0 "$out")"
check_eq "reason untrusted (2)" "00000002" "$(word 1 "$out")"
out=$(req 0x8)
check_eq "an unknown type: NACK" "60000008" "$(word 0 "$out")"
check_eq "reason unsupported (6)" "00000006" "$(word 1 "$out")"
out=$(req 0x20041 0x2 0x1000)
check_eq "EXT_EVENT sent by a VF: NACK" "60020041" "$(word 0 "$out")"
check "set VF 0 vlan 5" ip link set "$pf" vf 0 vlan 5
out=$(req 0x10004 0x7)
check_eq "SET_VLAN under a port VLAN: NACK" "60010004" "$(word 0 "$out")"
check_eq "reason port_vlan (3)" "00000003" "$(word 1 "$out")"
out=$(req 0x5 1522)
check_eq "SET_LPE is ACKed, one word as ever" "a0000005" "$(word 0 "$out")"
nacks=$(field 0 nacks)
check "debugfs counts the NACKs" test "$nacks" -ge 6

check "set VF 0 state disable" ip link set "$pf" vf 0 state disable
out=$(msg)
check_eq "EXT_EVENT LINK without CTS" "00010041" "$(word 0 "$out")"
check_eq "down, admin_down (2)" "00000200" "$(word 1 "$out")"
check_eq "debugfs: link_reason=admin_down" admin_down "$(field 0 link_reason)"
check "set VF 0 state enable" ip link set "$pf" vf 0 state enable
out=$(msg)
check_eq "EXT_EVENT LINK with CTS" "20010041" "$(word 0 "$out")"
check_eq "up" "00000001" "$(word 1 "$out")"

check "set VF 0 mac live" ip link set "$pf" vf 0 mac 02:00:00:00:00:11
out=$(msg)
check_eq "EXT_EVENT MAC with CTS" "20020041" "$(word 0 "$out")"
check_eq "the new address" "00000002 00001100" "$(word 1 "$out") $(word 2 "$out")"
check "no reset asked for: no further message" sh -c "! $bar $vf0 vf-msg 2"
check "ip link show has the new MAC" sh -c "ip link show $pf | grep -q 'vf 0 .*02:00:00:00:00:11'"

check "set VF 0 state auto" ip link set "$pf" vf 0 state auto
check "PF down" ip link set "$pf" down
out=$(msg)
check_eq "EXT_EVENT LINK on PF down" "00010041" "$(word 0 "$out")"
check_eq "down, pf_down (3)" "00000300" "$(word 1 "$out")"
check "PF up" ip link set "$pf" up
up="" n=4	# events so far: disable, enable, MAC, PF down
for _ in 1 2 3; do
	out=$(msg 10) || break
	n=$((n + 1))
	diag "after PF up: $out"
	[ "$(word 0 "$out")" = 20010041 ] && [ "$(word 1 "$out")" = 00000001 ] && { up=1; break; }
done
check_eq "EXT_EVENT LINK up once the PF is back" 1 "$up"
events=$(field 0 events)
check_eq "debugfs counts every event sent" "$n" "$events"

check "VF 0 resets again" $bar "$vf0" vf-rst
check_eq "a VF reset forgets the extension" none "$(field 0 ext)"
check "set VF 0 state disable after the reset" ip link set "$pf" vf 0 state disable
check "nothing is sent to a VF that is not clear to send" sh -c "! $bar $vf0 vf-msg 2"
check_eq "no event counted" "$events" "$(field 0 events)"
check "set VF 0 state auto" ip link set "$pf" vf 0 state auto
out=$(req 0x1)
check_eq "RESET again" "80000001" "$(word 0 "$out")"
out=$(req 0x10004 0x7)
check_eq "without the extension a NACK is one word again" "60010004 00000007" \
	"$(word 0 "$out") $(word 1 "$out")"

check_eq "VF 1 (igbvf) was sent no EXT_EVENT" 0 "$(field 1 events)"
check_eq "VF 1 negotiated nothing" none "$(field 1 ext)"
check "VF 1 -> PF ping" ping_retry nsb 10.0.0.1
check "disable SR-IOV" set_numvfs 0
done_testing
