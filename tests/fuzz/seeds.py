#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Writes the seed corpus under tests/fuzz/corpus/<target>/ (committed; run
# again after editing the table). The words are those real VF drivers put
# in the 82576 mailbox, and those PFs answer with, as read from
#   igbvf   Linux drivers/net/ethernet/intel/igbvf/vf.c, mbx.h
#   dpdk    DPDK drivers/net/e1000/base/e1000_vf.c (e1000 PMD's VF side)
#   freebsd FreeBSD sys/dev/e1000/e1000_vf.c (igb VF side)
#   snic    our extension (include/sriovnic/mbx_proto.h)
# Formats: codec: byte 0 = direction (0 VF request, 1 PF reply), then
# little-endian words; policy: 8 state bytes + 1 error selector, then words;
# vf_state: whole VF state blobs (include/sriovnic/vf_state.h), one more
# byte 0x01 asking the target to fix the CRC first.
import os
import zlib
import struct
import sys

def mac(a):
    b = bytes(int(x, 16) for x in a.split(":"))
    return [b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24, b[4] | b[5] << 8]

def mc_hash(a):
    b = bytes(int(x, 16) for x in a.split(":"))
    return ((b[4] >> 4) | (b[5] << 4)) & 0xFFF

def hashes(addrs):
    h = [mc_hash(a) for a in addrs]
    if len(h) % 2:
        h.append(0)
    return [h[i] | h[i + 1] << 16 for i in range(0, len(h), 2)]

MC30 = ["01:00:5e:00:%02x:%02x" % (i, i * 7) for i in range(30)]

REQUESTS = {
    # igbvf: e1000_reset_hw_vf, e1000_rar_set_vf, e1000_set_uc_addr_vf,
    # e1000_update_mc_addr_list_vf (at most 30, u16 hashes from word 1),
    # e1000_set_vfta_vf, e1000_rlpml_set_vf (max frame + 4 for a tag)
    "igbvf-reset": [0x00000001],
    "igbvf-set-mac": [0x00000002] + mac("02:11:22:33:44:55"),
    "igbvf-uc-clear": [0x00010002, 0, 0],
    "igbvf-uc-add": [0x00020002] + mac("02:aa:bb:cc:dd:01"),
    "igbvf-mc-2": [0x00020003] + hashes(["33:33:00:00:00:01", "01:00:5e:00:00:fb"]),
    "igbvf-mc-30": [0x001e0003] + hashes(MC30),
    "igbvf-mc-0": [0x00000003],
    "igbvf-vlan-add": [0x00010004, 100],
    "igbvf-vlan-del": [0x00000004, 100],
    "igbvf-lpe-1522": [0x00000005, 1522],
    "igbvf-lpe-9022": [0x00000005, 9022],
    # DPDK and FreeBSD share Intel's e1000_vf.c: e1000_promisc_set_vf
    # (unicast 1, multicast 2 in MSGINFO; "enabled" sends both), and
    # e1000_update_mc_addr_list_vf, which sets the overflow flag and then
    # overwrites word 0, so a longer list goes out as 30 hashes
    "dpdk-promisc-none": [0x00000006],
    "dpdk-promisc-uc": [0x00010006],
    "dpdk-promisc-mc": [0x00020006],
    "dpdk-promisc-all": [0x00030006],
    "e1000vf-mc-30-overflow-lost": [0x001e0003] + hashes(MC30),
    "dpdk-lpe-1518": [0x00000005, 1518],
    "dpdk-set-mac": [0x00000002] + mac("02:09:c0:00:00:07"),
    # DPDK's VF closing its port gives its address up: a primary of zeros
    "dpdk-mac-release": [0x00000002, 0, 0],
    # the overflow flag those headers define (0x80 in MSGINFO) with 30
    # hashes, as a VF that keeps it sends; a short list under the 5-bit
    # count mask of the same headers
    "e1000vf-mc-overflow-flag": [0x009e0003] + hashes(MC30),
    "freebsd-mc-3": [0x00030003] + hashes(MC30[:3]),
    "freebsd-vlan-add-4095": [0x00010004, 4095],
    # sriovnic's extension offer
    "snic-ext-hello": [0x00000040, 0x534e0001, 0x00000007],
}

REPLIES = {
    # what igb (and our PF) answers, as igbvf compares them
    "igb-reset-ack": [0x80000001] + mac("02:00:00:00:00:10"),
    "igb-reset-nack": [0x40000001],
    "igb-set-mac-ack": [0xa0000002],
    "igb-set-mac-nack": [0x60000002],
    "igb-vlan-nack": [0x60010004],
    "igb-mc-ack": [0xa0020003],
    "igb-lpe-ack": [0xa0000005],
    "igb-bare-nack": [0x40000000],
    "igb-pf-control-cts": [0x20000100],
    "igb-pf-control": [0x00000100],
    # our PF's extension
    "snic-ext-hello-ack": [0xa0000040, 0x534e0001, 0x00000007],
    "snic-ext-hello-nack": [0x60000040],
    "snic-ext-link-down": [0x00010041, 0x00000200],
    "snic-ext-link-up": [0x20010041, 0x00000001],
    "snic-ext-mac": [0x20020041] + mac("02:00:00:00:00:11"),
    "snic-nack-reason": [0x60010004, 0x00000003],
}

def le(words):
    return b"".join(struct.pack("<I", w & 0xFFFFFFFF) for w in words)

def write(d, name, data):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
for name, w in REQUESTS.items():
    write(os.path.join(top, "codec"), name, b"\x00" + le(w))
    # clear + has_mac, room in every table; then trusted, and with reasons
    write(os.path.join(top, "policy"), name,
          bytes([0x09, 0, 0, 0, 20, 0, 32, 0, 0]) + le(w))
    write(os.path.join(top, "policy"), name + "-trusted-ext",
          bytes([0x1b, 0, 0, 1, 3, 2, 5, 0x07, 1]) + le(w))
    write(os.path.join(top, "policy"), name + "-not-cts",
          bytes([0x08, 5, 0, 0, 20, 0, 32, 0, 0]) + le(w))
for name, w in REPLIES.items():
    write(os.path.join(top, "codec"), name, b"\x01" + le(w))
# encode mode: a few structs (type, flags, info, ...)
write(os.path.join(top, "codec"), "encode-set-vlan", bytes([0x02, 4, 0, 0, 1, 0, 1, 100, 0]))
write(os.path.join(top, "codec"), "encode-reset-ack", bytes([0x03, 1, 0, 4, 0, 0, 2, 0, 0, 0, 0, 0x10]))

def vf_state(mac_a, admin=False, uc=(), mc=(), vlans=(), max_frame=0, caps=0,
             flags=0):
    """A version 1 blob as a sriovnic PF saves it (CRC included)."""
    b = bytearray(136)
    struct.pack_into("<IHHHH", b, 0, 0x53564E53, 1, 136, 0x10CA,
                     (1 if admin else 0) | flags)
    b[16:22] = bytes(int(x, 16) for x in mac_a.split(":"))
    b[22] = len(uc)
    b[23] = len(mc)
    for i, a in enumerate(uc):
        b[24 + 6 * i:30 + 6 * i] = bytes(int(x, 16) for x in a.split(":"))
    for i, a in enumerate(mc):
        struct.pack_into("<H", b, 48 + 2 * i, mc_hash(a))
    b[108] = len(vlans)
    struct.pack_into("<H", b, 110, max_frame)
    for i, v in enumerate(vlans):
        struct.pack_into("<H", b, 112 + 2 * i, v)
    struct.pack_into("<I", b, 128, caps)
    struct.pack_into("<I", b, 12, zlib.crc32(bytes(b[0:12]) + bytes(b[16:])))
    return bytes(b)

STATES = {
    "empty": vf_state("00:00:00:00:00:00"),
    "admin-mac": vf_state("02:5a:00:00:00:10", admin=True, max_frame=1522),
    "igbvf-typical": vf_state("52:54:00:12:34:56", mc=["33:33:00:00:00:01",
                              "01:00:5e:00:00:01"], vlans=[0], max_frame=1522),
    "snic-full": vf_state("02:5a:00:00:00:10", admin=True,
                          uc=["02:00:00:00:01:0%d" % i for i in range(4)],
                          mc=["01:00:5e:00:00:%02x" % i for i in range(30)],
                          vlans=list(range(100, 108)), max_frame=9018, caps=7,
                          flags=4),
    "mc-overflow": vf_state("02:5a:00:00:00:11", flags=2, max_frame=9728),
}
for name, b in STATES.items():
    write(os.path.join(top, "vf_state"), name, b)
    write(os.path.join(top, "vf_state"), name + "-fixcrc", b + b"\x01")
sys.exit(0)
