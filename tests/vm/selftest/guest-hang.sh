#!/bin/bash
# proves: (harness self-test) a guest that stops answering (here: it claims a 1 s limit and outlives it) is stopped by the host and fails only the scenario it was running
# timeout: 300
. "$SNIC_DIR/tests/vm/lib.sh"
read -r k _ </run/out/current
echo "$k 1" >/run/out/current
ok "hanging"
sleep 290
done_testing
