#!/bin/bash
# proves: binding and unbinding the VF driver 20 times, with the interface up and passing traffic in between, leaks no slab memory, MemAvailable or module reference, and the VF works afterwards
# requires: vf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier in its namespace"

drv=$(vf_driver_name)
mod=$(basename "$(readlink "/sys/bus/pci/drivers/$drv/module" 2>/dev/null)")
pci=$(vf_pci 0)

# up_and_ping: VF 0 up with an address, one exchange with VF 1.
up_and_ping() {
	local a
	a=$(vf_dev 0) || return 1
	ip addr add 10.0.0.10/24 dev "$a" 2>/dev/null
	ip link set "$a" up || return 1
	wait_until 30 carrier_on "$a" || return 1
	ping_retry "" 10.0.0.11
}

# One cycle first: caches and first-use allocations are not leaks.
check "warm-up: VF 0 passes traffic" up_and_ping
check "warm-up: re-bind" vf_rebind 0
check "warm-up: VF 0 passes traffic after re-bind" up_and_ping
leak_mark "$mod" sriovnic_common

cycles=20
fails=0
for ((i = 1; i <= cycles; i++)); do
	echo "$pci" >"/sys/bus/pci/drivers/$drv/unbind" || fails=$((fails + 1))
	echo "$pci" >"/sys/bus/pci/drivers/$drv/bind" || fails=$((fails + 1))
	wait_until 30 vf_dev 0 || fails=$((fails + 1))
	# Every fifth cycle the VF also carries traffic before it goes.
	if [ $((i % 5)) = 0 ]; then
		up_and_ping >/dev/null || fails=$((fails + 1))
	fi
done
check_eq "$cycles unbind/bind cycles without a failure" 0 "$fails"
check "VF 0 passes traffic after the cycles" up_and_ping
check "VF 1 was not disturbed" ping_retry nsb 10.0.0.1

leak_checks "$cycles cycles" 1024
check "VF driver unloads" unload_vf_driver
check "VF 1 is left without a driver" test -z "$(vf_driver 1)"
done_testing
