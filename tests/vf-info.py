#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print VF entries of ``ip -s -d -j link show dev PF`` as shell words.

Usage: vf-info.py PF VF|all [NETNS]
       vf-info.py --serve PF

Prints ``key=value`` words on one line (one line per VF, led by
``vf=N``, for ``all``), read by a VM scenario:
mac vlan qos proto spoofchk trust link_state max_tx min_tx stats
rx_packets tx_packets rx_bytes tx_bytes driver. ``stats=no`` when the PF
driver reports no per-VF counters (no ndo_get_vf_stats), and the counters
are then empty; ``driver`` is the driver bound to the VF (empty: none).
Exits 1 when the PF lists no such VF: every orchestrator that reads the
VF table (sriov-cni's FillOriginalVfInfo, libvirt's virNetDevParseVfInfo,
neutron's get_link_vfs) fails in that case too.

With ``--serve`` it stays running and answers one request a line on
standard input, ``VF`` or ``all`` (a fresh read of the table each time),
with the same lines followed by a line ``.``; a VF the PF does not list
gets ``.`` alone; ``selftest`` compares this reader with ip's (below)
and answers ``ok N VFs`` or ``mismatch: ...`` (and uses ip from then on).
Under emulation a python start costs seconds: a scenario starts this
once (tests/orch-lib.sh) instead of once a read. In the initial netns
the table is read with one RTM_GETLINK (IFLA_EXT_MASK RTEXT_FILTER_VF)
of its own rather than by starting ``ip -s -d -j link show``, which is
what it reads otherwise.
"""
import json
import os
import socket
import struct
import subprocess
import sys

# rtnetlink, as iproute2 reads it (linux/rtnetlink.h, linux/if_link.h)
RTM_GETLINK, NLM_F_REQUEST, NLMSG_ERROR = 18, 1, 2
IFLA_VFINFO_LIST, IFLA_EXT_MASK, RTEXT_FILTER_VF = 22, 29, 1
VF_MAC, VF_VLAN, VF_SPOOFCHK, VF_LINK_STATE, VF_RATE = 1, 2, 4, 5, 6
VF_STATS, VF_TRUST, VF_VLAN_LIST = 8, 9, 12
LINK_STATES = {0: "auto", 1: "enable", 2: "disable"}


def attrs(buf):
    """{type: payload} of a run of netlink attributes (last one wins)."""
    out, off = {}, 0
    while off + 4 <= len(buf):
        alen, atype = struct.unpack_from("=HH", buf, off)
        if alen < 4:
            break
        out.setdefault(atype & 0x3FFF, []).append(buf[off + 4:off + alen])
        off += (alen + 3) & ~3
    return out


def read_table_nl(pf):
    """The VF table as ip -j shows it, straight from RTM_GETLINK: no ip
    process per read."""
    idx = socket.if_nametoindex(pf)
    mask = struct.pack("=HHI", 8, IFLA_EXT_MASK, RTEXT_FILTER_VF)
    body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, idx, 0, 0) + mask
    msg = struct.pack("=IHHII", 16 + len(body), RTM_GETLINK, NLM_F_REQUEST,
                      1, 0) + body
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0) as sk:
        sk.send(msg)
        data = sk.recv(1 << 20)
    mlen, mtype = struct.unpack_from("=IH", data)
    if mtype == NLMSG_ERROR:
        raise ValueError("RTM_GETLINK refused: %d"
                         % struct.unpack_from("=i", data, 16))
    top = attrs(data[32:mlen])
    vfs = []
    for lst in top.get(IFLA_VFINFO_LIST, []):
        for info in attrs(lst).get(1, []):
            vfs.append(vf_entry(attrs(info)))
    return vfs


def vf_entry(a):
    """One IFLA_VF_INFO as the dict ip -j prints for it."""
    def u32s(t, n):
        return struct.unpack_from("=%dI" % n, a[t][0]) if t in a else None
    vf, = u32s(VF_MAC, 1)
    v = {"vf": vf, "address": ":".join(
        "%02x" % b for b in a[VF_MAC][0][4:10])}
    vl = u32s(VF_VLAN, 3)
    if VF_VLAN_LIST in a:
        for i in attrs(a[VF_VLAN_LIST][0]).get(1, []):
            _, vid, qos, proto = struct.unpack_from("=IIIH", i)
            vl = (vf, vid, qos)
            if vid and proto != 0x0081:
                v["protocol"] = "802.1ad"
            break
    if vl and vl[1]:
        v["vlan"], v["qos"] = vl[1], vl[2]
    for t, key in ((VF_SPOOFCHK, "spoofchk"), (VF_TRUST, "trust")):
        x = u32s(t, 2)
        if x and x[1] != 0xFFFFFFFF:
            v[key] = bool(x[1])
    x = u32s(VF_LINK_STATE, 2)
    if x:
        v["link_state"] = LINK_STATES.get(x[1], str(x[1]))
    x = u32s(VF_RATE, 3)
    if x:
        v["rate"] = {"max_tx": x[2], "min_tx": x[1]}
    if VF_STATS in a:
        st = {t: struct.unpack_from("=Q", p[0])[0]
              for t, p in attrs(a[VF_STATS][0]).items() if len(p[0]) == 8}
        v["stats"] = {"rx": {"packets": st.get(0, 0), "bytes": st.get(2, 0)},
                      "tx": {"tx_packets": st.get(1, 0),
                             "tx_bytes": st.get(3, 0)}}
    return v


def read_table(pf, netns=None):
    if netns is None:
        return read_table_nl(pf)
    cmd = ["ip", "-s", "-d", "-j", "link", "show", "dev", pf]
    if netns:
        cmd[1:1] = ["-n", netns]
    link = json.loads(subprocess.check_output(cmd))[0]
    return link.get("vfinfo_list", [])


def answer(pf, which, netns=None):
    """The lines for VF ``which`` (a number) or ``all``; [] if no such VF."""
    vfs = read_table(pf, netns)
    if which == "all":
        return [f"vf={v.get('vf')} " + words(pf, v) for v in vfs]
    return [words(pf, v) for v in vfs if v.get("vf") == int(which)][:1]


def driver(pf, n):
    try:
        link = os.readlink(f"/sys/class/net/{pf}/device/virtfn{n}/driver")
    except OSError:
        return ""
    return os.path.basename(link)


def words(pf, v):
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
        "driver": driver(pf, v.get("vf")),
    }
    return " ".join(f"{k}={val}" for k, val in out.items())


def selftest(pf):
    """Whether the netlink reader reads what ip -j shows, VF by VF."""
    global read_table_nl

    def settings(v):    # the counters move between two reads
        return " ".join(w for w in words(pf, v).split()
                        if not w.startswith(("rx_", "tx_")))
    ours = [settings(v) for v in read_table_nl(pf)]
    theirs = [settings(v) for v in read_table(pf, "")]
    bad = [f"{a} != {b}" for a, b in zip(ours, theirs) if a != b]
    if len(ours) != len(theirs) or bad:
        # Fall back to ip for the rest of the run.
        read_table_nl = lambda pf: read_table(pf, "")  # noqa: E731
        return ["mismatch: " + ("; ".join(bad) or "VF counts differ")]
    return [f"ok {len(ours)} VFs"]


def serve(pf):
    for req in sys.stdin:
        req = req.strip()
        try:
            if req == "selftest":
                lines = selftest(pf)
            else:
                lines = answer(pf, req) if req else []
        except (subprocess.CalledProcessError, ValueError, IndexError,
                KeyError, TypeError) as e:
            print(f"vf-info: {req}: {e!r}", file=sys.stderr, flush=True)
            lines = []
        for line in lines:
            print(line)
        print(".", flush=True)
    return 0


def main():
    if sys.argv[1] == "--serve":
        return serve(sys.argv[2])
    netns = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
    lines = answer(sys.argv[1], sys.argv[2], netns)
    for line in lines:
        print(line)
    return 0 if lines else 1


if __name__ == "__main__":
    sys.exit(main())
