#!/bin/bash
# proves: (harness self-test) a scenario past its own time limit fails, and the next one runs in the same guest
# timeout: 15
. "$SNIC_DIR/tests/vm/lib.sh"
ok "started"
sleep 600
done_testing
