# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers of the orchestrator scenarios (tests/vm/orchestrators-k8s.sh,
# tests/vm/orchestrators-virt.sh), sourced after tests/vm/lib.sh and
# load_drivers, with pf, pfpci and pfsys set. Documentation/deployment.rst.
# shellcheck disable=SC2154 # V_* are set by vfi (declare -g)

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

# vf_mac_is VF MAC: the VF table shows MAC for VF (text of ip link show:
# cheaper than vfi inside the read-back loops).
vf_mac_is() {
	[ "$(ip link show dev "$pf" | awk -v n="$1" '$1 == "vf" && $2 == n { print $4 }' |
		tr -d ,)" = "$2" ]
}
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

# orch_setup: the host as the tools find it.
orch_setup() {
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

}
