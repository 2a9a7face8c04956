#!/bin/bash
# proves: (harness self-test) a failing check fails its scenario only
. "$SNIC_DIR/tests/vm/lib.sh"
not_ok "a deliberate failure"
done_testing
