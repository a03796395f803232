#!/usr/bin/env python3
"""A terminal that draws pixels, played on a pty for the reader's picture tests:

    fake_terminal.py kitty|sixel|plain LOG -- COMMAND...

Runs COMMAND on a 100x40 pty whose cells are 10x20 pixels, answers the queries the reader
sends as that kind of terminal would (kitty: the kitty graphics query with OK and DA1
without sixel; sixel: DA1 listing 4; plain: DA1 only), waits until a picture has been drawn
with pixels (or 5 s), then sends C-l and waits for it to be drawn again, then Q. Everything
the reader wrote goes to LOG; one line of findings goes to standard output:
"queries=K,D pictures=N redrawn=0|1 cleared=0|1"."""
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time

kind, log = sys.argv[1], sys.argv[2]
command = sys.argv[sys.argv.index("--") + 1:]
IMAGE = {"kitty": b"\x1b_Ga=T", "sixel": b"\x1bP0;1;0q"}.get(kind, b"\x1b_Ga=T")

master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 1000, 800))
env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8")
env.pop("TMUX", None)
env.pop("STY", None)
proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                        start_new_session=True)
os.close(slave)
seen = b""
answered_kitty = answered_da1 = False


def pump(until, timeout):
    """Reads and answers until until(seen) holds or timeout passes; returns whether it held."""
    global seen, answered_kitty, answered_da1
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if until(seen):
            return True
        r, _, _ = select.select([master], [], [], 0.05)
        if not r:
            continue
        try:
            data = os.read(master, 65536)
        except OSError:
            return until(seen)
        seen += data
        if not answered_kitty and b"\x1b_Gi=31," in seen:
            answered_kitty = True
            if kind == "kitty":
                os.write(master, b"\x1b_Gi=31;OK\x1b\\")
        if not answered_da1 and b"\x1b[c" in seen:
            answered_da1 = True
            os.write(master, b"\x1b[?62;4;22c" if kind == "sixel" else b"\x1b[?62;22c")
    return until(seen)


first = pump(lambda s: IMAGE in s, 8)
count_before = seen.count(IMAGE)
os.write(master, b"\x0c")
redrawn = pump(lambda s: s.count(IMAGE) > count_before, 5)
os.write(master, b"Q")
pump(lambda s: False, 1)
try:
    proc.wait(timeout=5)
except subprocess.TimeoutExpired:
    proc.kill()
with open(log, "wb") as f:
    f.write(seen)
print("queries=%d,%d pictures=%d redrawn=%d cleared=%d" % (
    b"\x1b_Gi=31," in seen, b"\x1b[c" in seen, seen.count(IMAGE) if first else 0, redrawn,
    seen.endswith(b"") and b"\x1b_Ga=d,d=A" in seen))
