# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers of the orchestrator scenarios (tests/vm/orchestrators-k8s.sh,
# tests/vm/orchestrators-virt.sh), and the host they start from
# (orch_setup). A scenario sources this instead of tests/vm/lib.sh, which
# it sources, and calls orch_setup. Documentation/deployment.rst.
# vfio-pci (libvirt's stub driver, the operator's and sriov-cni's DPDK
# devices) needs an IOMMU (# vm: iommu): Debian's kernel has no
# VFIO_NOIOMMU. Every program start costs under TCG: the VF table is read
# by one python process for the whole scenario (tests/vf-info.py
# --serve), sysfs by the shell itself.
# shellcheck disable=SC2154 # V_* are set by vfi (declare -g)
# shellcheck source=tests/vm/lib.sh
. "$SNIC_DIR/tests/vm/lib.sh"

T=setup
VFINFO=$SNIC_DIR/tests/vf-info.py

# Every result that took 2 s or more since the one before says so in a
# comment line under it: where the guest's time goes.
_orch_last=${EPOCHREALTIME/./}
_orch_took() {
	local now=${EPOCHREALTIME/./} ms
	ms=$(((now - _orch_last) / 1000))
	_orch_last=$now
	[ "$ms" -lt 2000 ] || diag "  took $ms ms"
}
eval "_lib_ok() $(declare -f ok | tail -n +2)"
eval "_lib_not_ok() $(declare -f not_ok | tail -n +2)"
ok() { _lib_ok "$@"; _orch_took; }
not_ok() { _lib_not_ok "$@"; _orch_took; }

# --- helpers -------------------------------------------------------------------

# vfi_req REQ: the server's lines for REQ (VF number or "all").
vfi_req() {
	local l
	echo "$1" >&"$VFI_W" || return 1
	while vfi_line; do
		[ "$l" = . ] && return 0
		printf '%s\n' "$l"
	done
	return 1
}

# vfi_line: the server's next line into l (the caller's local); after
# 60 s without one, says what the server is doing, on stderr, and fails.
vfi_line() {
	local st wc
	read -r -t 60 l <&"$VFI_R" && return 0
	read -r st 2>/dev/null <"/proc/$VFI_PID/stat"
	read -r wc 2>/dev/null <"/proc/$VFI_PID/wchan"
	echo "vf-info ($VFI_PID) gave no line in 60 s: stat ${st:-gone}, wchan ${wc:-?}" >&2
	cat "/proc/$VFI_PID/stack" >&2 2>/dev/null
	return 1
}

# vfi VF: read VF's entry of the PF's VF table into V_mac, V_vlan, V_qos,
# V_proto, V_spoofchk, V_trust, V_link_state, V_max_tx, V_min_tx, V_stats,
# the counters and V_driver; fails when the PF lists no such VF.
vfi() {
	local line w l
	echo "$1" >&"$VFI_W" || return 1
	while vfi_line; do
		[ "$l" = . ] && break
		line=$l
	done
	[ -n "$line" ] || return 1
	for w in $line; do
		declare -g "V_${w%%=*}=${w#*=}"
	done
}

# table: the PF's VF table without counters, with each VF's driver, for
# a before/after comparison of a whole sequence.
# (No process substitution: the guest has no /dev/fd.)
table() {
	local l out
	out=$(vfi_req all) && [ -n "$out" ] || { echo "no VF table"; return 1; }
	while read -r l; do
		printf '%s driver=%s\n' "${l%% stats=*}" "${l##* driver=}"
	done <<<"$out"
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

# vf_mac_is VF MAC: the VF table shows MAC for VF.
vf_mac_is() { vfi "$1" && [ "$V_mac" = "$2" ]; }

# dev_mac_is NS DEV MAC: DEV in namespace NS ("": the host's) has MAC.
dev_mac_is() {
	local m
	if [ -n "$1" ]; then
		m=$(ip -n "$1" -o link show dev "$2") || return 1
		m=${m#*link/ether }
		[ "${m%% *}" = "$3" ]
	else
		read -r m <"/sys/class/net/$2/address" && [ "$m" = "$3" ]
	fi
}

# o_vf_pci VF, o_vf_dev VF, o_vf_driver VF: lib.sh's vf_pci, vf_dev and
# vf_driver of port 0, from bash globs and builtins.
o_vf_pci() {
	local l
	l=$(readlink "$pfsys/virtfn$1") || return 1
	echo "${l##*/}"
}
o_vf_dev() {
	local d=("$pfsys/virtfn$1/net/"*)
	[ -e "${d[0]}" ] && echo "${d[0]##*/}"
}
o_vf_driver() {
	local l
	l=$(readlink "$pfsys/virtfn$1/driver" 2>/dev/null) && echo "${l##*/}"
	return 0
}

# carrier NS DEV: DEV in namespace NS ("": the host's) has carrier.
carrier() {
	local c
	if [ -n "$1" ]; then
		c=$(ip -n "$1" -o link show dev "$2") && [[ $c == *LOWER_UP* ]]
	else
		read -r c 2>/dev/null <"/sys/class/net/$2/carrier" && [ "$c" = 1 ]
	fi
}

# to_ns VF NS ADDR/PREFIX: VF's netdev into namespace NS (made if need
# be), addressed and up; waits for its carrier.
to_ns() {
	local dev
	dev=$(o_vf_dev "$1") || return 1
	[ -e "/run/netns/$2" ] || ip netns add "$2" || return 1
	ip link set "$dev" netns "$2" || return 1
	ip -n "$2" -batch - <<-EOF || return 1
		link set lo up
		addr add $3 dev $dev
		link set $dev up
	EOF
	wait_until 30 carrier "$2" "$dev"
}

# reaches NS ADDR: one ping from namespace NS answered within 10 s.
reaches() {
	wait_until 10 ip netns exec "$1" ping -c 1 -W 1 "$2"
}

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
	pci=$(o_vf_pci "$1") || return 1
	echo "$2" >"/sys/bus/pci/devices/$pci/driver_override" || return 1
	echo "$pci" >/sys/bus/pci/drivers_probe || return 1
	printf '\n' >"/sys/bus/pci/devices/$pci/driver_override" || return 1
	[ "$(o_vf_driver "$1")" = "$2" ]
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

# orch_setup: the drivers, the PF up, vfio-pci, the VF table's reader,
# and the host as the tools find it.
orch_setup() {
	load_drivers
	pf=$(pf_dev 0)
	pfpci=$(pf_pci 0)
	pfsys=/sys/bus/pci/devices/$pfpci
	pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
	modprobe vfio-pci || bail "cannot load vfio-pci"
	# Fds of our own: bash closes a coprocess's in pipelines.
	coproc VFI { exec python3 "$VFINFO" --serve "$pf"; }
	exec {VFI_W}>&"${VFI[1]}" {VFI_R}<&"${VFI[0]}"
	# Three VFs: VF 0 and VF 1 bound to the pair's VF driver, VF 2 never probed
	# by a netdev driver but kept on vfio-pci for DPDK pods and guests (the
	# device plugin's vfio-pci pool). A VLAN 100 interface on the PF is the
	# pods' peer.
	echo 0 >"$pfsys/sriov_drivers_autoprobe" || bail "sriov_drivers_autoprobe"
	set_numvfs 3 || bail "cannot create 3 VFs"
	wait_until 30 o_vf_pci 2 || bail "VF 2 did not appear"
	bind_vf 0 "$(vf_driver_name)" || bail "cannot bind VF 0"
	bind_vf 1 "$(vf_driver_name)" || bail "cannot bind VF 1"
	bind_vf 2 vfio-pci || bail "cannot bind VF 2 to vfio-pci"
	echo 1 >"$pfsys/sriov_drivers_autoprobe" || bail "sriov_drivers_autoprobe"
	wait_until 30 o_vf_dev 0 || bail "VF 0 has no netdev"
	wait_until 30 o_vf_dev 1 || bail "VF 1 has no netdev"
	if ! ip -batch - <<-EOF; then
		link add link $pf name $pf.100 type vlan id 100
		addr add 10.1.0.1/24 dev $pf.100
		link set $pf.100 up
	EOF
		bail "cannot make $pf.100"
	fi
	check_eq "setup: the VF table reader reads what ip -j shows (tests/vf-info.py)" \
		"ok 3 VFs" "$(vfi_req selftest)"
	vfi 2 || bail "VF 2 is not in the PF's VF table"
	check_eq "setup: a VF never probed by a netdev driver has MAC 00:00:00:00:00:00" \
		00:00:00:00:00:00 "$V_mac"
}

# orch_end: stop the VF table's reader and print the plan.
orch_end() {
	local pid=$VFI_PID
	exec {VFI_W}>&- {VFI_R}<&-
	eval "exec ${VFI[1]}>&- ${VFI[0]}<&-"
	wait "$pid" 2>/dev/null
	done_testing
}
