#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Register access to an 82576 function's BAR0 from userspace.

The VM scenarios use it to play a VF with no driver (a hostile guest that
writes whatever it likes to its own registers) through the function's
sysfs resource0, with 32-bit accesses only.

  snic-bar.py BDF rd OFF...          print each register, 8 hex digits
  snic-bar.py BDF wr OFF=VAL...      write registers
  snic-bar.py BDF vf-rst             VF: CTRL.RST, wait until RSTI clears
  snic-bar.py BDF vf-req WORD...     VF: post a mailbox request, wait for
                                     the PF's answer, print its 3 words
  snic-bar.py BDF vf-post WORD...    VF: post a mailbox request and go away
                                     (never wait for the ACK or answer)
  snic-bar.py BDF vf-msg [SECONDS]   VF: wait for a PF message, print it
  snic-bar.py BDF vf-msg-ms [SECONDS]
                                     VF: vf-msg, then a line with the
                                     milliseconds it waited
  snic-bar.py BDF vf-reqw SECONDS WORD...
                                     VF: vf-req, waiting up to SECONDS for
                                     the answer
  snic-bar.py BDF vf-reset           VF: as igbvf resets: CTRL.RST, then at
                                     once RESET; print the answer
  snic-bar.py BDF vf-rst-seen N      VF: N resets, each one only after the
                                     PF served the one before (it cleared
                                     the ring base the VF wrote first)

Several commands run in one process when separated by "--", e.g.
  snic-bar.py BDF vf-rst-seen 8 -- vf-req 0x1
(quick enough for checks that depend on timing, on a loaded host).
Offsets and values are numbers in any base Python reads (0x...).
Exit status 1 with a message on a timeout.
"""
import mmap
import os
import sys
import time

# The VF's view of its registers (82576 VF, QEMU's igbvf).
VF_CTRL = 0x0000
VF_CTRL_RST = 1 << 26
VF_MBX = 0x0C40
VF_MBMEM = 0x0800
VF_RDBAL0 = 0x2800
REQ, ACK, VFU, PFSTS, PFACK, RSTI = 0x01, 0x02, 0x04, 0x10, 0x20, 0x40


class Bar:
    """BAR0 of one PCI function, as an array of 32-bit registers."""

    def __init__(self, bdf):
        path = "/sys/bus/pci/devices/%s/resource0" % bdf
        fd = os.open(path, os.O_RDWR | os.O_SYNC)
        self.map = mmap.mmap(fd, os.path.getsize(path), mmap.MAP_SHARED,
                             mmap.PROT_READ | mmap.PROT_WRITE)
        os.close(fd)
        self.regs = memoryview(self.map).cast("I")
        self.seen = 0   # PFSTS/PFACK are clear on read: kept here

    def rd(self, off):
        return self.regs[off // 4]

    def wr(self, off, val):
        self.regs[off // 4] = val & 0xFFFFFFFF

    def mbx(self):
        v = self.rd(VF_MBX)
        self.seen |= v & (PFSTS | PFACK)
        return v

    def event(self, bit, timeout):
        end = time.time() + timeout
        while True:
            self.mbx()
            if self.seen & bit:
                self.seen &= ~bit
                return True
            if time.time() > end:
                return False
            time.sleep(0.002)

    def take(self):
        for _ in range(50):
            self.wr(VF_MBX, VFU)
            if self.mbx() & VFU:
                return
            time.sleep(0.002)
        sys.exit("cannot take the mailbox")

    def read_msg(self):
        self.take()
        words = [self.rd(VF_MBMEM + 4 * i) for i in range(16)]
        self.wr(VF_MBX, ACK)
        print(" ".join("%08x" % w for w in words[:3]))


def vf_rst(bar, settle=0.05):
    bar.wr(VF_CTRL, VF_CTRL_RST)
    time.sleep(settle)
    end = time.time() + 5
    while bar.mbx() & RSTI:
        if time.time() > end:
            sys.exit("the VF still shows the PF in reset")
        time.sleep(0.01)


def vf_rst_seen(bar, n):
    for i in range(n):
        bar.wr(VF_RDBAL0, 0x1000)
        vf_rst(bar)
        end = time.time() + 10
        while bar.rd(VF_RDBAL0):
            if time.time() > end:
                sys.exit("reset %d: the PF did not clean the queue" % (i + 1))
            time.sleep(0.005)


def vf_post(bar, words):
    bar.take()
    # Only what the PF does after this post answers it: a PFSTS or PFACK
    # left from before (a PF message during the resets, say) would let
    # vf_req read the buffer before the PF wrote its answer.
    bar.mbx()
    bar.seen = 0
    for i, w in enumerate(words):
        bar.wr(VF_MBMEM + 4 * i, int(w, 0))
    bar.wr(VF_MBX, REQ)


def vf_req(bar, words, timeout):
    vf_post(bar, words)
    if not bar.event(PFACK, 3):
        sys.exit("the PF did not take the request")
    if not bar.event(PFSTS, timeout):
        sys.exit("no answer")
    bar.read_msg()


def run(bar, cmd, args):
    if cmd == "rd":
        for off in args:
            print("%08x" % bar.rd(int(off, 0)))
    elif cmd == "wr":
        for kv in args:
            off, val = kv.split("=")
            bar.wr(int(off, 0), int(val, 0))
    elif cmd == "vf-rst":
        vf_rst(bar)
    elif cmd == "vf-rst-seen":
        vf_rst_seen(bar, int(args[0], 0))
    elif cmd == "vf-req":
        vf_req(bar, args, 3)
    elif cmd == "vf-post":
        vf_post(bar, args)
    elif cmd == "vf-reqw":
        vf_req(bar, args[1:], float(args[0]))
    elif cmd == "vf-reset":
        vf_rst(bar, 0)
        vf_req(bar, ["0x1"], 3)
    elif cmd in ("vf-msg", "vf-msg-ms"):
        t0 = time.time()
        if not bar.event(PFSTS, float(args[0]) if args else 5):
            sys.exit("no message")
        waited = time.time() - t0
        bar.read_msg()
        if cmd == "vf-msg-ms":
            print("%d" % (waited * 1000))
    else:
        sys.exit(__doc__)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    bar = Bar(argv[1])
    cmd = []
    for a in argv[2:] + ["--"]:
        if a != "--":
            cmd.append(a)
            continue
        if cmd:
            run(bar, cmd[0], cmd[1:])
            sys.stdout.flush()
        cmd = []


if __name__ == "__main__":
    main(sys.argv)
