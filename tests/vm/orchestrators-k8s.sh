#!/bin/bash
# proves: sriov-cni's netdevice and DPDK pod sequences and the sriov-network-operator's policy apply and reset, replayed in their order on one boot, are each accepted and take effect as that tool checks them, and each teardown leaves the PF's VF table as it found it
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
	host_if=$(o_vf_dev 0)
	o_eff=$(<"/sys/class/net/$host_if/address")
	o_mtu=$(<"/sys/class/net/$host_if/mtu")
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
	check "$T: the pod's VF has carrier" wait_until 30 carrier pod net1
	check "$T: the pod reaches the PF's VLAN 100 interface" reaches pod 10.1.0.1
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
# The pod's netns goes with the pod (the runtime's, not the CNI's); the
# operator's pod below is another in it, which saves a namespace's cost.
ip netns del cni-tmp 2>/dev/null
check_eq "$T: VF 0's netdev is back in the host's netns with its MAC" "$o_eff" \
	"$(<"/sys/class/net/$host_if/address")"
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
	check "$T: configSriovPFDevice: sriov_totalvfs >= 2" test "$(<"$pfsys/sriov_totalvfs")" -ge 2
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
		check "$T: VFIsReady: VF $i has a netdev" wait_until 10 o_vf_dev "$i" || return 1
		local dev mac
		dev=$(o_vf_dev "$i")
		mac=$(<"/sys/class/net/$dev/address")
		fatal "SetVfAdminMac: VF $i's admin MAC $mac" ip link set "$pf" vf "$i" mac "$mac" || return 1
	done
	# VF 0: the netdevice group's MTU.
	fatal "configSriovVFDevices: VF 0 MTU 9000" ip link set "$(o_vf_dev 0)" mtu 9000 || return 1
	# VF 1: kernel.BindDpdkDriver -> BindDriverByBusAndDevice: unbind,
	# driver_override, bind, driver_override reset (a NUL byte).
	pci=$(o_vf_pci 1)
	sysfs_write "BindDpdkDriver: unbind VF 1" "$pci" \
		"/sys/bus/pci/drivers/$(o_vf_driver 1)/unbind" || return 1
	sysfs_write "BindDpdkDriver: driver_override vfio-pci" vfio-pci \
		"/sys/bus/pci/devices/$pci/driver_override" || return 1
	sysfs_write "BindDpdkDriver: bind to vfio-pci" "$pci" /sys/bus/pci/drivers/vfio-pci/bind || return 1
	if printf '\0' >"/sys/bus/pci/devices/$pci/driver_override"; then
		ok "$T: BindDpdkDriver: driver_override reset"
	else
		not_ok "$T: BindDpdkDriver: driver_override reset"
	fi
	check_eq "$T: VF 1 is on vfio-pci" vfio-pci "$(o_vf_driver 1)"
	# configSriovDevice: the PF link up if it is not.
	fatal "configSriovDevice: PF link up" ip link set "$pf" up || return 1
	check "$T: the PF has carrier at MTU 9000" wait_until 30 carrier "" "$pf"
	# The node's pods: VF 0 at MTU 9000 reaches the PF with 8000-byte
	# frames that must not be fragmented.
	to_ns 0 pod 10.0.0.20/24 || { not_ok "$T: VF 0 has carrier in a pod"; return 1; }
	ok "$T: VF 0 has carrier in a pod"
	check "$T: VF 0 reaches the PF with 8000-byte frames (MTU 9000)" \
		wait_until 20 ip netns exec pod ping -c 1 -W 2 -M "do" -s 8000 10.0.0.1
}
op_reset() {
	# ResetSriovDevice: the PF's MTU as it was, then
	# setEswitchModeAndNumVFs(legacy, 0): SetSriovNumVfs writes 0.
	fatal "ResetSriovDevice: PF MTU 1500" ip link set "$pf" mtu 1500 || return 1
	sysfs_write "ResetSriovDevice: sriov_numvfs 0" 0 "$pfsys/sriov_numvfs" || return 1
	check_eq "$T: no VF is left" "0 none" \
		"$(<"$pfsys/sriov_numvfs") $(ls -d "$pfsys"/virtfn* 2>/dev/null || echo none)"
	check "$T: the PF has carrier again at MTU 1500" wait_until 30 carrier "" "$pf"
}
op_apply
op_reset
diag "$T: $((SECONDS - t0)) s"
orch_end
