#!/bin/bash
# proves: nothing by itself: measures VF traffic for scripts/bench (not a test)
# Prints "# bench: <metric> <value>" lines; scripts/bench compares pairs.
. "$SNIC_DIR/tests/vm/lib.sh"
load_drivers
pf_up 0 10.0.0.1/24 || bail "PF link does not come up"
enable_vfs 2 || bail "VFs did not appear"
vf_to_ns 0 nsa 10.0.0.10/24 >/dev/null || bail "VF 0 has no carrier"
vf_to_ns 1 nsb 10.0.0.11/24 >/dev/null || bail "VF 1 has no carrier"
ping_retry nsa 10.0.0.11 >/dev/null || bail "VFs cannot reach each other"
ping_retry nsa 10.0.0.1 >/dev/null || bail "VF cannot reach the PF"

mbps() {	# mbps CLIENT_NS SERVER_NS ADDR
	local bps
	bps=$(tcp_ok "$1" "$2" "$3" 5) || { echo 0; return; }
	echo $((bps / 1000000))
}
echo "# bench: tcp_vf_to_vf_mbps $(mbps nsa nsb 10.0.0.11)"
echo "# bench: tcp_vf_to_pf_mbps $(mbps nsa "" 10.0.0.1)"
echo "# bench: tcp_pf_to_vf_mbps $(mbps "" nsb 10.0.0.11)"
rtt=$(in_ns nsa ping -q -f -c 1000 10.0.0.11 | sed -nE 's|.*= [0-9.]+/([0-9.]+)/.*|\1|p')
echo "# bench: ping_flood_vf_to_vf_avg_us $(python3 -c "print(int(float('${rtt:-0}') * 1000))")"
mod() { awk -v m="$1" '$1 == m { print $2 }' /proc/modules; }
case $PF_DRV in
igb) pfm=$(mod igb) ;;
*) pfm=$(( $(mod sriovnic_pf) + $(mod sriovnic_common) )) ;;
esac
case $VF_DRV in
igbvf) vfm=$(mod igbvf) ;;
*) vfm=$(mod sriovnic_vf) ;;
esac
echo "# bench: pf_module_bytes ${pfm:-0}"
echo "# bench: vf_module_bytes ${vfm:-0}"
ok "measured"
done_testing
