#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print one VF's entry of ``ip -s -d -j link show dev PF`` as shell words.

Usage: vf-info.py PF VF|all [NETNS]

Prints ``key=value`` words on one line (one line per VF, led by
``vf=N``, for ``all``), read by a VM scenario:
mac vlan qos proto spoofchk trust link_state max_tx min_tx stats
rx_packets tx_packets rx_bytes tx_bytes. ``stats=no`` when the PF driver
reports no per-VF counters (no ndo_get_vf_stats), and the counters are
then empty. Exits 1 when the PF lists no such VF: every orchestrator
that reads the VF table (sriov-cni's FillOriginalVfInfo, libvirt's
virNetDevParseVfInfo, neutron's get_link_vfs) fails in that case too.
"""
import json
import subprocess
import sys


def main():
    pf, which = sys.argv[1], sys.argv[2]
    cmd = ["ip", "-s", "-d", "-j", "link", "show", "dev", pf]
    if len(sys.argv) > 3 and sys.argv[3]:
        cmd[1:1] = ["-n", sys.argv[3]]
    link = json.loads(subprocess.check_output(cmd))[0]
    vfs = link.get("vfinfo_list", [])
    if which == "all":
        for v in vfs:
            print(f"vf={v.get('vf')} " + words(v))
        return 0
    info = [v for v in vfs if v.get("vf") == int(which)]
    if not info:
        return 1
    print(words(info[0]))
    return 0


def words(v):
    """The VF's settings and counters as key=value words."""
    vlan = v.get("vlan_list", [{}])[0] if "vlan_list" in v else v
    rate = v.get("rate", {})
    stats = v.get("stats")
    out = {
        "mac": v.get("address", ""),
        "vlan": vlan.get("vlan", 0),
        "qos": vlan.get("qos", 0),
        # iproute2 names the protocol only when it is not 802.1Q
        "proto": vlan.get("protocol", "802.1Q"),
        "spoofchk": "on" if v.get("spoofchk") else "off",
        "trust": "on" if v.get("trust") else "off",
        "link_state": v.get("link_state", "none"),
        "max_tx": rate.get("max_tx", 0),
        "min_tx": rate.get("min_tx", 0),
        "stats": "yes" if stats else "no",
        "rx_packets": stats["rx"]["packets"] if stats else "",
        "tx_packets": stats["tx"]["tx_packets"] if stats else "",
        "rx_bytes": stats["rx"]["bytes"] if stats else "",
        "tx_bytes": stats["tx"]["tx_bytes"] if stats else "",
    }
    return " ".join(f"{k}={val}" for k, val in out.items())


if __name__ == "__main__":
    sys.exit(main())
