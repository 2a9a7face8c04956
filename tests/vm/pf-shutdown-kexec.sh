#!/bin/bash
# proves: the drivers' .shutdown leaves the next kernel a quiet device: with VF 0 -> VF 1 traffic running on our PF and VFs, kexec (whose reboot runs device_shutdown) boots a fresh kernel that finds the PF's receive and transmit off (RCTL.EN, TCTL.EN and every one of the 16 queues' RXDCTL/TXDCTL enable 0) before any driver binds, where the first kernel had them on; the first kernel's log shows both VFs' and the PF's shutdown, VFs first; the new kernel's drivers then bring the PF and two VFs up and VF 0 pings VF 1
# requires: pf=sriovnic
# pairs: sriovnic/sriovnic
# vm: own-boot iomem-relaxed
# timeout: 600
#
# One pair: both .shutdown handlers are ours. Own boot: the scenario runs
# twice, once in each kernel (guest-run starts its plan again in the
# kexec'd one, which has snic.kexec=1 on its command line). The first run
# writes its TAP to /run/out (the host's directory, kept across kexec);
# the second prints it and goes on counting. The PF's BAR is read through
# sysfs (tests/snic-bar.py; iomem=relaxed, as the driver holds it in the
# first kernel). Linux's PCI core clears bus mastering of every device on
# kexec whatever the driver does, so that bit proves nothing and is not
# checked; the device's own enables are the drivers' doing.
. "$SNIC_DIR/tests/vm/lib.sh"
st=/run/out/kexec-phase1.tap
bar="python3 $SNIC_DIR/tests/snic-bar.py"
pci=$(pf_pci 0)

# The enables: RCTL, TCTL, VFRE, VFTE, then RXDCTL and TXDCTL of queues
# 0-15 (0-3 in their first block, 4-15 at 0xC000/0xE000).
offs="0x100 0x400 0xc8c 0xc90"
for ((q = 0; q < 16; q++)); do
	if [ $q -lt 4 ]; then
		offs+=" $((0x2828 + 0x100 * q)) $((0x3828 + 0x100 * q))"
	else
		offs+=" $((0xc028 + 0x40 * q)) $((0xe028 + 0x40 * q))"
	fi
done
# enables: one line, "rctl tctl vfre vfte rxq txq" (hex; rxq and txq the
# queues whose ENABLE bit is set, as a bit mask).
enables() {
	local out v rx=0 tx=0
	# shellcheck disable=SC2086 # $offs is a list
	out=$($bar "$pci" rd $offs) || return 1
	read -ra v <<<"$(echo $out)"
	for ((q = 0; q < 16; q++)); do
		(( 16#${v[4 + 2 * q]} & (1 << 25) )) && rx=$((rx | 1 << q))
		(( 16#${v[5 + 2 * q]} & (1 << 25) )) && tx=$((tx | 1 << q))
	done
	printf 'rctl=%x tctl=%x vfre=%x vfte=%x rxq=%x txq=%x\n' \
		$((16#${v[0]} & 2)) $((16#${v[1]} & 2)) $((16#${v[2]})) $((16#${v[3]})) $rx $tx
}

if ! grep -qw snic.kexec=1 /proc/cmdline; then
	# --- first kernel ---
	exec 4>&1 >"$st"
	trap 'cat "$st" >&4' EXIT
	command -v kexec >/dev/null || bail "no kexec (kexec-tools, scripts/deps)"
	initrd=$(ls "$SNIC_DIR"/build/vm/initramfs-"$(uname -r)".cpio.gz) ||
		bail "no initramfs for $(uname -r)"
	load_drivers
	pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
	enable_vfs 2 || bail "VFs did not appear"
	vf_to_ns 0 nsa 10.0.0.10/24 >/dev/null || bail "VF 0 has no carrier"
	vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier"
	check "VF 0 -> VF 1 ping" ping_retry nsa 10.0.0.11
	before=$(enables) || bail "cannot read the PF's BAR"
	diag "before kexec: $before"
	check "before: receive and transmit on, both VFs' pools and their queues enabled" \
		grep -Eq '^rctl=2 tctl=2 vfre=[0-9a-f]*3 vfte=[0-9a-f]*3 rxq=[0-9a-f]*[^0] txq=[0-9a-f]*[^0]$' <<<"$before"
	# Debian's image is the host's /boot/vmlinuz-<release>; the debug
	# kernel's is in its cache, which scripts/vm names on the command line.
	vmlinuz=/boot/vmlinuz-$(uname -r)
	for arg in $(cat /proc/cmdline); do
		case $arg in snic.vmlinuz=*) vmlinuz=${arg#snic.vmlinuz=} ;; esac
	done
	check "kexec loads this kernel again" kexec -l "$vmlinuz" \
		--initrd="$initrd" --append="$(cat /proc/cmdline) snic.kexec=1"
	in_ns nsa ping -q -i 0.05 10.0.0.11 >/dev/null 2>&1 &
	sleep 1
	diag "kexec -e with VF 0 -> VF 1 pings running"
	trap - EXIT
	exec 1>&4
	sync
	kexec -e
	echo "not ok $((_tap_n + 1)) - kexec -e returned" >>"$st"
	cat "$st"
	exit 1
fi

# --- second kernel ---
cat "$st" 2>/dev/null || bail "no TAP from the first kernel"
_tap_n=$(grep -cE '^(not )?ok ' "$st")
_tap_fail=$(grep -c '^not ok ' "$st")
check "the first kernel's run got as far as kexec" grep -q 'kexec -e with' "$st"
after=$($bar "$pci" rd 0x8 >/dev/null && enables) || bail "cannot read the PF's BAR"
diag "after kexec, no driver bound: $after"
check "after: receive and transmit off, no queue enabled" \
	grep -Eq '^rctl=0 tctl=0 vfre=[0-9a-f]+ vfte=[0-9a-f]+ rxq=0 txq=0$' <<<"$after"
# VFRE/VFTE: QEMU clears a VF's bits at its function reset (the new
# kernel's PCI core turns SR-IOV off, which resets them, whatever our
# drivers did), so only diagnosed: the rest is the device's reset value.
con=$(awk '/snic-scenario-begin 1 /{n++} n == 1' /run/out/console.log 2>/dev/null)
diag "$(grep -E 'shutdown|kexec' <<<"$con" | tail -n 8)"
vfs=$(grep -n 'sriovnic_vf .*: shutdown: ' <<<"$con" | cut -d: -f1)
pfl=$(grep -n 'sriovnic_pf .*: shutdown: ' <<<"$con" | cut -d: -f1 | head -n 1)
check_eq "the first kernel shut down both VFs" 2 "$(grep -c . <<<"$vfs")"
check "then the PF" test -n "$pfl" -a "${pfl:-0}" -gt "$(tail -n 1 <<<"${vfs:-0}")"
load_drivers
check "the PF comes up in the new kernel" pf_up 0 10.0.0.1/24
check "two VFs again" enable_vfs 2
vf_to_ns 0 nsa 10.0.0.10/24 >/dev/null
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null
check "VF 0 -> VF 1 ping in the new kernel" ping_retry nsa 10.0.0.11
check "disable SR-IOV" set_numvfs 0
done_testing
