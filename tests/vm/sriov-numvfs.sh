#!/bin/bash
# reference: yes
# proves: sriov_numvfs enables and disables VFs (0, 2, 7, 0), with the PF down or up; 8 and 9 are refused with an error and change nothing
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pci=$(pf_pci 0)
virtfns() { ls -d "/sys/bus/pci/devices/$pci"/virtfn* 2>/dev/null | wc -l; }

check_eq "sriov_numvfs starts at 0" 0 "$(numvfs)"
check_eq "sriov_totalvfs reads 7 (the PF keeps a pool for itself)" 7 "$(cat /sys/bus/pci/devices/$pci/sriov_totalvfs)"

check "enable 2 VFs with the PF down" set_numvfs 2
check_eq "sriov_numvfs reads 2" 2 "$(numvfs)"
check_eq "2 VF functions exist" 2 "$(virtfns)"
check "disable VFs" set_numvfs 0
check_eq "no VF functions left" 0 "$(virtfns)"

pf_up 0 || bail "PF link does not come up"
check "enable 7 VFs with the PF up" set_numvfs 7
check_eq "sriov_numvfs reads 7" 7 "$(numvfs)"
check_eq "7 VF functions exist" 7 "$(virtfns)"
check_fails "changing 7 to 2 without going through 0 is refused" set_numvfs 2
check_eq "still 7 VFs" 7 "$(numvfs)"
check "disable VFs" set_numvfs 0
check_eq "sriov_numvfs reads 0" 0 "$(numvfs)"
check_eq "no VF functions left" 0 "$(virtfns)"

for bad in 9 8; do
	err=$(set_numvfs $bad 2>&1) && not_ok "$bad VFs refused" "write succeeded" ||
		ok "$bad VFs refused"
	[ -n "$err" ] && ok "$bad VFs: the write reports an error ($err)" ||
		not_ok "$bad VFs: the write reports an error" "no error text"
	check_eq "$bad VFs: sriov_numvfs still 0" 0 "$(numvfs)"
	check_eq "$bad VFs: no VF functions" 0 "$(virtfns)"
done

check "VFs can be enabled again after a refusal" set_numvfs 2
check "and disabled" set_numvfs 0
done_testing
