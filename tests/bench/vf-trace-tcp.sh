#!/bin/bash
# proves: nothing by itself: the TCP phase of vf-trace.sh alone, for loss counters (not a test)
# vm: iomem-relaxed
BENCH_PHASES=tcp BENCH_SECS=10
. "$SNIC_DIR/tests/bench/vf-trace.sh"
