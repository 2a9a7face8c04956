#!/bin/bash
# proves: (probe, not a test) where QEMU's pcie_aer_inject_error stops on its way to the guest's AER driver
# requires: pf=sriovnic
# pairs: sriovnic/sriovnic
# vm: monitor
# timeout: 600
#
# Not a test: kept in tests/vm/wip (no run picks it up) as the probe that
# found why QEMU's injections on the PF never reach the guest (pf.rst):
# the PF's Device Control error reporting enables read 0. Run it with
#   scripts/vm-tests --pairs sriovnic/sriovnic tests/vm/wip/aer-probe.sh
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pci=$(pf_pci 0)
rp=$(basename "$(dirname "$(readlink -f /sys/bus/pci/devices/$pci)")")
diag "root port $rp, PF $pci"
diag "cmdline: $(cat /proc/cmdline)"
diag "$(dmesg | grep -iE 'aer|_OSC|pcieport|portdrv|native' | head -20)"
diag "pci_express: $(ls /sys/bus/pci_express/devices/ 2>&1)"
regs() {
	local d
	for d in "$rp" "$pci"; do
		diag "$1 $d: CMD=$(setpci -s $d COMMAND) DEVCTL=$(setpci -s $d CAP_EXP+8.w) DEVSTA=$(setpci -s $d CAP_EXP+0xa.w) UNC_STA=$(setpci -s $d ECAP_AER+4.l) UNC_MASK=$(setpci -s $d ECAP_AER+8.l) UNC_SEV=$(setpci -s $d ECAP_AER+0xc.l) COR_STA=$(setpci -s $d ECAP_AER+0x10.l) COR_MASK=$(setpci -s $d ECAP_AER+0x14.l)"
	done
	diag "$1 $rp: BRCTL=$(setpci -s $rp BRIDGE_CONTROL) ROOTCMD=$(setpci -s $rp ECAP_AER+0x2c.l) ROOTSTA=$(setpci -s $rp ECAP_AER+0x30.l) SRC=$(setpci -s $rp ECAP_AER+0x34.l) RTCTL=$(setpci -s $rp CAP_EXP+0x1c.w)"
	diag "$1 irq: $(grep -iE 'aer|pcie|PCIe' /proc/interrupts | tr -s ' ')"
}
regs before
diag "$(lspci -vvv -s $rp 2>&1 | grep -iE 'aer|err|serr|msi|Kernel' )"
for e in RCVR INTERNAL COMP_TIME UNSUP; do
	mark=$(log_mark)
	out=$(qemu_monitor pcie_aer_inject_error pf0 $e)
	diag "inject $e: $out"
	sleep 3
	regs "after $e"
	diag "$(log_since "$mark" | tail -n 20)"
done
modprobe aer_inject && ok "aer_inject loaded" || not_ok "aer_inject"
diag "$(ls -la /dev/aer_inject 2>&1)"
done_testing
