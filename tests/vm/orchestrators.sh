#!/bin/bash
# proves: the PF and VF steps of sriov-cni (netdevice and DPDK pods), libvirt's <interface type='hostdev'>, neutron's SR-IOV agent and the sriov-network-operator, replayed in their order on one boot, are each accepted and take effect as that tool checks them, and each sequence's teardown leaves the PF's VF table as it found it
# requires: pf=sriovnic
# vm: iommu
#
# The steps, their order and what counts as fatal are read from each
# tool's public source; every step names the function it comes from.
# A netlink call is written as the ip command it amounts to. Each
# sequence's lines are prefixed with the tool's name and end with its
# teardown, checked before the next one starts. Documentation/deployment.rst
# has the sequences in prose and what the kernel's igb does with them.
# vfio-pci (libvirt's stub driver, the operator's and sriov-cni's DPDK
# devices) needs an IOMMU: Debian's kernel has no VFIO_NOIOMMU.
# shellcheck disable=SC2154 # V_* are set by vfi (declare -g)
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pfpci=$(pf_pci 0)
pfsys=/sys/bus/pci/devices/$pfpci
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
modprobe vfio-pci || bail "cannot load vfio-pci"

T=setup
VFINFO=$SNIC_DIR/tests/vf-info.py

# --- helpers -------------------------------------------------------------------

# vfi VF: read VF's entry of the PF's VF table into V_mac, V_vlan, V_qos,
# V_proto, V_spoofchk, V_trust, V_link_state, V_max_tx, V_min_tx, V_stats...
vfi() {
	local line w
	line=$(python3 "$VFINFO" "$pf" "$1") || return 1
	for w in $line; do
		declare -g "V_${w%%=*}=${w#*=}"
	done
}

# table: the PF's VF table without counters, plus each VF's driver, for a
# before/after comparison of a whole sequence.
table() {
	local i
	python3 "$VFINFO" "$pf" all | sed 's/ stats=.*//'
	for ((i = 0; i < $(numvfs); i++)); do
		echo "vf$i driver=$(vf_driver "$i")"
	done
}

# nl CMD...: run an ip command; NL_ERR is empty when the kernel accepted
# it, else the error the orchestrator's netlink library sees.
nl() {
	local out
	if out=$("$@" 2>&1); then
		NL_ERR=
		return 0
	fi
	case $out in
	*"Operation not supported"*) NL_ERR=EOPNOTSUPP ;;
	*"Invalid argument"*) NL_ERR=EINVAL ;;
	*"Operation not permitted"*) NL_ERR=EPERM ;;
	*"Protocol not supported"*) NL_ERR=EPROTONOSUPPORT ;;
	*"Cannot assign requested address"*) NL_ERR=EADDRNOTAVAIL ;;
	*) NL_ERR="other ($out)" ;;
	esac
	return 1
}

# fatal DESC CMD...: a step whose refusal the tool treats as fatal (the
# pod, guest or policy fails); returns the step's status.
fatal() {
	local desc=$1
	shift
	if nl "$@"; then
		ok "$T: $desc"
	else
		not_ok "$T: $desc" "refused with $NL_ERR, fatal for $T" "command: $*"
		return 1
	fi
}

# tolerated DESC ERRNO CMD...: a step the tool survives when refused with
# ERRNO ("any": whatever the error; it logs and goes on). Our PF must still serve it; another PF's
# refusal with ERRNO is shown as a skip, never as a pass. Any other
# refusal is fatal. Returns 0 only when the call was accepted.
tolerated() {
	local desc=$1 errno=$2
	shift 2
	if nl "$@"; then
		ok "$T: $desc"
		return 0
	fi
	if { [ "$errno" = any ] || [ "$NL_ERR" = "$errno" ]; } && [ "$PF_DRV" != sriovnic ]; then
		skip "$T: $desc" "refused by $PF_DRV with $NL_ERR, which $T logs and tolerates"
	else
		not_ok "$T: $desc" "refused with $NL_ERR" "command: $*"
	fi
	return 1
}

# verified DESC TRIES CMD VERIFY...: a fatal step the tool re-reads after
# setting (sriov-cni's utils.SetVFHardwareMAC / SetVFEffectiveMAC: up to 20
# attempts 100 ms apart, each one setting again and reading back).
verified() {
	local desc=$1 tries=$2 cmd=$3 i
	shift 3
	for ((i = 0; i < tries; i++)); do
		# shellcheck disable=SC2086 # cmd is a word list
		nl $cmd && "$@" && { ok "$T: $desc"; return 0; }
		sleep 0.1
	done
	not_ok "$T: $desc" "not in force after $tries attempts (last answer: ${NL_ERR:-accepted})" \
		"command: $cmd"
	return 1
}

vf_mac_is() { vfi "$1" && [ "$V_mac" = "$2" ]; }
dev_mac_is() { [ "$(in_ns "$1" cat "/sys/class/net/$2/address")" = "$3" ]; }

# sysfs_write DESC VALUE FILE: a sysfs write; its failure is fatal for
# every tool here.
sysfs_write() {
	if printf '%s' "$2" >"$3" 2>/dev/null; then
		ok "$T: $1"
	else
		not_ok "$T: $1" "write of '$2' to $3 failed"
		return 1
	fi
}

# bind_vf VF DRIVER: bind a VF that has no driver through driver_override
# and drivers_probe, then clear the override (what the operator's
# kernel.BindDriverByBusAndDevice and libvirt's virPCIDeviceRebind do).
bind_vf() {
	local pci
	pci=$(vf_pci "$1") || return 1
	echo "$2" >"/sys/bus/pci/devices/$pci/driver_override" || return 1
	echo "$pci" >/sys/bus/pci/drivers_probe || return 1
	printf '\n' >"/sys/bus/pci/devices/$pci/driver_override" || return 1
	[ "$(vf_driver "$1")" = "$2" ]
}

begin() {
	T=$1
	t0=$SECONDS
	before=$(table)
	diag "--- $T: $2"
}

# end_clean: the sequence's teardown left the PF's VF table as it found it.
end_clean() {
	check_eq "$T: after teardown the PF's VF table and VF drivers are as before" \
		"$before" "$(table)"
	diag "$T: $((SECONDS - t0)) s"
}

# --- the host as the tools find it ---------------------------------------------
# Three VFs: VF 0 and VF 1 bound to the pair's VF driver, VF 2 never probed
# by a netdev driver but kept on vfio-pci for DPDK pods and guests (the
# device plugin's vfio-pci pool). A VLAN 100 interface on the PF is the
# pods' peer.
echo 0 >"$pfsys/sriov_drivers_autoprobe" || bail "sriov_drivers_autoprobe"
set_numvfs 3 || bail "cannot create 3 VFs"
wait_until 30 vf_pci 2 || bail "VF 2 did not appear"
bind_vf 0 "$(vf_driver_name)" || bail "cannot bind VF 0"
bind_vf 1 "$(vf_driver_name)" || bail "cannot bind VF 1"
bind_vf 2 vfio-pci || bail "cannot bind VF 2 to vfio-pci"
echo 1 >"$pfsys/sriov_drivers_autoprobe" || bail "sriov_drivers_autoprobe"
wait_until 30 vf_dev 0 || bail "VF 0 has no netdev"
wait_until 30 vf_dev 1 || bail "VF 1 has no netdev"
if ! { ip link add link "$pf" name "$pf.100" type vlan id 100 &&
	ip addr add 10.1.0.1/24 dev "$pf.100" && ip link set "$pf.100" up; }; then
	bail "cannot make $pf.100"
fi
vfi 2 || bail "VF 2 is not in the PF's VF table"
check_eq "setup: a VF never probed by a netdev driver has MAC 00:00:00:00:00:00" \
	00:00:00:00:00:00 "$V_mac"

# --- sriov-cni: a netdevice pod ----------------------------------------------------
# pkg/cnicommands/cni.go CmdAdd: FillOriginalVfInfo, ApplyVFConfig,
# SetupVF, IPAM; CmdDel: ResetVFConfig (first, so that the VF may take its
# old MAC back), then ReleaseVF. Netconf: vlan 100, vlanQoS 3, vlanProto
# 802.1Q, mac, max_tx_rate 100, spoofchk off, trust on, link_state enable.
cni_add() {
	local mac=02:5a:c0:00:00:01
	# pkg/sriov/sriov.go FillOriginalVfInfo: the VF's entry of the PF's
	# VF table (RTM_GETLINK) and the VF netdev's MTU; fatal if missing.
	vfi 0 || { not_ok "$T: FillOriginalVfInfo finds VF 0"; return 1; }
	ok "$T: FillOriginalVfInfo finds VF 0 in the PF's VF table"
	o_mac=$V_mac o_vlan=$V_vlan o_qos=$V_qos o_spoofchk=$V_spoofchk
	o_trust=$V_trust o_max=$V_max_tx o_min=$V_min_tx o_state=$V_link_state
	host_if=$(vf_dev 0)
	o_eff=$(cat "/sys/class/net/$host_if/address")
	o_mtu=$(cat "/sys/class/net/$host_if/mtu")
	# ApplyVFConfig (pkg/sriov/sriov.go), every refusal fatal.
	fatal "ApplyVFConfig: vlan 100 qos 3 proto 802.1Q" \
		ip link set "$pf" vf 0 vlan 100 qos 3 proto 802.1Q || return 1
	verified "ApplyVFConfig: admin MAC, read back from the VF table (utils.SetVFHardwareMAC)" 20 \
		"ip link set $pf vf 0 mac $mac" vf_mac_is 0 $mac || return 1
	fatal "ApplyVFConfig: min_tx_rate 0 max_tx_rate 100" \
		ip link set "$pf" vf 0 min_tx_rate 0 max_tx_rate 100 || return 1
	fatal "ApplyVFConfig: spoofchk off" ip link set "$pf" vf 0 spoofchk off || return 1
	fatal "ApplyVFConfig: trust on" ip link set "$pf" vf 0 trust on || return 1
	fatal "ApplyVFConfig: state enable" ip link set "$pf" vf 0 state enable || return 1
	vfi 0
	check_eq "$T: the VF table shows vlan 100 qos 3, spoofchk off, trust on, enable, 100 Mb/s" \
		"100 3 off on enable 100" \
		"$V_vlan $V_qos $V_spoofchk $V_trust $V_link_state $V_max_tx"
	# SetupVF: through a temporary netns (the name is free there),
	# renamed, into the pod's netns; there the VF netdev's own MAC
	# (utils.SetVFEffectiveMAC, read back) and up. The ARP/ND notify and
	# optimistic DAD sysctls are best effort and not the driver's.
	ip netns add cni-tmp && ip netns add pod || return 1
	fatal "SetupVF: move $host_if to a temporary netns" \
		ip link set "$host_if" netns cni-tmp || return 1
	fatal "SetupVF: rename it net1" ip -n cni-tmp link set "$host_if" name net1 || return 1
	fatal "SetupVF: move net1 into the pod's netns" \
		ip -n cni-tmp link set net1 netns pod || return 1
	verified "SetupVF: the VF netdev's own MAC in the pod, read back (utils.SetVFEffectiveMAC)" 20 \
		"ip -n pod link set net1 address $mac" dev_mac_is pod net1 $mac || return 1
	fatal "SetupVF: net1 up" ip -n pod link set net1 up || return 1
	# IPAM (host-local) and the pod's traffic on its port VLAN.
	ip -n pod addr add 10.1.0.10/24 dev net1 || return 1
	check "$T: the pod's VF has carrier" wait_until 30 carrier_on net1 pod
	check "$T: the pod reaches the PF's VLAN 100 interface" ping_retry pod 10.1.0.1
	check_eq "$T: the PF learnt the pod under the netconf MAC" $mac \
		"$(ip neigh show 10.1.0.10 dev "$pf.100" | awk '{ print $3 }')"
	# A netconf asking for min_tx_rate fails ApplyVFConfig and the pod:
	# the 82576 has no minimum rate. The refusal must leave the rate.
	check_fails "$T: min_tx_rate 10 is refused (a netconf with it fails the pod)" \
		ip link set "$pf" vf 0 min_tx_rate 10 max_tx_rate 100
	vfi 0
	check_eq "$T: the refused min_tx_rate leaves max_tx_rate 100, min 0" "100 0" "$V_max_tx $V_min_tx"
}

cni_reset() {
	# ResetVFConfig: each original value back, every refusal fatal; the
	# admin MAC through utils.SetVFHardwareMAC (read back).
	fatal "ResetVFConfig: vlan $o_vlan qos $o_qos proto 802.1Q" \
		ip link set "$pf" vf 0 vlan "$o_vlan" qos "$o_qos" proto 802.1Q || return 1
	fatal "ResetVFConfig: spoofchk $o_spoofchk" ip link set "$pf" vf 0 spoofchk "$o_spoofchk" || return 1
	verified "ResetVFConfig: the original admin MAC $o_mac, read back" 20 \
		"ip link set $pf vf 0 mac $o_mac" vf_mac_is 0 "$o_mac" || return 1
	fatal "ResetVFConfig: trust $o_trust" ip link set "$pf" vf 0 trust "$o_trust" || return 1
	fatal "ResetVFConfig: min_tx_rate $o_min max_tx_rate $o_max" \
		ip link set "$pf" vf 0 min_tx_rate "$o_min" max_tx_rate "$o_max" || return 1
	fatal "ResetVFConfig: state $o_state" ip link set "$pf" vf 0 state "$o_state" || return 1
}

cni_release() {
	# ReleaseVF: down, the host name back, the original MAC (read back),
	# the original MTU, back to the host's netns.
	fatal "ReleaseVF: net1 down" ip -n pod link set net1 down || return 1
	fatal "ReleaseVF: rename to $host_if" ip -n pod link set net1 name "$host_if" || return 1
	verified "ReleaseVF: the original MAC $o_eff on the VF netdev, read back" 20 \
		"ip -n pod link set $host_if address $o_eff" dev_mac_is pod "$host_if" "$o_eff" || return 1
	fatal "ReleaseVF: MTU $o_mtu" ip -n pod link set "$host_if" mtu "$o_mtu" || return 1
	fatal "ReleaseVF: back to the host's netns" ip -n pod link set "$host_if" netns $$ || return 1
}

begin sriov-cni "netdevice pod on VF 0"
if cni_add; then
	# CmdDel: ResetVFConfig, then ReleaseVF, each stopping at its first
	# error (which fails CmdDel; kubelet retries it).
	cni_reset && cni_release
else
	# CmdAdd's deferred rollback: ReleaseVF if the pod has net1, then
	# ResetVFConfig, their errors ignored.
	ip -n pod link show net1 >/dev/null 2>&1 && cni_release
	cni_reset
fi
ip netns del pod 2>/dev/null
ip netns del cni-tmp 2>/dev/null
check_eq "$T: VF 0's netdev is back in the host's netns with its MAC" "$o_eff" \
	"$(cat "/sys/class/net/$host_if/address" 2>/dev/null)"
end_clean

# --- sriov-cni: a DPDK pod -----------------------------------------------------
# CmdAdd with a vfio-pci device (netConf.DPDKMode): FillOriginalVfInfo and
# ApplyVFConfig only; CmdDel: ResetVFConfig only. VF 2 is on vfio-pci and
# has never had a MAC: its original admin MAC is 00:00:00:00:00:00, which
# ResetVFConfig sets back and reads back from the VF table.
begin sriov-cni-dpdk "DPDK pod on VF 2 (vfio-pci)"
dpdk_pod() {
	local mac=02:5a:c0:00:00:02
	vfi 2 || { not_ok "$T: FillOriginalVfInfo finds VF 2"; return 1; }
	o_mac=$V_mac
	verified "ApplyVFConfig: admin MAC, read back" 20 \
		"ip link set $pf vf 2 mac $mac" vf_mac_is 2 $mac || return 1
	fatal "ApplyVFConfig: spoofchk off" ip link set "$pf" vf 2 spoofchk off || return 1
	fatal "ResetVFConfig: spoofchk on" ip link set "$pf" vf 2 spoofchk on || return 1
	verified "ResetVFConfig: the original admin MAC $o_mac, read back" 20 \
		"ip link set $pf vf 2 mac $o_mac" vf_mac_is 2 "$o_mac" || return 1
}
dpdk_pod
end_clean

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
	pci=$(vf_pci "$vf")
	# virNetDevSaveNetConfig: the PF must be up (else it refuses to
	# configure the VF); the VF's admin MAC and VLAN from the VF table;
	# the VF netdev's MAC when it has one.
	check "$T: virNetDevSaveNetConfig: the PF is online" test -n "$(ip link show up dev "$pf")"
	vfi "$vf" || { not_ok "$T: virNetDevGetVfConfig finds VF $vf"; return 1; }
	ok "$T: virNetDevGetVfConfig: VF $vf has admin MAC $V_mac, vlan $V_vlan"
	lv_admin=$V_mac lv_vlan=$V_vlan lv_mac=
	lv_if=$(vf_dev "$vf") && lv_mac=$(cat "/sys/class/net/$lv_if/address")
	# virPCIDeviceDetach -> virPCIDeviceBindToStub (src/util/virpci.c):
	# vfio-pci loaded, and unless already bound to it driver_override,
	# unbind, drivers_probe (virPCIDeviceBindWithDriverOverride).
	drv=$(vf_driver "$vf")
	if [ "$drv" != vfio-pci ]; then
		sysfs_write "virPCIDeviceBindWithDriverOverride: driver_override vfio-pci" \
			vfio-pci "/sys/bus/pci/devices/$pci/driver_override" || return 1
		sysfs_write "virPCIDeviceRebind: unbind from $drv" "$pci" \
			"/sys/bus/pci/drivers/$drv/unbind" || return 1
		sysfs_write "virPCIDeviceRebind: drivers_probe" "$pci" /sys/bus/pci/drivers_probe || return 1
	fi
	check_eq "$T: VF $vf is on vfio-pci" vfio-pci "$(vf_driver "$vf")"
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
	pci=$(vf_pci "$vf")
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
	check "$T: VF $vf is back on $(vf_driver_name) with a netdev" wait_until 30 vf_dev "$vf"
}

begin libvirt "guest with VF 1 (bound to the VF driver before)"
lv_start 1 52:54:00:5a:11:01 200
lv_stop 1
if [ -n "$(vf_dev 1)" ]; then
	wait_until 10 dev_mac_is "" "$(vf_dev 1)" "$lv_mac"
	check_eq "$T: VF 1's netdev has its MAC from before the guest" "$lv_mac" \
		"$(cat "/sys/class/net/$(vf_dev 1)/address")"
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
	check_eq "$T: PciOsWrapper.get_numvfs reads sriov_numvfs" 3 "$(cat "$pfsys/sriov_numvfs")"
	pci=$(vf_pci 2)
	check "$T: PciOsWrapper.scan_vf_devices finds virtfn2" test -n "$pci"
	# EmbSwitch.get_assigned_devices_info: a VF with no netdev is
	# assigned (is_assigned_vf_direct); its MAC from the PF's VF table
	# (pci_lib.py get_assigned_macs -> privileged get_link_vfs, which
	# also reads IFLA_VF_LINK_STATE and IFLA_VF_RATE of every VF).
	check "$T: is_assigned_vf_direct: virtfn2 has no netdev" test ! -d "$pfsys/virtfn2/net"
	vfi 2
	check_eq "$T: get_assigned_macs: VF 2 carries the port's MAC (device_exists)" $port_mac "$V_mac"
	check "$T: get_link_vfs: every VF reports a link state" \
		test -z "$(python3 "$VFINFO" "$pf" all | grep link_state=none)"
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
	dev=$(vf_dev 2)
	check "$T: VF 2's netdev does not keep the guest's MAC" \
		test "$(cat "/sys/class/net/$dev/address" 2>/dev/null)" != "$port_mac"
}
nt_port
nt_remove
# Not the state it found (libvirt re-bound VF 2 to its host driver, as
# <hostdev managed='yes'> does): VF 0 and VF 1 must be untouched.
check_eq "$T: VF 0 and VF 1 untouched" "$(grep -E '^vf=?[01][ d]' <<<"$before")" \
	"$(table | grep -E '^vf=?[01][ d]')"
diag "$T: $((SECONDS - t0)) s"

# --- sriov-network-operator ----------------------------------------------------
# A SriovNetworkNodePolicy: 2 VFs, PF MTU 9000, VF 0 a netdevice with MTU
# 9000, VF 1 a vfio-pci device. pkg/host/internal/sriov/sriov.go
# configSriovDevice: configSriovPFDevice, configSriovVFDevices, PF link up.
# The policy removed: ResetSriovDevice. Every error fails the policy.
begin sriov-network-operator "policy: 2 VFs, MTU 9000, VF 1 on vfio-pci"
op_apply() {
	local i pci
	# configSriovPFDevice: NumVfs within sriov_totalvfs
	# (dputils GetSriovVFcapacity).
	check "$T: configSriovPFDevice: sriov_totalvfs >= 2" test "$(cat "$pfsys/sriov_totalvfs")" -ge 2
	# createVFs: sriov_numvfs differs -> setEswitchModeAndNumVFs; neither
	# ice nor mlx5_core, so the mlx5 path: GetNicSriovMode through devlink
	# (no devlink device: assumed legacy), SetSriovNumVfs writes 0 then
	# the count, waitForVFLinks waits for every virtfnN with its physfn.
	if devlink dev eswitch show "pci/$pfpci" >/dev/null 2>&1; then
		check_fails "$T: GetNicSriovMode: not switchdev" sh -c \
			"devlink dev eswitch show pci/$pfpci | grep -q switchdev"
	else
		ok "$T: GetNicSriovMode: no devlink eswitch, assumed legacy"
	fi
	sysfs_write "SetSriovNumVfs: sriov_numvfs 0" 0 "$pfsys/sriov_numvfs" || return 1
	sysfs_write "SetSriovNumVfs: sriov_numvfs 2" 2 "$pfsys/sriov_numvfs" || return 1
	check "$T: waitForVFLinks: virtfn0 and virtfn1 with physfn" \
		wait_until 120 test -e "$pfsys/virtfn1/physfn" -a -e "$pfsys/virtfn0/physfn"
	# The PF's MTU when the policy's is larger (network SetNetdevMTU).
	fatal "configSriovPFDevice: PF MTU 9000" ip link set "$pf" mtu 9000 || return 1
	# configSriovVFDevices, per VF: bound to its default driver,
	# VFIsReady (its netdev within 10 s), SetVfAdminMac: the VF's own
	# MAC made its admin MAC (so that it survives a re-bind).
	for i in 0 1; do
		check "$T: VFIsReady: VF $i has a netdev" wait_until 10 vf_dev "$i" || return 1
		local dev mac
		dev=$(vf_dev "$i")
		mac=$(cat "/sys/class/net/$dev/address")
		fatal "SetVfAdminMac: VF $i's admin MAC $mac" ip link set "$pf" vf "$i" mac "$mac" || return 1
	done
	# VF 0: the netdevice group's MTU.
	fatal "configSriovVFDevices: VF 0 MTU 9000" ip link set "$(vf_dev 0)" mtu 9000 || return 1
	# VF 1: kernel.BindDpdkDriver -> BindDriverByBusAndDevice: unbind,
	# driver_override, bind, driver_override reset (a NUL byte).
	pci=$(vf_pci 1)
	sysfs_write "BindDpdkDriver: unbind VF 1" "$pci" \
		"/sys/bus/pci/drivers/$(vf_driver 1)/unbind" || return 1
	sysfs_write "BindDpdkDriver: driver_override vfio-pci" vfio-pci \
		"/sys/bus/pci/devices/$pci/driver_override" || return 1
	sysfs_write "BindDpdkDriver: bind to vfio-pci" "$pci" /sys/bus/pci/drivers/vfio-pci/bind || return 1
	if printf '\0' >"/sys/bus/pci/devices/$pci/driver_override"; then
		ok "$T: BindDpdkDriver: driver_override reset"
	else
		not_ok "$T: BindDpdkDriver: driver_override reset"
	fi
	check_eq "$T: VF 1 is on vfio-pci" vfio-pci "$(vf_driver 1)"
	# configSriovDevice: the PF link up if it is not.
	fatal "configSriovDevice: PF link up" ip link set "$pf" up || return 1
	check "$T: the PF has carrier at MTU 9000" wait_until 30 carrier_on "$pf"
	# The node's pods: VF 0 at MTU 9000 reaches the PF with 8000-byte
	# frames that must not be fragmented.
	vf_to_ns 0 opns 10.0.0.20/24 >/dev/null || { not_ok "$T: VF 0 has carrier in a pod"; return 1; }
	ok "$T: VF 0 has carrier in a pod"
	check "$T: VF 0 reaches the PF with 8000-byte frames (MTU 9000)" \
		wait_until 20 ip netns exec opns ping -c 1 -W 2 -M "do" -s 8000 10.0.0.1
	ip netns del opns
}
op_reset() {
	# ResetSriovDevice: the PF's MTU as it was, then
	# setEswitchModeAndNumVFs(legacy, 0): SetSriovNumVfs writes 0.
	fatal "ResetSriovDevice: PF MTU 1500" ip link set "$pf" mtu 1500 || return 1
	sysfs_write "ResetSriovDevice: sriov_numvfs 0" 0 "$pfsys/sriov_numvfs" || return 1
	check_eq "$T: no VF is left" "0 none" \
		"$(cat "$pfsys/sriov_numvfs") $(ls -d "$pfsys"/virtfn* 2>/dev/null || echo none)"
	check "$T: the PF has carrier again at MTU 1500" wait_until 30 carrier_on "$pf"
}
op_apply
op_reset
diag "$T: $((SECONDS - t0)) s"
done_testing
