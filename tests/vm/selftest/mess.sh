#!/bin/bash
# proves: (harness self-test) a scenario may leave VFs enabled, a namespace, processes and its modules loaded: the teardown cleans up after it
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
check "two VFs" enable_vfs 2
check "VF 0 in namespace nsa" vf_to_ns 0 nsa 10.0.0.10/24
sleep 1000 &
check "a server left running" in_ns nsa iperf3 -s -D -B 10.0.0.10
done_testing
