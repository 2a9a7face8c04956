#!/bin/bash
# proves: devlink dev info shows the PF's driver, serial (the permanent MAC: QEMU has no DSN), EEPROM image version and mailbox versions; the PF netdev sits on a physical devlink port (phys_port_name p0); netdev netlink qstats per queue on the PF and our VF move with traffic, add up to the device totals and agree with ip -s link, and each queue names its NAPI, which names its IRQ and page pool
# requires: pf=sriovnic
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf=$(pf_dev 0)
pci=$(pf_pci 0)
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 1 || bail "VF did not appear"
vf=$(vf_to_ns 0 nsa 10.0.0.10/24) || bail "VF 0 has no carrier in its namespace"

# --- devlink ---
info=$(devlink dev info "pci/$pci" 2>&1)
diag "\$ devlink dev info pci/$pci" "$info"
check "devlink dev info names the driver" grep -Eq '^ *driver sriovnic_pf$' <<<"$info"
perm=$(ip -j link show dev "$pf" | jq -r '.[0].permaddr // .[0].address')
check "serial number is the permanent MAC ($perm)" \
	grep -Eq "^ *serial_number $perm\$" <<<"$info"
check "running version fw.eeprom (QEMU's EEPROM word 5 is 0x2010)" \
	grep -Eq '^ *fw.eeprom 2\.1-0$' <<<"$info"
check "running version mbx.proto 82576" grep -Eq '^ *mbx.proto 82576$' <<<"$info"
check "running version mbx.ext 1" grep -Eq '^ *mbx.ext 1$' <<<"$info"
check "running version mbx.ext.caps" grep -Eq '^ *mbx.ext.caps 0x[0-9a-f]+$' <<<"$info"
esw=$(devlink dev eswitch show "pci/$pci" 2>&1)
diag "\$ devlink dev eswitch show pci/$pci" "$esw"
check "no eswitch mode (no switchdev)" test -z "$(grep -o 'mode [a-z]*' <<<"$esw")"

port=$(devlink port show 2>&1)
diag "\$ devlink port show" "$port"
check "one physical port carrying $pf" grep -Eq \
	"^pci/$pci/0: type eth netdev $pf flavour physical port 0" <<<"$port"
link=$(ip -d link show dev "$pf")
diag "\$ ip -d link show dev $pf" "$link"
check_eq "phys_port_name is p0" p0 "$(cat "/sys/class/net/$pf/phys_port_name" 2>&1)"
check "ip -d link shows the port name" grep -q 'portname p0' <<<"$link"

# --- netdev netlink ---
K=/root/.cache/sriovnic/linux-source-6.12
[ -f "$K/tools/net/ynl/cli.py" ] || bail "no linux-source-6.12 at $K"
# ynl NS OP [JSON]: one dump through the kernel's own netlink CLI.
ynl() {
	in_ns "$1" python3 "$K/tools/net/ynl/cli.py" --no-schema --output-json \
		--spec "$K/Documentation/netlink/specs/netdev.yaml" \
		--dump "$2" ${3:+--json "$3"}
}

# snap NS IFINDEX: five dumps in one process, one JSON line each: device
# qstats, per-queue qstats, queues, NAPIs, page pools (the library cli.py
# wraps; starting python is what costs on a slow guest).
snap() {
	in_ns "$1" python3 - "$K" "$2" <<'PY'
import json, sys
k, idx = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, k + '/tools/net/ynl')
from lib import YnlFamily
nf = YnlFamily(k + '/Documentation/netlink/specs/netdev.yaml', '')
for op, req in (('qstats-get', {'ifindex': idx}),
                ('qstats-get', {'ifindex': idx, 'scope': 'queue'}),
                ('queue-get', {'ifindex': idx}),
                ('napi-get', {'ifindex': idx}),
                ('page-pool-get', {})):
    try:
        print(json.dumps(nf.dump(op, req)))
    except Exception as e:
        print(json.dumps({'error': str(e).replace('\n', ' ')}))
PY
}

# qcheck NAME NS DEV TRAFFIC...: qstats of DEV before and after TRAFFIC.
qcheck() {
	local name=$1 ns=$2 dev=$3 idx q0 q1 qq s0 s1 f v napi all
	shift 3
	idx=$(in_ns "$ns" cat "/sys/class/net/$dev/ifindex")
	q0=$(ynl "$ns" qstats-get "{\"ifindex\": $idx}")
	diag "\$ ynl --dump qstats-get --json '{\"ifindex\": $idx}'   # $name, before" "$q0"
	check "$name: qstats reported" test -n "$(jq '.[0]["rx-packets"] // empty' <<<"$q0")"
	check "$name: $*" "$@"
	sleep 1
	s0=$(in_ns "$ns" ip -s -j link show dev "$dev")
	all=$(snap "$ns" "$idx")
	s1=$(in_ns "$ns" ip -s -j link show dev "$dev")
	q1=$(sed -n 1p <<<"$all")
	diag "$name, after:" "$q1"
	for f in rx-packets rx-bytes tx-packets tx-bytes; do
		local k=${f/-/.} a b c d
		a=$(jq ".[0][\"$f\"]" <<<"$q0") b=$(jq ".[0][\"$f\"]" <<<"$q1")
		c=$(jq ".[0].stats64.${k/./.}" <<<"$s0") d=$(jq ".[0].stats64.${k/./.}" <<<"$s1")
		check "$name: $f moved with the traffic ($a -> $b)" test "$b" -ge $((a + 50))
		check "$name: $f agrees with ip -s link ($c <= $b <= $d)" \
			test "$c" -le "$b" -a "$b" -le "$d"
	done
	check "$name: rx-alloc-fail reported" test -n "$(jq '.[0]["rx-alloc-fail"] // empty' <<<"$q1")"
	qq=$(sed -n 2p <<<"$all")
	diag "\$ ynl --dump qstats-get --json '{\"ifindex\": $idx, \"scope\": \"queue\"}'" "$qq"
	v=$(jq '[.[] | select(.["queue-type"] == "rx") | .["rx-packets"]] | add' <<<"$qq")
	check "$name: queue rx 0 holds the device's rx-packets" test "$v" -ge "$(jq '.[0]["rx-packets"]' <<<"$q1")"
	check "$name: one rx and one tx queue" test "$(jq length <<<"$qq")" = 2
	v=$(sed -n 3p <<<"$all")
	diag "\$ ynl --dump queue-get" "$v"
	napi=$(jq -r '[.[] | select(.type == "rx") | .["napi-id"]][0] // empty' <<<"$v")
	check "$name: rx queue 0 names its NAPI ($napi)" test -n "$napi"
	check "$name: tx queue 0 names its NAPI" test -n \
		"$(jq -r '[.[] | select(.type == "tx") | .["napi-id"]][0] // empty' <<<"$v")"
	v=$(sed -n 4p <<<"$all")
	diag "\$ ynl --dump napi-get" "$v"
	check "$name: that NAPI names its IRQ" test -n \
		"$(jq ".[] | select(.id == $napi) | .irq // empty" <<<"$v")"
	v=$(sed -n 5p <<<"$all")
	check "$name: a page pool tied to the netdev and that NAPI" test -n \
		"$(jq ".[] | select(.ifindex == $idx and .[\"napi-id\"] == $napi) | .id" <<<"$v")"
}

check "PF -> VF ping to settle neighbours" ping_retry "" 10.0.0.10
qcheck "PF $pf" "" "$pf" ping -q -c 60 -i 0.02 -s 1000 -W 2 10.0.0.10
if [ "$VF_DRV" = sriovnic ]; then
	qcheck "VF $vf" nsa "$vf" in_ns nsa ping -q -c 60 -i 0.02 -s 1000 -W 2 10.0.0.1
else
	skip "VF qstats" "the kernel's igbvf has no netdev_stat_ops"
fi
done_testing
