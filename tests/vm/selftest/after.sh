#!/bin/bash
# proves: (harness self-test) the last scenario of a group, after a crash, a host-side stop and a stall, still runs and passes
. "$SNIC_DIR/tests/vm/lib.sh"
check_eq "no namespaces" "" "$(ls /run/netns 2>/dev/null)"
load_drivers
check "one VF" enable_vfs 1
done_testing
