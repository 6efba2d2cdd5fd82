#!/usr/bin/env python3
"""Waits until a service answers 200 on a health URL, for the start-up benchmarks.

One process polls every 10 ms over plain sockets. Polling with a new curl process every 20 ms took as much as
half a core of a two-core machine from the start being measured, and made starts look up to 2 s slower.
Exits 0 once healthy, 1 when the process PID has ended first, 2 after TIMEOUT seconds.
    wait_healthy.py PORT PID [PATH] [TIMEOUT]
"""
import os
import socket
import sys
import time


def healthy(port, path):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a child that ended but was not yet reaped by its shell is a zombie: it counts as ended
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    path = sys.argv[3] if len(sys.argv) > 3 else "/api/v2/health"
    deadline = time.monotonic() + (float(sys.argv[4]) if len(sys.argv) > 4 else 300)
    while time.monotonic() < deadline:
        if healthy(port, path):
            return 0
        if not alive(pid):
            return 1
        time.sleep(0.01)
    return 2


if __name__ == "__main__":
    sys.exit(main())
