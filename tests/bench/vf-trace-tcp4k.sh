#!/bin/bash
# proves: nothing by itself: vf-trace-tcp.sh with 4096-slot RX rings (not a test)
# vm: iomem-relaxed
BENCH_PHASES=tcp BENCH_SECS=10 BENCH_RX_RING=4096
. "$SNIC_DIR/tests/bench/vf-trace.sh"
