#!/bin/bash
# proves: the main job end to end, shown as an administrator sees it: the PF and 3 VFs, each ip link setting (mac, trust, vlan+qos, spoofchk, max_tx_rate, state) with its effect, VFs as NICs in network namespaces (ping RTT, TCP throughput), per-VF counters
# timeout: 600
#
# make demo runs this (scripts/vm-tests --demo), by default with our PF and
# VF drivers. Its "# " lines are the show; scripts/vm-tests prints them as
# plain text and the checks as [ok]/[FAILED]/[not supported] lines. What a
# PF driver other than ours does not implement (igb: VF link state,
# per-VF counters) is shown as not supported, never counted as passed.
. "$SNIC_DIR/tests/vm/lib.sh"

t_start=$SECONDS

# diag TEXT: lib.sh's, without a sed per call (every process counts
# under TCG).
diag() {
	local l
	while IFS= read -r l; do
		printf '# %s\n' "$l"
	done <<<"$*"
}

# pick REGEX TEXT: TEXT's lines that match REGEX, indented.
pick() {
	local l
	while IFS= read -r l; do
		[[ $l =~ $1 ]] && printf '    %s\n' "$l"
	done <<<"$2"
	return 0
}
summary=()
ours=no
[ "$PF_DRV" = sriovnic ] && ours=yes

# say TEXT...: a line of the show.
say() {
	diag "$*"
}

# section TITLE: a header, with the time since the demo began.
section() {
	diag ""
	diag "=== $* ===   [$((SECONDS - t_start)) s]"
}

# reach NS ADDR: a ping from NS answered within 10 s (neighbours settle).
reach() {
	wait_until 10 ip netns exec "$1" ping -c 1 -W 1 "$2"
}

# show CMDLINE: print a command line as typed and its output, indented;
# returns the command's status.
show() {
	local out rc
	diag "\$ $1"
	out=$(eval "$1" 2>&1)
	rc=$?
	[ -n "$out" ] && diag "    ${out//$'\n'/$'\n'    }"
	return $rc
}

# step DESC CMDLINE: show CMDLINE, check that it succeeds.
step() {
	if show "$2"; then
		ok "$1"
	else
		not_ok "$1" "exit status $?"
	fi
}

# step_pf DESC WHY CMDLINE: step for a PF knob that only our PF driver is
# required to have: with another PF driver a refusal is WHY, not a
# failure. Returns 0 when the command succeeded.
step_pf() {
	if show "$3"; then
		ok "$1"
		return 0
	fi
	if [ $ours = yes ]; then
		not_ok "$1" "refused by sriovnic_pf"
	else
		skip "$1" "not supported by $PF_DRV: $2"
	fi
	return 1
}

# nic_in_ns DEV NS ADDR/PREFIX: lib.sh's dev_to_ns with "ip -n" instead
# of "ip netns exec", which sets up a mount namespace each time: seconds
# per call under TCG on a loaded host.
nic_in_ns() {
	ip netns add "$2" && ip link set "$1" netns "$2" &&
		ip -n "$2" -batch - <<-EOF && wait_until 30 ns_carrier "$1" "$2"
		link set lo up
		addr add $3 dev $1
		link set $1 up
		EOF
}

# ns_carrier DEV NS / ns_no_carrier DEV NS
ns_carrier() {
	[[ $(ip -n "$2" link show dev "$1" 2>&1) == *LOWER_UP* ]]
}
ns_no_carrier() {
	[[ $(ip -n "$2" link show dev "$1" 2>&1) == *NO-CARRIER* ]]
}

# ms_since T0: milliseconds since T0 (an $EPOCHREALTIME value).
ms_since() {
	local now=$EPOCHREALTIME
	echo $(( (${now/./} - ${1/./}) / 1000 ))
}

# mac_of DEV [NS]
mac_of() {
	local m
	if [ -n "${2:-}" ]; then
		ip netns exec "$2" cat "/sys/class/net/$1/address"
	else
		read -r m <"/sys/class/net/$1/address" && echo "$m"
	fi
}

# mac_is DEV MAC
mac_is() {
	[ "$(mac_of "$1")" = "$2" ]
}

# vf_line VF: VF's line of ip link show <pf>.
vf_line() {
	pick "^ +vf $1 " "$(ip link show dev "$pf")"
}

# vf_counts VF: "RX_PACKETS RX_BYTES TX_PACKETS TX_BYTES" of ip -s link
# show <pf> for VF; fails if the PF reports no per-VF counters.
vf_counts() {
	ip -s link show dev "$pf" | awk -v vf="$1" '
		$1 == "vf" && $2 == vf { f = 1; next }
		$1 == "vf" { f = 0 }
		f && $1 == "RX:" { getline; rp = $2; rb = $1; r = 1 }
		f && $1 == "TX:" { getline; print rp, rb, $2, $1; t = 1; exit }
		END { exit !(r && t) }'
}

# rtt_avg NS ADDR COUNT: COUNT pings, their summary shown; the average
# RTT in ms goes to $rtt. Fails if none was answered.
rtt_avg() {
	local out
	diag "\$ ip netns exec $1 ping -q -c $3 -i 0.2 $2"
	out=$(ip netns exec "$1" ping -q -c "$3" -i 0.2 -W 2 "$2" 2>&1)
	diag "$(pick 'transmitted|^rtt' "$out")"
	[[ $out =~ rtt\ [^=]*=\ [0-9.]+/([0-9.]+)/ ]] || return 1
	rtt=${BASH_REMATCH[1]}
}

# ==========================================================================
section "1. The PF: driver $PF_DRV on the emulated Intel 82576"
# Section 3c's modules load meanwhile: under TCG that takes seconds.
modprobe -a 8021q sch_ingress cls_flower act_gact >/dev/null 2>&1 &
preload=$!
load_drivers
pf=$(pf_dev 0)
pci=$(pf_pci 0)
check "PF $pf is up with carrier (10.0.0.1/24)" pf_up 0 10.0.0.1/24
show "ethtool -i $pf | grep -E '^(driver|bus-info)'"
show "cat /sys/class/net/$pf/device/sriov_totalvfs"

# ==========================================================================
section "2. Three VFs, created through sysfs"
t0=$EPOCHREALTIME
step "create 3 VFs" "echo 3 > /sys/class/net/$pf/device/sriov_numvfs"
if enable_vfs 3; then
	ok "3 VF netdevs appear, bound to $(vf_driver_name) ($(ms_since "$t0") ms)"
else
	bail "the VFs' netdevs did not appear"
fi
show "lspci -nn -s ${pci:5:2}:"
vfs=()
for i in 0 1 2; do
	# With builtins where they do: every process costs under TCG.
	l=$(readlink "/sys/bus/pci/devices/$pci/virtfn$i") l=${l##*/}
	nd=(/sys/bus/pci/devices/"$l"/net/*)
	drv=$(readlink "/sys/bus/pci/devices/$l/driver")
	say "    VF $i: PCI $l, netdev ${nd[0]##*/}, driver ${drv##*/}"
	vfs[i]=${nd[0]##*/}
done
d0=${vfs[0]} d1=${vfs[1]} d2=${vfs[2]}
show "ip link show $pf"
summary+=("PF $pf ($PF_DRV) with 3 VFs ($(vf_driver 0)) on the emulated 82576")

# ==========================================================================
section "3a. mac: the administrator chooses a VF's MAC address"
mac0=02:5a:00:00:00:a0 mac1=02:5a:00:00:00:a1
say "VF 0 ($d0) has $(mac_of "$d0") and VF 1 ($d1) $(mac_of "$d1"), chosen by their drivers."
t0=$EPOCHREALTIME
step "set VF 0's MAC" "ip link set $pf vf 0 mac $mac0"
step "set VF 1's MAC" "ip link set $pf vf 1 mac $mac1"
how="while running"
if [ $ours = no ]; then
	# igb applies a new VF MAC at the VF's next reset only.
	say "($PF_DRV applies it at the VF's next reset: re-binding the VF drivers)"
	vf_rebind 0 && vf_rebind 1
	how="after re-binding their driver"
	d0=$(vf_dev 0) d1=$(vf_dev 1)
fi
if wait_until 30 mac_is "$d0" $mac0 && wait_until 30 mac_is "$d1" $mac1; then
	ms=$(ms_since "$t0")
	ok "VF 0 and VF 1 use their new MACs $how ($ms ms)"
	summary+=("mac: VF 0 and VF 1 took the administrator's MACs $how, in $ms ms")
else
	not_ok "VF 0 and VF 1 use their new MACs" "VF 0: $(mac_of "$d0"), VF 1: $(mac_of "$d1")"
	summary+=("mac: FAILED")
fi
show "ip -br link show dev $d0; ip -br link show dev $d1"

# ==========================================================================
section "3b. trust: may a VF replace the administrator's MAC?"
say "VF 0 is not trusted (the default): its own MAC change is refused."
if show "ip link set dev $d0 address 02:5a:00:00:00:b0"; then
	not_ok "the untrusted VF 0 cannot change its MAC" "the change was accepted"
else
	check_eq "the untrusted VF 0 keeps $mac0" $mac0 "$(mac_of "$d0")"
fi
step "trust VF 0" "ip link set $pf vf 0 trust on"
step "the trusted VF 0 changes its MAC" "ip link set dev $d0 address 02:5a:00:00:00:b0"
check_eq "VF 0 now uses 02:5a:00:00:00:b0" 02:5a:00:00:00:b0 "$(mac_of "$d0")"
show "ip link show dev $pf | grep 'vf 0 '"
summary+=("trust: untrusted, VF 0 could not replace its MAC; trusted, it could")

# ==========================================================================
section "3c. vlan + qos: VF 2 on port VLAN 42, priority 5"
say "The PF gets a VLAN 42 interface; tc counts the frames that arrive"
say "tagged with VLAN 42 and priority 5. VF 2 itself sends untagged frames."
wait "$preload"
show "ip link add link $pf name $pf.42 type vlan id 42 && ip addr add 10.0.42.1/24 dev $pf.42 && ip link set $pf.42 up"
show "tc qdisc add dev $pf ingress && tc filter add dev $pf ingress protocol 802.1Q flower vlan_id 42 vlan_prio 5 action pass"
step "put VF 2 on port VLAN 42 with priority 5" "ip link set $pf vf 2 vlan 42 qos 5"
if nic_in_ns "$d2" green 10.0.42.12/24; then
	ok "VF 2 ($d2) is an untagged NIC in namespace green (10.0.42.12/24)"
else
	not_ok "VF 2 ($d2) is a NIC in namespace green"
fi
check "green -> the PF's VLAN 42 interface answers" reach green 10.0.42.1
diag "\$ tc -s filter show dev $pf ingress | grep -E 'vlan|Sent'"
out=$(tc -s filter show dev "$pf" ingress 2>&1)
diag "$(pick 'vlan|Sent' "$out")"
tagged=0
[[ $out =~ Sent\ [0-9]+\ bytes\ ([0-9]+)\ pkt ]] && tagged=${BASH_REMATCH[1]}
if [ "${tagged:-0}" -ge 3 ]; then
	ok "$tagged frames from VF 2 reached the PF tagged VLAN 42, priority 5"
	summary+=("vlan 42 qos 5: VF 2 sent untagged; $tagged frames reached the PF tagged VLAN 42 priority 5")
else
	not_ok "frames from VF 2 reach the PF tagged VLAN 42, priority 5" "tc counted ${tagged:-none}"
	summary+=("vlan 42 qos 5: FAILED")
fi

# ==========================================================================
section "3d. spoofchk and max_tx_rate"
say "Both are programmed into the 82576 (anti-spoofing: DTXSWC, the rate"
say "limiter: RTTBCNRC). QEMU's igb model does not enforce either"
say "(Documentation/pf.rst): here their effect is what ip link reports."
step "turn spoof checking off for VF 1" "ip link set $pf vf 1 spoofchk off"
show "ip link show dev $pf | grep 'vf 1 '"
line=$(vf_line 1)
check "ip link show reports spoof checking off" test -z "${line##*spoof checking off*}"
step "turn spoof checking on again" "ip link set $pf vf 1 spoofchk on"
rate=no
if step_pf "limit VF 1 to 100 Mbit/s" "refused" \
	"ip link set $pf vf 1 max_tx_rate 100"; then
	show "ip link show dev $pf | grep 'vf 1 '"
	line=$(vf_line 1)
	check "ip link show reports max_tx_rate 100Mbps" test -z "${line##*max_tx_rate 100Mbps*}"
	rate=yes
fi
summary+=("spoofchk, max_tx_rate: accepted and reported (rate: $rate; QEMU enforces neither)")

# ==========================================================================
section "4. VFs as NICs in network namespaces"
c0=$(vf_counts 0) c1=$(vf_counts 1)
if nic_in_ns "$d0" red 10.0.0.10/24; then
	ok "VF 0 ($d0) is a NIC in namespace red (10.0.0.10/24)"
else
	not_ok "VF 0 ($d0) is a NIC in namespace red"
fi
if nic_in_ns "$d1" blue 10.0.0.11/24; then
	ok "VF 1 ($d1) is a NIC in namespace blue (10.0.0.11/24)"
else
	not_ok "VF 1 ($d1) is a NIC in namespace blue"
fi
show "ip -n red -br addr show dev $d0; ip -n blue -br addr show dev $d1"
check "red -> blue answers" reach red 10.0.0.11
check "blue -> PF answers" reach blue 10.0.0.1
rtt1='' rtt2=''
if rtt_avg red 10.0.0.11 5; then
	rtt1=$rtt
	ok "red -> blue: average RTT $rtt1 ms"
else
	not_ok "red -> blue: 5 pings"
fi
if rtt_avg blue 10.0.0.1 5; then
	rtt2=$rtt
	ok "blue -> PF: average RTT $rtt2 ms"
else
	not_ok "blue -> PF: 5 pings"
fi
ip netns exec blue iperf3 -s -1 -D -B 10.0.0.11 >/dev/null 2>&1
sleep 0.5
diag "\$ ip netns exec red iperf3 -c 10.0.0.11 -t 2 -f m"
out=$(ip netns exec red timeout 30 iperf3 -c 10.0.0.11 -t 2 -f m 2>&1)
diag "$(pick 'sender|receiver' "$out")"
mbps=
[[ $out =~ ([0-9.]+)\ Mbits/sec\ +receiver ]] && mbps=${BASH_REMATCH[1]}
if [ -n "$mbps" ]; then
	ok "TCP red -> blue: $mbps Mbit/s"
else
	not_ok "TCP red -> blue (iperf3)" "$out"
fi
summary+=("traffic: RTT red->blue ${rtt1:-?} ms, blue->PF ${rtt2:-?} ms; TCP red->blue ${mbps:-?} Mbit/s (2 s, TCG)")

# ==========================================================================
section "5. Per-VF counters: ip -s link show $pf"
# iproute2 prints per-VF counters for every PF: zeros where the driver
# has no ndo_get_vf_stats (igb).
sleep 1
show "ip -s link show dev $pf | sed -n '/vf 0/,/vf 2/p' | head -n -1"
read -r _ _ tx0 txb0 <<<"${c0:-0 0 0 0}"
read -r rx1 rxb1 _ _ <<<"${c1:-0 0 0 0}"
read -r _ _ tx0n txb0n <<<"$(vf_counts 0 || echo 0 0 0 0)"
read -r rx1n rxb1n _ _ <<<"$(vf_counts 1 || echo 0 0 0 0)"
dtx=$((tx0n - tx0)) drx=$((rx1n - rx1))
dtxb=$(( (txb0n - txb0) / 1000000 )) drxb=$(( (rxb1n - rxb1) / 1000000 ))
say "During section 4: VF 0 sent $dtxb MB in $dtx packets, VF 1 received $drxb MB in $drx."
if [ $ours = no ] && [ "$tx0n" = 0 ] && [ "$rx1n" = 0 ]; then
	skip "per-VF counters move with the VFs' traffic" \
		"not supported by $PF_DRV: no ndo_get_vf_stats, the kernel reports zeros"
	summary+=("counters: not supported by $PF_DRV (all zero)")
else
	check "VF 0's transmit counter moved with red's traffic" test "$dtx" -ge 20
	check "VF 1's receive counter moved with blue's traffic" test "$drx" -ge 20
	summary+=("counters: during the traffic VF 0 sent $dtxb MB, VF 1 received $drxb MB")
fi

# ==========================================================================
section "6. state: the administrator takes VF 0's link down and up"
t0=$EPOCHREALTIME
if step_pf "set VF 0's link state disable" "no ndo_set_vf_link_state" \
	"ip link set $pf vf 0 state disable"; then
	if wait_until 20 ns_no_carrier "$d0" red; then
		down=$(ms_since "$t0")
		ok "VF 0 in red lost its carrier ($down ms)"
	else
		not_ok "VF 0 in red loses its carrier"
	fi
	show "ip -n red -br link show dev $d0"
	check_fails "red cannot reach blue" ip netns exec red ping -c 2 -i 0.2 -W 1 10.0.0.11
	check "blue still reaches the PF" reach blue 10.0.0.1
	t0=$EPOCHREALTIME
	step "set VF 0's link state enable" "ip link set $pf vf 0 state enable"
	if wait_until 30 ns_carrier "$d0" red; then
		up=$(ms_since "$t0")
		ok "VF 0 in red has its carrier again ($up ms)"
	else
		not_ok "VF 0 in red regains its carrier"
	fi
	show "ip -n red -br link show dev $d0"
	check "red -> blue answers again" reach red 10.0.0.11
	step "back to state auto (follow the PF)" "ip link set $pf vf 0 state auto"
	summary+=("state: VF 0's carrier went down ${down:-?} ms after disable, up ${up:-?} ms after enable")
else
	summary+=("state: not supported by $PF_DRV")
fi

# ==========================================================================
section "7. All of it in one view"
show "ip link show dev $pf"
step "remove the VFs" "echo 0 > /sys/class/net/$pf/device/sriov_numvfs"

section "Summary: PF=$PF_DRV VF=$VF_DRV"
for l in "${summary[@]}"; do
	say "  - $l"
done
say "  - $_tap_n checks, $_tap_fail failed; $((SECONDS - t_start)) s in the guest"
done_testing
