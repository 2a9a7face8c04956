#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The far end of tests/vm/vf-migrate.sh's TCP stream.

    mig-sink.py PORT LOG

Listens on PORT and reads whatever connects, every connection counted.
Every 0.2 s it appends "TIME BYTES CONNECTIONS" to LOG (TIME: seconds of
the epoch, BYTES: received in all). SIGUSR1 writes "migrated" back on the
open connection (the inner guest waits for it before its last checks);
SIGTERM ends it.
"""
import selectors
import signal
import socket
import sys
import time


def main():
    port, log = int(sys.argv[1]), sys.argv[2]
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", port))
    srv.listen(4)
    sel = selectors.DefaultSelector()
    sel.register(srv, selectors.EVENT_READ)
    state = {"bytes": 0, "conns": 0, "peer": None, "tell": False, "stop": False}

    def usr1(*_):
        state["tell"] = True

    def term(*_):
        state["stop"] = True

    signal.signal(signal.SIGUSR1, usr1)
    signal.signal(signal.SIGTERM, term)
    out = open(log, "a", buffering=1)
    next_log = time.time()
    while not state["stop"]:
        for key, _ in sel.select(timeout=0.1):
            if key.fileobj is srv:
                conn, _ = srv.accept()
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ)
                state["conns"] += 1
                state["peer"] = conn
                continue
            try:
                data = key.fileobj.recv(65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if not data:
                sel.unregister(key.fileobj)
                key.fileobj.close()
                if state["peer"] is key.fileobj:
                    state["peer"] = None
                continue
            state["bytes"] += len(data)
        if state["tell"] and state["peer"] is not None:
            try:
                state["peer"].send(b"migrated\n")
                state["tell"] = False
            except OSError:
                pass
        now = time.time()
        if now >= next_log:
            out.write(f"{now:.2f} {state['bytes']} {state['conns']}\n")
            next_log = now + 0.2
    out.write(f"{time.time():.2f} {state['bytes']} {state['conns']}\n")


if __name__ == "__main__":
    main()
