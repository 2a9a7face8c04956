#!/bin/bash
# proves: (harness self-test) a kernel warning in one scenario's slice of the log fails that scenario only
. "$SNIC_DIR/tests/vm/lib.sh"
echo "WARNING: harness self-test (a deliberate line)" >/dev/kmsg
ok "warned"
done_testing
