#!/bin/bash
# proves: sriovnic_pf's debugfs file sriovnic_pf/<pci-bdf>/vfs has one line per VF in the documented format, exists only while VFs are enabled, follows each VF's link reason (state disable/enable/auto, PF down/up) and counts NACKs; igbvf negotiates nothing and is sent no EXT_EVENT through link changes and an administrative MAC change
# requires: pf=sriovnic
# pairs: sriovnic/igbvf
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
dbg=/sys/kernel/debug/sriovnic_pf/$(pf_pci 0)
[ -d /sys/kernel/debug/sriovnic_pf ] || bail "no debugfs root sriovnic_pf (debugfs not mounted?)"
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
check_fails "no per-PF directory before SR-IOV is enabled" test -e "$dbg"
enable_vfs 2 || bail "VFs did not appear"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"

# field VF KEY: the value of KEY= on VF's line (lib.sh's pf_vf_debug).
field() { pf_vf_debug "$1" "$2"; }
# nacks_above VF N
nacks_above() { [ "$(field "$1" nacks)" -gt "$2" ]; }
# reason_is VF REASON
reason_is() { [ "$(field "$1" link_reason)" = "$2" ]; }
carrier_off() { ! carrier_on "$@"; }
format='^vf[0-9]+ ext=(none|v[0-9]+) caps=0x[0-9a-f]+ link_reason=(up|phy_down|admin_down|pf_down) events=[0-9]+ nacks=[0-9]+ dropped=[0-9]+ mac=([0-9a-f]{2}:){5}[0-9a-f]{2} admin_mac=(none|([0-9a-f]{2}:){5}[0-9a-f]{2}) uc=[0-9]+ vlans=[0-9]+( |$)'

check "vfs is readable" test -r "$dbg/vfs"
diag "$(cat "$dbg/vfs")"
check_eq "one line per VF" 2 "$(wc -l <"$dbg/vfs")"
check_eq "every line in the documented format" 2 "$(grep -Ec "$format" "$dbg/vfs")"
check_eq "lines are vf0, vf1 in order" "vf0 vf1" "$(cut -d' ' -f1 "$dbg/vfs" | xargs)"
for v in 0 1; do
	check_eq "VF $v (igbvf) negotiated nothing" none "$(field $v ext)"
	check_eq "VF $v has no capabilities" 0x0 "$(field $v caps)"
	check_eq "VF $v link_reason up" up "$(field $v link_reason)"
done

check "set VF 0 state disable" ip link set "$pf" vf 0 state disable
check "VF 0 link_reason admin_down" wait_until 5 reason_is 0 admin_down
check "VF 1 link_reason still up" reason_is 1 up
check "VF 0 loses carrier" wait_until 20 carrier_off "$a" nsa
check "set VF 0 state enable" ip link set "$pf" vf 0 state enable
check "VF 0 link_reason up again" wait_until 5 reason_is 0 up
check "VF 0 regains carrier" wait_until 30 carrier_on "$a" nsa

check "set VF 0 state auto" ip link set "$pf" vf 0 state auto
check "PF down" ip link set "$pf" down
check "VF 0 link_reason pf_down" wait_until 5 reason_is 0 pf_down
check "VF 1 link_reason pf_down" wait_until 5 reason_is 1 pf_down
check "VF 1 loses carrier with the PF" wait_until 20 carrier_off "$b" nsb
check "PF up" pf_up 0
check "VF 0 link_reason up with the PF" wait_until 10 reason_is 0 up
check "VF 1 regains carrier" wait_until 30 carrier_on "$b" nsb

nacks0=$(field 0 nacks)
check "set VF 0 mac" ip link set "$pf" vf 0 mac 02:00:00:00:aa:01
# igbvf has no live MAC: the PF asks it to reset (a NACK without CTS).
check "the reset request is counted as a NACK" wait_until 5 nacks_above 0 "$nacks0"
check "VF 0 regains carrier after its reset" wait_until 30 carrier_on "$a" nsa
check "VF 0 -> VF 1 ping" ping_retry nsa 10.0.0.11

diag "$(cat "$dbg/vfs")"
for v in 0 1; do
	check_eq "VF $v was sent no EXT_EVENT" 0 "$(field $v events)"
	check_eq "VF $v still negotiated nothing" none "$(field $v ext)"
done
check_fails "no negotiation was logged" sh -c "dmesg | grep -q 'mailbox extension v'"

check "disable SR-IOV" set_numvfs 0
check_fails "the per-PF directory is gone with the VFs" test -e "$dbg"
check "enable SR-IOV again" enable_vfs 1
check_eq "one line for one VF" 1 "$(wc -l <"$dbg/vfs")"
check "disable SR-IOV at the end" set_numvfs 0
done_testing
