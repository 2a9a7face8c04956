#!/bin/bash
# proves: a VF given a MAC and port VLAN with ip link and passed to a nested VM through vfio-pci (outer VM with an emulated Intel IOMMU) is bound there by sriovnic_vf as an ordinary NIC with that MAC, reaches the PF and another VF, and the function-level resets of the nested VM's start and stop leave the PF and the other VF working; the VF then works on the host again
# requires: pf=sriovnic
# pairs: sriovnic/sriovnic
# slow: yes
# vm: iommu
# timeout: 1500
#
# Only sriovnic/sriovnic: the driver under test inside the nested VM is
# ours, and each run costs 6-9 minutes under TCG.
#
# The nested VM (tests/vm/nested/) is a TCG guest of this TCG guest, so it
# is kept minimal: one vCPU, 256 MiB, -nodefaults, qboot instead of
# SeaBIOS, the kernel booted uncompressed (PVH), no option ROM on the VF,
# a busybox initramfs holding only our two modules. Its init prints
# "INNER ok|not ok - ..." lines on its serial port, turned into checks
# here. guest-run gives this scenario 900 s in all; the nested VM gets at
# most INNER_SECS of them.
. "$SNIC_DIR/tests/vm/lib.sh"
INNER_SECS=660
work=/run/nested
mac=02:5a:00:00:00:10
mkdir -p "$work"

iommus=(/sys/class/iommu/*)
[ -e "${iommus[0]}" ] ||
	bail "no IOMMU in this VM (scripts/vm adds one for '# vm: iommu')"
ok "the VM has an IOMMU (${iommus[*]##*/})"
modprobe vfio-pci || bail "cannot load vfio-pci"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
ip link add link "$pf" name pfv100 type vlan id 100 || bail "cannot add the PF's VLAN 100"
ip addr add 10.0.100.1/24 dev pfv100 && ip link set pfv100 up || bail "cannot bring up pfv100"
# The PF reports each VF reset it handles at debug level.
echo 'func snic_pf_vf_flr +p' >/sys/kernel/debug/dynamic_debug/control ||
	bail "cannot enable the PF's VF reset messages"
enable_vfs 2 || bail "VFs did not appear"
check "VF 0: MAC $mac, port VLAN 100" ip link set "$pf" vf 0 mac "$mac" vlan 100
check "VF 1: port VLAN 100" ip link set "$pf" vf 1 vlan 100
vf_to_ns 1 nsb 10.0.100.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"
check "VF 1 -> PF (VLAN 100) before the nested VM" ping_retry nsb 10.0.100.1

# VF 0 to vfio-pci: its IOMMU group must hold it alone.
vf0=$(vf_pci 0)
group=$(basename "$(readlink "/sys/bus/pci/devices/$vf0/iommu_group")")
members=("/sys/kernel/iommu_groups/$group/devices/"*)
check_eq "VF 0 ($vf0) is alone in IOMMU group $group" "$vf0" "${members[*]##*/}"
to_vfio() {
	local drv
	echo vfio-pci >"/sys/bus/pci/devices/$vf0/driver_override" || return 1
	drv=$(vf_driver 0)
	if [ -n "$drv" ]; then
		echo "$vf0" >"/sys/bus/pci/drivers/$drv/unbind" || return 1
	fi
	echo "$vf0" >/sys/bus/pci/drivers_probe || return 1
	[ "$(vf_driver 0)" = vfio-pci ] && [ -c "/dev/vfio/$group" ]
}
to_vfio || bail "cannot bind VF 0 to vfio-pci"
ok "VF 0 bound to vfio-pci (/dev/vfio/$group)"

# The nested VM: its kernel is this VM's, its modules ours.
kver=$(uname -r)
if ! out=$("$SNIC_DIR/tests/vm/nested/mkinitramfs" "$work" "/boot/vmlinuz-$kver" \
	"$SNIC_KO/common/sriovnic_common.ko" "$SNIC_KO/vf/sriovnic_vf.ko" 2>&1); then
	bail "cannot build the nested VM: $out"
fi

flr_msgs() {	# the PF's "VF 0: function reset" messages so far
	dmesg | grep -c "sriovnic_pf $(pf_pci 0): VF 0: function reset"
}
flr_before=$(flr_msgs)
changes_before=$(cat "/sys/class/net/$pf/carrier_changes")
echo "nested-guest: nested VM starts" >/dev/kmsg

# VF 1 <-> PF traffic and the PF's carrier, once a second, for as long as
# the nested VM starts, runs and stops.
watch_pf() {
	while [ ! -e "$work/stop" ]; do
		if ip netns exec nsb ping -c 1 -W 5 10.0.100.1 >/dev/null 2>&1; then
			echo "ping ok"
		else
			echo "ping lost $SECONDS"
		fi
		echo "carrier $(cat "/sys/class/net/$pf/carrier")"
		sleep 1
	done >"$work/watch"
}
watch_pf &
watcher=$!

t0=$SECONDS
timeout -k 10 "$INNER_SECS" \
qemu-system-x86_64 -M q35 -accel tcg -cpu max -smp 1 -m 256 \
	-nodefaults -no-user-config -display none -no-reboot \
	-bios /usr/share/qemu/qboot.rom \
	-serial file:/run/out/inner-console.log \
	-kernel "$work/vmlinux" -initrd "$work/initramfs.cpio" \
	-append "console=ttyS0 panic=-1 loglevel=5 no_timer_check cryptomgr.notests snic.drv=sriovnic_vf snic.mac=$mac snic.addr=10.0.100.20/24 snic.ping=10.0.100.1,10.0.100.11" \
	-device "vfio-pci,host=$vf0,rombar=0" </dev/null >"$work/qemu.log" 2>&1
rc=$?
secs=$((SECONDS - t0))
touch "$work/stop"
wait "$watcher"
# Its serial output went straight to the output directory (watchable
# from the host while it runs).
tr -d '\r' </run/out/inner-console.log >"$work/console"
cp "$work/qemu.log" /run/out/inner-qemu.log

if [ "$rc" = 0 ]; then
	ok "the nested VM ran and powered off (${secs}s)"
else
	not_ok "the nested VM ran and powered off (${secs}s)" "exit status $rc" \
		"$(tail -n 20 "$work/qemu.log")" "$(tail -n 20 "$work/console")"
fi

# The nested VM's own checks.
inner_results "nested VM" "$work/console"
# Each of these must have been reported, passed or not (lines end so).
for want in "sriovnic_vf bound the VF" "has the MAC the PF set ($mac)" \
	"reaches 10.0.100.1" "reaches 10.0.100.11"; do
	awk -v w="$want" '/^INNER / && substr($0, length($0) - length(w) + 1) == w { f = 1 }
		END { exit !f }' "$work/console" ||
		not_ok "nested VM: reported '$want'" "$(tail -n 20 "$work/console")"
done
check "the nested VM ran its checks to the end" grep -qx "INNER done" "$work/console"

# What the resets did to the PF and VF 1.
flrs=$(( $(flr_msgs) - flr_before ))
if [ "$flrs" -gt 0 ]; then
	ok "the PF handled VF 0's resets while the nested VM started and stopped ($flrs)"
else
	not_ok "the PF handled VF 0's resets while the nested VM started and stopped"
fi
pings=$(grep -c '^ping' "$work/watch")
lost=$(grep -c '^ping lost' "$work/watch")
diag "VF 1 -> PF: $pings pings while the nested VM ran"
check "VF 1 -> PF pinged throughout" test "$pings" -ge $((secs / 10))
check_eq "VF 1 -> PF: no ping lost while the nested VM started, ran and stopped" 0 "$lost"
check_eq "PF carrier stayed up throughout" 0 "$(grep -c '^carrier 0' "$work/watch")"
check_eq "PF carrier never changed" "$changes_before" "$(cat "/sys/class/net/$pf/carrier_changes")"
check "VF 1 -> PF after the nested VM" ping_ok nsb 10.0.100.1
check "PF -> VF 1 after the nested VM" ping_ok "" 10.0.100.11
errs=$(dmesg -x | sed -n '/nested-guest: nested VM starts/,$p' |
	grep -E '^[a-z]+ *:(emerg|alert|crit|err) ')
check_eq "no kernel errors logged while the nested VM ran" "" "$errs"

# VF 0 back to sriovnic_vf: the MAC the PF gave it stays, and it works.
from_vfio() {
	echo >"/sys/bus/pci/devices/$vf0/driver_override" || return 1
	echo "$vf0" >/sys/bus/pci/drivers/vfio-pci/unbind || return 1
	echo "$vf0" >/sys/bus/pci/drivers_probe || return 1
	wait_until 30 vf_dev 0
}
check "VF 0 back from vfio-pci to $(vf_driver_name)" from_vfio
check_eq "VF 0's driver" "$(vf_driver_name)" "$(vf_driver 0)"
if dev=$(vf_dev 0); then
	check_eq "VF 0 ($dev) keeps the MAC the PF set" "$mac" "$(cat "/sys/class/net/$dev/address")"
fi
if vf_to_ns 0 nsa 10.0.100.10/24 >/dev/null; then
	check "VF 0 -> PF (VLAN 100) back on this host" ping_retry nsa 10.0.100.1
	check "VF 0 -> VF 1 back on this host" ping_ok nsa 10.0.100.11
else
	not_ok "VF 0 has carrier back on this host"
fi
done_testing
