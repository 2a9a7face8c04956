#!/bin/bash
# proves: ip link set <pf> vf N state disable|enable|auto: the VF's carrier follows (down, up, and with auto the PF's state) while other VFs keep theirs, and a disabled VF passes no traffic
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"

# no_carrier N: the PF's and the mailboxes' state (vf_mbx_diag), then bail.
no_carrier() {
	vf_mbx_diag 0 1
	bail "VF $1 has no carrier in its namespace"
}
a=$(vf_to_ns 0 nsa 10.0.0.10/24) || no_carrier 0
b=$(vf_to_ns 1 nsb 10.0.0.11/24) || no_carrier 1

# link_state VF: "auto", "enable" or "disable" as ip link show reports it.
link_state() {
	ip -d -j link show dev "$pf" | python3 -c '
import json, sys
vf = int(sys.argv[1])
info = [v for v in json.load(sys.stdin)[0].get("vfinfo_list", []) if v.get("vf") == vf][0]
print(info.get("link_state", "?"))' "$1"
}
carrier_off() { ! carrier_on "$@"; }

check_eq "VF 0 starts in state auto" auto "$(link_state 0)"
check "VF 0 -> VF 1 ping before" ping_retry nsa 10.0.0.11

check "set VF 0 state disable" ip link set "$pf" vf 0 state disable
check_eq "ip link show reports disable" disable "$(link_state 0)"
check "VF 0 loses carrier" wait_until 20 carrier_off "$a" nsa
check "VF 1 keeps carrier" carrier_on "$b" nsb
check_fails "a disabled VF 0 cannot reach VF 1" ping_ok nsa 10.0.0.11
check_fails "VF 1 cannot reach the disabled VF 0" ping_ok nsb 10.0.0.10
check "VF 1 still reaches the PF" ping_retry nsb 10.0.0.1
sleep 5
check "VF 0 stays down while disabled" carrier_off "$a" nsa

check "set VF 0 state enable" ip link set "$pf" vf 0 state enable
check_eq "ip link show reports enable" enable "$(link_state 0)"
check "VF 0 regains carrier" wait_until 30 carrier_on "$a" nsa
check "VF 0 -> VF 1 ping after enable" ping_retry nsa 10.0.0.11

# enable: up regardless of the PF's netdev; auto: follows it.
check "PF down" ip link set "$pf" down
check "VF 1 (auto) loses carrier with the PF down" wait_until 20 carrier_off "$b" nsb
sleep 3
check "VF 0 (enable) keeps carrier with the PF down" carrier_on "$a" nsa
check "set VF 0 state auto while the PF is down" ip link set "$pf" vf 0 state auto
check_eq "ip link show reports auto" auto "$(link_state 0)"
check "VF 0 (auto) loses carrier" wait_until 20 carrier_off "$a" nsa
check "PF up" pf_up 0
check "VF 0 regains carrier with the PF" wait_until 30 carrier_on "$a" nsa
check "VF 1 regains carrier with the PF" wait_until 30 carrier_on "$b" nsb
check "VF 0 -> VF 1 ping at the end" ping_retry nsa 10.0.0.11
check "VF 1 -> PF ping at the end" ping_retry nsb 10.0.0.1
check_fails "state foo is refused" ip link set "$pf" vf 0 state foo
check_fails "state on a VF that does not exist is refused" ip link set "$pf" vf 5 state disable
done_testing
