#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bringup.py PF_PCI N [OUT]: time sriov_numvfs=N to every VF's carrier.

One process, no fork per look: writes N to the PF's sriov_numvfs, then
every millisecond looks for each VF's netdev (virtfnI/net), sets it up
(SIOCSIFFLAGS) as soon as it appears and reads its carrier. Prints
"# bench: total_ms" and, with OUT, one line per VF to OUT: the
milliseconds after the write started at which the write returned, the
netdev appeared, it was up and its carrier came. A marker line goes to
the kernel log (and the ftrace buffer) at the start, so that dmesg and
trace times can be set against these.
"""
import fcntl
import os
import socket
import struct
import sys
import time

SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


def mark(msg):
    for path in ("/dev/kmsg", "/sys/kernel/tracing/trace_marker"):
        try:
            with open(path, "w") as f:
                f.write(msg + "\n")
        except OSError:
            pass


def set_up(sock, name):
    ifr = struct.pack("16sH14x", name.encode(), 0)
    flags = struct.unpack("16sH", fcntl.ioctl(sock, SIOCGIFFLAGS, ifr)[:18])[1]
    if not flags & IFF_UP:
        fcntl.ioctl(sock, SIOCSIFFLAGS,
                    struct.pack("16sH14x", name.encode(), flags | IFF_UP))


def main():
    pf, n = sys.argv[1], int(sys.argv[2])
    out = sys.argv[3] if len(sys.argv) > 3 else None
    base = "/sys/bus/pci/devices/%s" % pf
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    dev, t_dev, t_up, t_car = [None] * n, [0] * n, [0] * n, [0] * n

    mark("snic-bringup start %d" % n)
    t0 = time.monotonic()
    with open(base + "/sriov_numvfs", "w") as f:
        f.write(str(n))
    t_write = time.monotonic()
    deadline = t0 + 60
    while time.monotonic() < deadline:
        for i in range(n):
            if dev[i] is None:
                try:
                    names = os.listdir("%s/virtfn%d/net" % (base, i))
                except OSError:
                    continue
                if not names:
                    continue
                dev[i], t_dev[i] = names[0], time.monotonic()
            if not t_up[i]:
                try:
                    set_up(sock, dev[i])
                except OSError:
                    dev[i] = None	# renamed meanwhile: look again
                    continue
                t_up[i] = time.monotonic()
            if not t_car[i]:
                try:
                    with open("/sys/class/net/%s/carrier" % dev[i]) as f:
                        if f.read().strip() == "1":
                            t_car[i] = time.monotonic()
                except OSError:
                    pass
        if all(t_car):
            break
        time.sleep(0.001)
    mark("snic-bringup end %d" % n)

    def ms(t):
        return int((t - t0) * 1000) if t else -1

    if out:
        with open(out, "w") as f:
            f.write("# vf dev write_ms netdev_ms up_ms carrier_ms\n")
            for i in range(n):
                f.write("%d %s %d %d %d %d\n" % (i, dev[i], ms(t_write),
                        ms(t_dev[i]), ms(t_up[i]), ms(t_car[i])))
    if not all(t_car):
        print("# bringup: %d of %d VFs without carrier after 60 s"
              % (n - sum(1 for t in t_car if t), n))
        return 1
    print("# bench: total_ms %d" % ms(max(t_car)))
    print("# bench: write_ms %d" % ms(t_write))
    return 0


if __name__ == "__main__":
    sys.exit(main())
