#!/bin/bash
# proves: libvirt's <interface type='hostdev'> start and stop and neutron's SR-IOV agent port sequence, replayed in their order on one boot, are each accepted and take effect as that tool checks them, and each teardown leaves the PF's VF table as it found it (libvirt re-binding a VF it took from vfio-pci to its host driver)
# requires: pf=sriovnic
# vm: iommu
#
# The steps, their order and what counts as fatal are read from each
# tool's public source; every step names the function it comes from.
# A netlink call is written as the ip command it amounts to. Each
# sequence's lines are prefixed with the tool's name and end with its
# teardown, checked before the next one starts. Documentation/deployment.rst
# has the sequences in prose and what the kernel's igb does with them;
# tests/orch-lib.sh the helpers and the host the sequences start from.
# shellcheck disable=SC2154 # V_* are set by vfi (declare -g)
# shellcheck source=tests/orch-lib.sh
. "$SNIC_DIR/tests/orch-lib.sh"
orch_setup

# --- libvirt: a guest with <interface type='hostdev'> ---------------------------
# src/hypervisor/virhostdev.c virHostdevPreparePCIDevicesImpl: step 1.5
# virHostdevSaveNetConfig -> virNetDevSaveNetConfig; step 2
# virPCIDeviceDetach; step 3 reset (nothing for vfio-pci, which resets the
# device itself); step 4 virHostdevSetNetConfig -> virNetDevSetNetConfig.
# Stop: virHostdevReAttachPCIDevices: virHostdevRestoreNetConfig, then
# virPCIDeviceReattach. The guest's MAC and <vlan><tag id=.../></vlan>.

# lv_setvf VF MAC VLAN: src/util/virnetdev.c virNetDevSetVfConfig: one
# RTM_SETLINK for the admin MAC (virNetDevSetVfMac; an all-zero MAC refused
# with EINVAL is retried as 02:00:00:00:00:00), one for the VLAN
# (virNetDevSetVfVlan, qos 0). Any other refusal fails the call.
lv_setvf() {
	if ! nl ip link set "$pf" vf "$1" mac "$2"; then
		if [ "$2" = 00:00:00:00:00:00 ] && [ "$NL_ERR" = EINVAL ]; then
			diag "$T: the all-zero admin MAC was refused (EINVAL); libvirt retries 02:00:00:00:00:00"
			fatal "virNetDevSetVfMac: admin MAC 02:00:00:00:00:00 (retry)" \
				ip link set "$pf" vf "$1" mac 02:00:00:00:00:00 || return 1
		else
			not_ok "$T: virNetDevSetVfMac: admin MAC $2" "refused with $NL_ERR"
			return 1
		fi
	else
		ok "$T: virNetDevSetVfMac: admin MAC $2"
	fi
	fatal "virNetDevSetVfVlan: vlan $3" ip link set "$pf" vf "$1" vlan "$3"
}

# lv_start VF MAC VLAN
lv_start() {
	local vf=$1 pci drv
	pci=$(o_vf_pci "$vf")
	# virNetDevSaveNetConfig: the PF must be up (else it refuses to
	# configure the VF); the VF's admin MAC and VLAN from the VF table;
	# the VF netdev's MAC when it has one.
	check "$T: virNetDevSaveNetConfig: the PF is online" test -n "$(ip link show up dev "$pf")"
	vfi "$vf" || { not_ok "$T: virNetDevGetVfConfig finds VF $vf"; return 1; }
	ok "$T: virNetDevGetVfConfig: VF $vf has admin MAC $V_mac, vlan $V_vlan"
	lv_admin=$V_mac lv_vlan=$V_vlan lv_mac=
	lv_if=$(o_vf_dev "$vf") && lv_mac=$(<"/sys/class/net/$lv_if/address")
	# virPCIDeviceDetach -> virPCIDeviceBindToStub (src/util/virpci.c):
	# vfio-pci loaded, and unless already bound to it driver_override,
	# unbind, drivers_probe (virPCIDeviceBindWithDriverOverride).
	drv=$(o_vf_driver "$vf")
	if [ "$drv" != vfio-pci ]; then
		sysfs_write "virPCIDeviceBindWithDriverOverride: driver_override vfio-pci" \
			vfio-pci "/sys/bus/pci/devices/$pci/driver_override" || return 1
		sysfs_write "virPCIDeviceRebind: unbind from $drv" "$pci" \
			"/sys/bus/pci/drivers/$drv/unbind" || return 1
		sysfs_write "virPCIDeviceRebind: drivers_probe" "$pci" /sys/bus/pci/drivers_probe || return 1
	fi
	check_eq "$T: VF $vf is on vfio-pci" vfio-pci "$(o_vf_driver "$vf")"
	# virNetDevSetNetConfig: the guest's MAC as admin MAC, its VLAN.
	lv_setvf "$vf" "$2" "$3" || return 1
	vfi "$vf"
	check_eq "$T: the VF table shows the guest's MAC and vlan $3" "$2 $3" "$V_mac $V_vlan"
	# virsh domifstat: virNetDevVFInterfaceStats reads IFLA_VF_STATS;
	# without it that call fails (the guest runs on).
	check_eq "$T: per-VF counters for virsh domifstat (virNetDevVFInterfaceStats)" yes "$V_stats"
}

# lv_stop VF
lv_stop() {
	local vf=$1 pci restore
	pci=$(o_vf_pci "$vf")
	# virHostdevRestoreNetConfig: the saved VF netdev MAC, if there was
	# one, becomes the admin MAC (the driver re-binding takes it), else
	# the saved admin MAC; the saved VLAN. Errors are ignored
	# (ignore_value): the results are checked below instead.
	restore=${lv_mac:-$lv_admin}
	lv_setvf "$vf" "$restore" "$lv_vlan"
	vfi "$vf"
	check_eq "$T: the VF table shows admin MAC $restore and vlan $lv_vlan again" \
		"$restore $lv_vlan" "$V_mac $V_vlan"
	# virPCIDeviceReattach -> virPCIDeviceUnbindFromStub: driver_override
	# cleared ("\n"), unbind from vfio-pci, drivers_probe.
	sysfs_write "virPCIDeviceUnbindFromStub: clear driver_override" $'\n' \
		"/sys/bus/pci/devices/$pci/driver_override" || return 1
	sysfs_write "virPCIDeviceRebind: unbind from vfio-pci" "$pci" \
		/sys/bus/pci/drivers/vfio-pci/unbind || return 1
	sysfs_write "virPCIDeviceRebind: drivers_probe" "$pci" /sys/bus/pci/drivers_probe || return 1
	check "$T: VF $vf is back on $(vf_driver_name) with a netdev" wait_until 30 o_vf_dev "$vf"
}

begin libvirt "guest with VF 1 (bound to the VF driver before)"
lv_start 1 52:54:00:5a:11:01 200
lv_stop 1
if [ -n "$(o_vf_dev 1)" ]; then
	wait_until 10 dev_mac_is "" "$(o_vf_dev 1)" "$lv_mac"
	check_eq "$T: VF 1's netdev has its MAC from before the guest" "$lv_mac" \
		"$(<"/sys/class/net/$(o_vf_dev 1)/address")"
fi
end_clean

# --- neutron's SR-IOV agent --------------------------------------------------
# A port on VF 2 of a guest that nova started through libvirt (the steps
# above, VF 2 having no netdev driver: libvirt saves its admin MAC and
# VLAN only). neutron/plugins/ml2/drivers/mech_sriov/agent/.
begin neutron "port on VF 2, assigned to a guest through libvirt"
port_mac=fa:16:3e:5a:22:02
nt_port() {
	local pci
	T=neutron/libvirt lv_start 2 $port_mac 300 || return 1
	# eswitch_manager.py ESwitchManager.discover_devices ->
	# _create_emb_switch: PciOsWrapper.get_numvfs (sriov_numvfs) and
	# scan_vf_devices (the virtfnN links).
	check_eq "$T: PciOsWrapper.get_numvfs reads sriov_numvfs" 3 "$(<"$pfsys/sriov_numvfs")"
	pci=$(o_vf_pci 2)
	check "$T: PciOsWrapper.scan_vf_devices finds virtfn2" test -n "$pci"
	# EmbSwitch.get_assigned_devices_info: a VF with no netdev is
	# assigned (is_assigned_vf_direct); its MAC from the PF's VF table
	# (pci_lib.py get_assigned_macs -> privileged get_link_vfs, which
	# also reads IFLA_VF_LINK_STATE and IFLA_VF_RATE of every VF).
	check "$T: is_assigned_vf_direct: virtfn2 has no netdev" test ! -d "$pfsys/virtfn2/net"
	vfi 2
	check_eq "$T: get_assigned_macs: VF 2 carries the port's MAC (device_exists)" $port_mac "$V_mac"
	check "$T: get_link_vfs: every VF reports a link state" \
		test -z "$(vfi_req all | grep link_state=none)"
	# sriov_nic_agent.py treat_device: set_device_spoofcheck (port
	# security on; a failure is only logged), then set_device_state
	# (admin up, no propagate_uplink_status: enable; EOPNOTSUPP is
	# logged as "does not support state change", other errors resync).
	tolerated "treat_device: set_vf_spoofcheck on" "any" ip link set "$pf" vf 2 spoofchk on
	if tolerated "treat_device: set_vf_state enable" EOPNOTSUPP ip link set "$pf" vf 2 state enable; then
		vfi 2
		check_eq "$T: get_device_state reads enable" enable "$V_link_state"
	fi
	# qos_driver.py bandwidth limit 100000 kbps -> set_device_max_rate ->
	# EmbSwitch.set_device_rate: 100 Mb/s; the rate not given is taken
	# from the VF table when it is not 0 (here it is 0). pci_lib.py
	# set_vf_rate logs EINVAL as "does not support min_tx_rate" and goes on.
	tolerated "qos: set_vf_rate max_tx_rate 100" EINVAL \
		ip link set "$pf" vf 2 max_tx_rate 100 min_tx_rate 0
	# Minimum bandwidth 10000 kbps: min 10 with the current max 100. The
	# 82576 has no minimum rate: the answer must be EINVAL, the one
	# errno neutron tolerates here (EOPNOTSUPP would fail the port).
	nl ip link set "$pf" vf 2 min_tx_rate 10 max_tx_rate 100
	check_eq "$T: qos: min_tx_rate 10 is refused with EINVAL (logged and tolerated by set_vf_rate)" \
		EINVAL "${NL_ERR:-accepted}"
	vfi 2
	check_eq "$T: after the refused minimum, max_tx_rate 100 stays and min is 0" "100 0" \
		"$V_max_tx $V_min_tx"
	# The port set admin down, then up with propagate_uplink_status:
	# set_vf_state disable (2), then auto (0).
	if tolerated "port admin down: set_vf_state disable" EOPNOTSUPP \
		ip link set "$pf" vf 2 state disable; then
		vfi 2
		check_eq "$T: get_device_state reads disable" disable "$V_link_state"
	fi
	if tolerated "port up, propagate_uplink_status: set_vf_state auto" EOPNOTSUPP \
		ip link set "$pf" vf 2 state auto; then
		vfi 2
		check_eq "$T: get_device_state reads auto" auto "$V_link_state"
	fi
}
nt_remove() {
	# The guest stops: libvirt restores VF 2 (admin MAC as saved, vlan as
	# saved) and re-binds it to its host driver.
	T=neutron/libvirt lv_stop 2
	# treat_devices_removed -> ext_manager.delete_port -> qos
	# delete_bandwidth_limit -> ESwitchManager.clear_max_rate and
	# clear_min_tx_rate -> _clear_rate: only once the VF is no longer
	# assigned (it has a netdev again), set_device_rate with 0.
	check "$T: _clear_rate: VF 2 is no longer assigned (it has a netdev)" test -d "$pfsys/virtfn2/net"
	tolerated "clear_max_rate: set_vf_rate max_tx_rate 0" EINVAL \
		ip link set "$pf" vf 2 max_tx_rate 0 min_tx_rate 0
	tolerated "clear_min_tx_rate: set_vf_rate min_tx_rate 0" EINVAL \
		ip link set "$pf" vf 2 min_tx_rate 0 max_tx_rate 0
	vfi 2
	check_eq "$T: VF 2 is left with vlan 0, no rate, spoofchk on, auto" "0 0 0 on auto" \
		"$V_vlan $V_max_tx $V_min_tx $V_spoofchk $V_link_state"
	local dev
	dev=$(o_vf_dev 2)
	check "$T: VF 2's netdev does not keep the guest's MAC" \
		test "$(<"/sys/class/net/$dev/address")" != "$port_mac"
}
nt_port
nt_remove
# Not the state it found (libvirt re-bound VF 2 to its host driver, as
# <hostdev managed='yes'> does): VF 0 and VF 1 must be untouched.
check_eq "$T: VF 0 and VF 1 untouched" "$(grep -E '^vf=?[01][ d]' <<<"$before")" \
	"$(table | grep -E '^vf=?[01][ d]')"
diag "$T: $((SECONDS - t0)) s"
orch_end
