#!/bin/bash
# proves: a VF hears the PF's answers by its mailbox interrupt from its first RESET on, before the interface is ever up (the PF's RESET handling leaves the VF's interrupts unmasked), so no exchange waits for the VF's polling
# requires: vf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 1 || bail "VF did not appear"
d=$(vf_dev 0) || bail "VF 0 has no netdev"
pci=$(vf_pci 0)
# Interrupts taken by the VF's mailbox vectors (snicvf-<pci>-mbx).
mbx_irqs() {
	awk -v n="snicvf-$pci-mbx" '$NF == n { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }' /proc/interrupts
}
check_eq "VF 0 is down (never opened)" 0 $(( $(cat /sys/class/net/$d/flags) & 1 ))
# Let the service work's first runs after probe pass.
sleep 2
before=$(mbx_irqs)
# A frame-size request (SET_LPE) while down: the PF ACKs and answers it.
check "VF 0 (down) sets MTU 1400 through the mailbox" ip link set dev "$d" mtu 1400
check_eq "VF 0 reports MTU 1400" 1400 "$(cat /sys/class/net/$d/mtu)"
after=$(mbx_irqs)
diag "mailbox interrupts: $before before the request, $after after"
check "the PF's ACK and answer raised VF 0's mailbox interrupt" [ "$after" -gt "$before" ]
check "VF 0 comes up with carrier" dev_to_ns "$d" nsa 10.0.0.10/24
check "VF 0 -> PF ping" ping_retry nsa 10.0.0.1
done_testing
