#!/bin/bash
# proves: nothing by itself: vf-bringup.sh for one VF, once (not a test)
# timeout: 300
BENCH_VFS=1
. "$SNIC_DIR/tests/bench/vf-bringup.sh"
