#!/bin/bash
# proves: (harness self-test) a guest crash fails the scenario it hit, and the rest of the group runs in a fresh guest
. "$SNIC_DIR/tests/vm/lib.sh"
ok "about to crash"
echo 1 >/proc/sys/kernel/sysrq
echo c >/proc/sysrq-trigger
sleep 30
done_testing
