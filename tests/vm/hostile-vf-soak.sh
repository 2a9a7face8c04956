#!/bin/bash
# proves: the hostile-VF scenario (hostile-vf.sh) holds over a soak of at least 1000000 hostile mailbox messages: 15 s per mode instead of 2
# requires: pf=sriovnic
# topology: wire
# timeout: 900
# slow: yes
ROGUE_SECS=15 ROGUE_MIN_MSGS=1000000
. "$SNIC_DIR/tests/vm/hostile-vf.sh"
