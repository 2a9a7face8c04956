#!/bin/bash
# proves: (harness self-test) a scenario after another in the same guest starts clean: no namespace, process, VF or driver module of the one before, and the PF works
. "$SNIC_DIR/tests/vm/lib.sh"
check_eq "no namespaces" "" "$(ls /run/netns 2>/dev/null)"
check_eq "no driver modules" "" "$(grep -E '^(sriovnic|igb|igbvf) ' /proc/modules)"
check_eq "nothing left running" "" "$(pgrep -f 'sleep 1000|iperf3')"
load_drivers
check_eq "SR-IOV off" 0 "$(numvfs)"
check "two VFs again" enable_vfs 2
done_testing
