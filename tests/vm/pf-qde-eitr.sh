#!/bin/bash
# proves: while VFs exist every receive queue drops when it has no buffer (QDE all queues: a VF that posts none cannot stall the shared packet buffer), the other vector is throttled by EITR (a VF's mailbox cannot storm the PF), and both are programmed again after a global reset; read back from the PF's registers
# requires: pf=sriovnic
# vm: iomem-relaxed
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pci=$(pf_pci 0)
bar="python3 $SNIC_DIR/tests/snic-bar.py"
QDE=0x2408 EITR0=0x1680
# reg OFF: a PF register as 8 hex digits, read through resource0.
reg() { $bar "$pci" rd "$1"; }
# interval OFF: the EITR interval field (bits 14:2) of a register.
interval() { local v; v=$(reg "$1") || return 1; echo $(((0x$v >> 2) & 0x1fff)); }

pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
check "the PF's BAR can be read while sriovnic_pf holds it" reg "$QDE"
diag "QDE without VFs: $(reg $QDE), EITR0: $(reg $EITR0)"
itr=$(interval $EITR0)
check "the other vector has an EITR interval (got ${itr:-?})" test "${itr:-0}" -gt 0
check "enable 2 VFs" enable_vfs 2
check_eq "QDE: every queue drops with VFs" 0000ffff "$(reg $QDE)"
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"

check "ethtool --reset all" ethtool --reset "$pf" all
check "PF carrier after the reset" wait_until 30 carrier_on "$pf"
check_eq "QDE again after the global reset" 0000ffff "$(reg $QDE)"
check_eq "the other vector's EITR again after the global reset" "$itr" "$(interval $EITR0)"
check "VF 0 has carrier after the reset" wait_until 60 carrier_on "$a" nsa
check "VF 0 -> PF ping after the reset" wait_until 60 ping_ok nsa 10.0.0.1

check "disable SR-IOV" set_numvfs 0
check_eq "QDE off without VFs (the PF's own ring waits for buffers)" 00000000 "$(reg $QDE)"
done_testing
