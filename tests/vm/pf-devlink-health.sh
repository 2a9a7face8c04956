#!/bin/bash
# proves: the PF's devlink health reporter vf_mbx starts healthy; a malformed request from VF 0 (no driver, words from its BAR) is reported with the VF and the type, counted in diagnose and NACKed; a request storm that quarantines VF 0 is reported (state error, diagnose shows the VF quarantined and why, dump shows its last messages), with reports paced at no more than one per second however many messages the VF sends; devlink health recover releases it (state healthy, debugfs quarantine=none) and VF 0 is served again; the sriovnic trace events show each mailbox message of VF 1 (our VF driver) on both ends with verdict and latency, the PF's VF resets and the quarantine entered and left; the neighbour VF 1 keeps its link throughout
# requires: pf=sriovnic
# pairs: sriovnic/sriovnic
# timeout: 900
#
# One pair: the reporter and the PF's trace events are the PF's whatever
# the VF driver, and the VF's trace events need our VF.
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pci=$(pf_pci 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
# Tracing from before the VFs exist: their drivers' first handshake too.
tr=/sys/kernel/tracing
[ -e "$tr/trace" ] || mount -t tracefs nodev "$tr"
echo 0 >"$tr/tracing_on"
echo >"$tr/trace"
echo 1 >"$tr/events/sriovnic/enable" || bail "no sriovnic trace events"
echo 1 >"$tr/tracing_on"
enable_vfs 2 || bail "VFs did not appear"
vf0=$(vf_driverless 0) || bail "cannot unbind VF 0's driver"
dbg=$(pf_vfs_debugfs) || bail "no PF debugfs"
rogue=$(rogue_vf_bin) || bail "no rogue-vf tool"
bar="python3 $SNIC_DIR/tests/snic-bar.py"
rep="pci/$pci reporter vf_mbx"

b=$(vf_to_ns 1 nsb 10.0.0.11/24) || bail "VF 1 has no carrier in its namespace"
check "PF -> VF 1 ping" ping_retry "" 10.0.0.11
# A request of VF 1's driver: the MTU change is a SET_LPE.
check "VF 1: MTU 1400 (SET_LPE)" ip -n nsb link set dev "$b" mtu 1400

# hshow FIELD: one field of the reporter in devlink health show's JSON.
hshow() {
	devlink -j health show $rep | jq -r ".health[\"pci/$pci\"][0][\"$1\"]"
}
read -r st er <<<"$(devlink -j health show $rep |
	jq -r ".health[\"pci/$pci\"][0] | \"\(.state) \(.error)\"")"
check_eq "the reporter exists and is healthy" healthy "$st"
check_eq "no error reported yet" 0 "$er"

# --- a protocol violation: SET_LPE with MSGINFO set (malformed) ---
out=$($bar "$vf0" vf-rst -- vf-req 0x1 -- vf-req 0x01000005 1518)
diag "VF 0 answers: $(tr '\n' ' ' <<<"$out")"
lpe=$(sed -n 2p <<<"$out" | cut -d' ' -f1)
check "the malformed SET_LPE is NACKed ($lpe)" test $((0x${lpe:-0} & 0x40000000)) -ne 0
check "it is reported (error count 1)" wait_until 5 sh -c \
	"test \"\$(devlink -j health show $rep | jq -r '.health[\"pci/$pci\"][0].error')\" -ge 1"
read -r v0 m0 v1 <<<"$(devlink -j health diagnose $rep |
	jq -r '"\(.vfs[0].violations) \(.vfs[0].refused["malformed message"]) \(.vfs[1].violations)"')"
check_eq "diagnose: VF 0 has 1 violation" 1 "$v0"
check_eq "diagnose: VF 0's refusals name it" 1 "$m0"
check_eq "diagnose: VF 1 has none" 0 "$v1"
check_eq "a violation is recovered automatically (healthy)" healthy "$(hshow state)"

# --- quarantine: a request storm ---
devlink health dump clear $rep
e0=$(hshow error)
t0=$SECONDS
out=$("$rogue" --bar "/sys/bus/pci/devices/$vf0/resource0" --mode storm --seconds 3 --seed 1 2>&1)
diag "$out"
msgs=$(rogue_field "$(grep '^rogue-vf: ' <<<"$out")" msgs)
check "VF 0 is quarantined (debugfs)" wait_until 5 sh -c \
	"$(declare -f pf_vf_debug pf_vfs_debugfs); test \"\$(pf_vf_debug 0 quarantine)\" != none"
check "the quarantine is reported: state error" wait_until 5 sh -c \
	"test \"\$(devlink -j health show $rep | jq -r '.health[\"pci/$pci\"][0].state')\" = error"
sleep 1.2	# one report period: everything the storm caused is reported
el=$((SECONDS - t0))
e1=$(hshow error)
diag "\$ devlink health show $rep" "$(devlink health show $rep 2>&1)"
diag "\$ devlink health diagnose $rep" "$(devlink health diagnose $rep 2>&1)"
read -r q q0 bud ign q1 <<<"$(devlink -j health diagnose $rep |
	jq -r '"\(.quarantined) \(.vfs[0].quarantined) \(.vfs[0].budget) \(.vfs[0].ignored) \(.vfs[1].quarantined)"')"
diag "$msgs requests posted, $ign ignored in quarantine, in ${el}s: $((e1 - e0)) reports"
check "reports paced: $((e1 - e0)) in ${el}s (at most one a second) for $ign ignored events" \
	test $((e1 - e0)) -ge 1 -a $((e1 - e0)) -le $((el + 1)) -a "${ign:-0}" -gt $((e1 - e0))
check_eq "diagnose: one VF quarantined" 1 "$q"
check_eq "diagnose: VF 0 quarantined" true "$q0"
check_eq "diagnose: the budget that ran out, as debugfs says" \
	"$(pf_vf_debug 0 last_reason)" "$bud"
check_eq "diagnose: VF 1 not quarantined" false "$q1"
dump=$(devlink health dump show $rep 2>&1)
diag "\$ devlink health dump show $rep" "$(head -c 3000 <<<"$dump")"
read -r who n lpe <<<"$(devlink -j health dump show $rep |
	jq -r '"\(.reported_vf)/\(.event) \(.vfs[0].last | length) \([.vfs[1].last[] | select(.type == "SET_LPE")] | length)"')"
check_eq "dump: taken at VF 0's quarantine" "0/quarantine" "$who"
check "dump: VF 0's last messages, bounded ($n of at most 8)" test "$n" -ge 1 -a "$n" -le 8
check "dump: VF 1's messages, its SET_LPE among them" test "$lpe" -ge 1

# --- recover ---
check "devlink health recover" devlink health recover $rep
check_eq "healthy again" healthy "$(hshow state)"
check_eq "debugfs: VF 0 released" none "$(pf_vf_debug 0 quarantine)"
out=$($bar "$vf0" vf-req 0x1)
# NACK: VF 0 has no address assigned (the base protocol's answer).
check_eq "VF 0 is served again: RESET answered (NACK: no MAC assigned)" 40000001 \
	"$(cut -d' ' -f1 <<<"$out")"
check "VF 1 kept its link: PF -> VF 1 ping" ping_ok "" 10.0.0.11

# --- trace events ---
echo 0 >"$tr/tracing_on"
t=$(grep sriovnic_ "$tr/trace")
echo 0 >"$tr/events/sriovnic/enable"
vf1=$(vf_pci 1)
vf1=${vf1#0000:}
diag "trace, VF 1's SET_LPE and VF 0's quarantine:" \
	"$(grep -E "vf=1 type=SET_LPE|$vf1 type=SET_LPE|quarantine|vf_reset|malformed" <<<"$t" | head -n 14)"
check "PF trace: VF 1's SET_LPE read, ok and ACKed" \
	grep -Eq 'sriovnic_pf_mbx_in: .* vf=1 type=SET_LPE words=2 .* verdict=ok reply=ack' <<<"$t"
check "PF trace: the answer written to VF 1" \
	grep -Eq 'sriovnic_pf_mbx_out: .* vf=1 type=SET_LPE .* ack cts err=0' <<<"$t"
check "VF trace: VF 1's SET_LPE ACKed, with its latency" \
	grep -Eq "sriovnic_vf_mbx: $vf1 type=SET_LPE info=0 reply=ack,cts refusal=0 err=0 latency_us=[0-9]+" <<<"$t"
check "VF trace: VF 1's reset handshake" \
	grep -Eq "sriovnic_vf_reset: $vf1 reasons=init err=0" <<<"$t"
check "PF trace: VF 0's malformed SET_LPE" \
	grep -Eq 'sriovnic_pf_mbx_in: .* vf=0 type=SET_LPE .* verdict=malformed reply=nack' <<<"$t"
check "PF trace: VF resets served" grep -Eq 'sriovnic_pf_vf_reset: .* vf=0' <<<"$t"
check "PF trace: VF 0 quarantine entered, over its $bud budget" \
	grep -Eq "sriovnic_pf_vf_quarantine: .* vf=0 entered budget=$bud" <<<"$t"
check "PF trace: and released" \
	grep -Eq 'sriovnic_pf_vf_quarantine: .* vf=0 released' <<<"$t"
check "disable SR-IOV" set_numvfs 0
done_testing
