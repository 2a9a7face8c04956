#!/bin/bash
# proves: (harness self-test) a guest that names a lost timer interrupt (TCG) is stopped, and its scenario alone is run once more
. "$SNIC_DIR/tests/vm/lib.sh"
ok "stalling"
echo "harness self-test: Possible timer handling issue (a deliberate line)" >/dev/kmsg
sleep 60
done_testing
