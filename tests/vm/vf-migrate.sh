#!/bin/bash
# proves: a nested guest using VF 0 through sriovnic_vfio is live-migrated by QEMU into a second nested QEMU on VF 1 with its ping and TCP stream going on: the guest keeps its MAC and address, its VF driver (sriovnic_vf or igbvf) goes on on the new VF (queues and interrupts carried, filters loaded), the stream's one connection carries on, downtime and loss are measured, and VF 0's filters are gone from the PF afterwards
# requires: pf=sriovnic
# pairs: sriovnic/sriovnic sriovnic/igbvf
# slow: yes
# vm: iommu iomem-relaxed
# timeout: 2400
#
# The nested guests are tests/vm/nested/'s (one vCPU, 256 MiB, busybox),
# booted twice over under TCG: the source boots and starts its flows, the
# destination waits with -incoming, QEMU migrates over a unix socket, the
# source quits (as libvirt ends it), and the destination's guest goes on
# with the queues, interrupts and filters its VF had. The administrator gives VF 0 the guest's MAC
# (as libvirt does for a <hostdev> interface's <mac>) and VF 1 none: VF 1
# has it afterwards only because it came with the state.
. "$SNIC_DIR/tests/vm/lib.sh"
work=/run/migrate
mac=02:5a:00:00:00:20
guest=10.0.0.20
mkdir -p "$work"

[ -e /sys/class/iommu/dmar0 ] || compgen -G "/sys/class/iommu/*" >/dev/null ||
	bail "no IOMMU in this VM (scripts/vm adds one for '# vm: iommu')"
modprobe vfio-pci || bail "cannot load vfio-pci"
load_drivers
_load_ko vfio/sriovnic_vfio || bail "cannot load sriovnic_vfio"
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
check "VF 0: MAC $mac (the administrator's)" ip link set "$pf" vf 0 mac "$mac"

to_vfio() {	# to_vfio VF: bind it to sriovnic_vfio
	local bdf drv group
	bdf=$(vf_pci "$1")
	group=$(basename "$(readlink "/sys/bus/pci/devices/$bdf/iommu_group")")
	echo sriovnic_vfio >"/sys/bus/pci/devices/$bdf/driver_override" || return 1
	drv=$(vf_driver "$1")
	[ -z "$drv" ] || echo "$bdf" >"/sys/bus/pci/drivers/$drv/unbind" || return 1
	echo "$bdf" >/sys/bus/pci/drivers_probe
	[ "$(vf_driver "$1")" = sriovnic_vfio ] && [ -c "/dev/vfio/$group" ]
}
check "VF 0 bound to sriovnic_vfio" to_vfio 0
check "VF 1 bound to sriovnic_vfio" to_vfio 1
vf0=$(vf_pci 0) vf1=$(vf_pci 1)

case $VF_DRV in
sriovnic)
	drv=sriovnic_vf
	mods=("$SNIC_KO/common/sriovnic_common.ko" "$SNIC_KO/vf/sriovnic_vf.ko") ;;
igbvf)
	drv=igbvf
	mods=("$(modinfo -n igbvf)") ;;
esac
out=$("$SNIC_DIR/tests/vm/nested/mkinitramfs" "$work" "/boot/vmlinuz-$(uname -r)" \
	"${mods[@]}" 2>&1) || bail "cannot build the nested guest: $out"

python3 "$SNIC_DIR/tests/vm/mig-sink.py" 5001 "$work/sink.log" &
sink=$!

# inner NAME VF [QEMU ARGS...]: start a nested QEMU on a VF, in the background.
inner() {
	local name=$1 bdf=$2
	shift 2
	qemu-system-x86_64 -M q35 -accel tcg -cpu max -smp 1 -m 256 \
		-nodefaults -no-user-config -display none -no-reboot \
		-bios /usr/share/qemu/qboot.rom \
		-serial "file:/run/out/inner-$name.log" \
		-monitor "unix:$work/$name.mon,server=on,wait=off" \
		-kernel "$work/vmlinux" -initrd "$work/initramfs.cpio" \
		-append "console=ttyS0 panic=-1 loglevel=5 no_timer_check cryptomgr.notests snic.drv=$drv snic.mac=$mac snic.addr=$guest/24 snic.ping=10.0.0.1 snic.stream=10.0.0.1:5001" \
		-device "vfio-pci,host=$bdf,id=vf,rombar=0,enable-migration=on,x-pre-copy-dirty-page-tracking=off,x-no-mmap=on" \
		"$@" </dev/null >"$work/qemu-$name.log" 2>&1 &
}
hmp() {	# hmp NAME COMMAND: one monitor command to a nested QEMU
	printf '%s\n' "$2" | socat -t 2 - "UNIX-CONNECT:$work/$1.mon" 2>/dev/null | tr -d '\r'
}
inner_said() { grep -q "$2" "/run/out/inner-$1.log" 2>/dev/null; }
# vf_queue VF: the PF's view of the VF's first queue pair and interrupts,
# one line (a diagnostic: iomem=relaxed lets us read the PF's BAR).
vf_queue() {
	local q=$1 rx tx v
	rx=$((0x2800 + 0x100 * q)) tx=$((0x3800 + 0x100 * q))
	v=$(python3 "$SNIC_DIR/tests/snic-bar.py" "$(pf_pci 0)" rd \
		$rx $((rx + 8)) $((rx + 0x10)) $((rx + 0x18)) $((rx + 0x28)) \
		$tx $((tx + 8)) $((tx + 0x10)) $((tx + 0x18)) $((tx + 0x28)) \
		0xc8c 0xc90 $((0x1700 + 4 * q)) 0x1524 0x152c 2>&1 | tr '\n' ' ')
	echo "rx bal/len/h/t/ctl tx bal/len/h/t/ctl vfre vfte ivar eims eiac: $v"
}

echo "vf-migrate: source starts" >/dev/kmsg
inner src "$vf0"
src=$!
wait_until 900 inner_said src "INNER flows started" ||
	bail "the source guest did not start its flows" "$(tail -n 20 /run/out/inner-src.log)"
ok "the source guest started its flows"
dbg=$(pf_vfs_debugfs) || bail "no debugfs file for the PF"
vf0_before=$(grep '^vf0 ' "$dbg")
diag "VF 0 at the PF before: ${vf0_before#* mac=}"
diag "VF 0's queue before: $(vf_queue 0)"
ping -D -i 0.2 -W 1 "$guest" >"$work/ping.log" 2>&1 &
pinger=$!
inner dst "$vf1" -incoming "unix:$work/mig.sock"
dst=$!
check "the destination QEMU waits for the guest" wait_until 60 test -S "$work/mig.sock"
sleep 5

hmp src "migrate_set_parameter downtime-limit 120000" >/dev/null
hmp src "migrate_set_parameter max-bandwidth 4G" >/dev/null
t_mig=$(date +%s.%N)
hmp src "migrate -d unix:$work/mig.sock" >"$work/migrate.out"
migrated() {
	hmp src "info migrate" >"$work/info"
	grep -qE 'status: *(completed|failed|cancelled)' "$work/info"
}
wait_until 600 migrated
t_done=$(date +%s.%N)
status=$(sed -n 's/.*[Ss]tatus: *\([a-z-]*\).*/\1/p' "$work/info" | head -n 1)
[ "$status" = completed ] || bail "QEMU did not migrate the guest (${status:-no status})" \
	"$(cat "$work/migrate.out" "$work/info" "$work/qemu-src.log" "$work/qemu-dst.log")"
ok "QEMU migrated the guest"
downtime=$(sed -n 's/.*[Dd]owntime: *\([0-9]*\) *ms.*/\1/p' "$work/info" | head -n 1)
total=$(sed -n 's/.*[Tt]otal time: *\([0-9]*\) *ms.*/\1/p' "$work/info" | head -n 1)
diag "migration: ${total:-?} ms in all, QEMU's downtime ${downtime:-?} ms"
# The source is paused now; it goes, as libvirt ends it.
hmp src quit >/dev/null
wait_until 60 sh -c "! kill -0 $src 2>/dev/null"
check "the source QEMU ended" sh -c "! kill -0 $src 2>/dev/null"

for i in 1 2 3; do
	diag "VF 1's queue after ($i): $(vf_queue 1)"
	sleep 2
done
kill -USR1 "$sink"
# What the PF holds for VF 1 while the guest still uses it.
wait_until 300 inner_said dst "TCP stream survived" ||
	wait_until 10 inner_said dst "INNER done"
vf1_after=$(grep '^vf1 ' "$dbg")
diag "VF 1 at the PF after: ${vf1_after#* mac=}"
check "the guest ran its checks on the destination" \
	wait_until 300 inner_said dst "INNER done"
wait_until 60 sh -c "! kill -0 $dst 2>/dev/null" || kill "$dst"
kill -INT "$pinger"
wait "$pinger"
kill "$sink"
wait "$sink"

# The guest's own checks: those the source saw, then the destination.
inner_results "nested guest (src)" /run/out/inner-src.log
inner_results "nested guest (dst)" /run/out/inner-dst.log
# Each of these must have been reported, and passed, on the destination.
for want in "the far end says the guest was migrated" \
	"the TCP stream survived the migration" \
	"kept its carrier and queues through the migration" \
	"kept its MAC ($mac) after the migration" \
	"kept its address ($guest/24) after the migration" \
	"reaches 10.0.0.1 after the migration"; do
	if tr -d '\r' <"/run/out/inner-dst.log" | grep '^INNER ok - ' | grep -qF "$want"; then
		ok "the destination guest reported: $want"
	else
		not_ok "the destination guest reported: $want" "$(tail -n 20 /run/out/inner-dst.log)"
	fi
done

# The flows, from this side: one connection throughout, data after the
# migration, the longest silence; the ping's losses and longest gap.
conns=$(tail -n 1 "$work/sink.log" | cut -d' ' -f3)
check_eq "the stream kept its one TCP connection" 1 "$conns"
flow=$(awk -v t="$t_done" '
	$2 > b { if (b > 0 && $1 - last > s) s = $1 - last; last = $1 }
	{ b = $2 } $1 <= t { bt = $2 }
	END { printf "%.1f %d\n", s, b - bt }' "$work/sink.log")
read -r stall after <<<"$flow"
diag "TCP stream: ${after} bytes after the migration, longest silence ${stall} s"
check "the stream carried data after the migration ($after bytes)" test "${after:-0}" -gt 0
sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$work/ping.log")
recv=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$work/ping.log")
gap=$(awk -F'[][]' '/bytes from/ { t = $2; if (p && t - p > g) g = t - p; p = t }
	END { printf "%.1f", g }' "$work/ping.log")
diag "ping of the guest: ${recv:-?} of ${sent:-?} answered, longest gap ${gap} s"
last_reply=$(awk -F'[][]' '/bytes from/ { t = $2 } END { print t }' "$work/ping.log")
check "the guest answered pings after the migration" \
	awk -v a="${last_reply:-0}" -v b="$t_done" 'BEGIN { exit !(a > b) }'

# The PF's side.
kmsg=$(dmesg | sed -n '/vf-migrate: source starts/,$p')
check "the PF saved VF 0's state" grep -q "VF 0: state saved" <<<"$kmsg"
check "the PF loaded it into VF 1" grep -q "VF 1: state loaded" <<<"$kmsg"
check "VF 1 took the state's filters at once" grep -q "VF 1: loaded state's filters in place" <<<"$kmsg"
check "VF 1 ran with the VF registers carried over" grep -q "$vf1: running, with its queues and interrupts carried over" <<<"$kmsg"
filters() { grep -o 'uc=[0-9]* vlans=[0-9]* mc=[0-9]* mig=[a-z]*' <<<"$1"; }
check "VF 1 had the guest's MAC while the guest ran there" grep -q " mac=$mac " <<<"$vf1_after"
check "VF 1's multicast filters were the guest's ($(filters "$vf1_after"))" \
	test "$(filters "$vf1_after" | sed 's/ mig=.*//')" = "$(filters "$vf0_before" | sed 's/ mig=.*//')"
check_eq "VF 0 holds no filter and no migration state afterwards" \
	"uc=0 vlans=0 mc=0 mig=none" \
	"$(grep '^vf0 ' "$dbg" | grep -o 'uc=[0-9]* vlans=[0-9]* mc=[0-9]* mig=[a-z]*')"
check "VF 1 has the guest's MAC as the administrator's now (it came with the state)" \
	grep -q "^vf1 .* mac=$mac admin_mac=$mac " "$dbg"
errs=$(dmesg -x | sed -n '/vf-migrate: source starts/,$p' |
	grep -E '^[a-z]+ *:(emerg|alert|crit|err) ')
check_eq "no kernel errors while the guest migrated" "" "$errs"
done_testing
