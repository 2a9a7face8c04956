#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The slab caches that grew most since a saved copy of /proc/slabinfo.

  slab-growth.py BEFORE [N]

Prints one line, "cache +bytes; ...", the N (default 6) caches whose
bytes in use (active objects x object size) grew most from BEFORE to the
current /proc/slabinfo: to tell a leak from cache warm-up in a scenario's
diagnostics.
"""
import sys


def in_use(path):
    caches = {}
    with open(path) as f:
        for line in f.readlines()[2:]:
            x = line.split()
            caches[x[0]] = int(x[1]) * int(x[3])
    return caches


def main(argv):
    before = in_use(argv[1])
    after = in_use("/proc/slabinfo")
    n = int(argv[2]) if len(argv) > 2 else 6
    grown = sorted(((after[k] - before.get(k, 0), k) for k in after),
                   reverse=True)[:n]
    print("; ".join("%s +%d" % (k, v) for v, k in grown))


if __name__ == "__main__":
    main(sys.argv)
