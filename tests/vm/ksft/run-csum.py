#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Run linux-source-6.12's drivers/net/hw/csum.py unchanged.

6.12's csum.py builds its remote commands with cfg.remote_ifname, which
6.12's NetDrvEpEnv never sets (later kernels discover it): every case that
gets past its feature check dies of an AttributeError, whatever the NIC.
This gives the class the remote interface's name from REMOTE_IFNAME and
runs the test as its own __main__.

The transmit cases start the receiver with "-L 1": it gives up one second
after it starts. On a TCG guest the test's own wait for the receiver's
port (a process or three per poll) plus the sender's start take about
that long, and the receiver was seen gone before the first packet (the
sender then fails with ECONNREFUSED). The receiver is given 5 s instead;
what it checks (all 100 packets, their checksums) is unchanged.

  run-csum.py PATH/TO/drivers/net/hw/csum.py
"""
import os
import runpy
import sys

test = os.path.abspath(sys.argv[1])
sys.argv = [test] + sys.argv[2:]
sys.path.insert(0, os.path.dirname(test))
from lib.py import NetDrvEpEnv  # noqa: E402  (the test's own lib.py)

import lib.py as ksft_lib  # noqa: E402

NetDrvEpEnv.remote_ifname = os.environ["REMOTE_IFNAME"]
_bkg = ksft_lib.bkg


def bkg_slow_receiver(comm, *args, **kwargs):
    """The test's bkg() with the receiver's timeout raised to 5 s."""
    return _bkg(comm.replace(" -L 1 ", " -L 5 "), *args, **kwargs)


ksft_lib.bkg = bkg_slow_receiver
runpy.run_path(test, run_name="__main__")
