#!/usr/bin/env python3
"""Keystroke-to-redraw and search times of a terminal program, measured from outside through
a pseudo-terminal (no tmux in between):

    pty_bench.py [--cols C --rows R --keys N --search WORDS --ready TEXT] -- COMMAND...

Starts COMMAND on a pty of C x R, waits until TEXT has been drawn and the output has gone
quiet, then N times sends 'j' and takes the time from the write of the key to the last byte of
the redraw it causes (the output is considered done after 40 ms of silence, which is not
counted). With --search, types '/' and the words, then times from the Enter to the last byte
of the redraw that shows the results (the status line says how many articles match). With
--live, types '/' and then the words one key at a time, each timed to the end of the redraw
of the results so far (the reader searches as you type).
Prints one JSON object: the median, 90th percentile and maximum in milliseconds."""
import argparse
import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time

QUIET = 0.040


def read_until_quiet(fd, deadline=10.0):
    """Reads until QUIET seconds pass without output; returns (bytes, time of last byte)."""
    data, last = b"", None
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], QUIET)
        if not r:
            if last is not None:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
        last = time.monotonic()
    return data, last


def wait_for(fd, text, timeout=120.0):
    seen, end = b"", time.monotonic() + timeout
    while time.monotonic() < end and text.encode() not in seen:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            seen += os.read(fd, 65536)
    read_until_quiet(fd)
    return text.encode() in seen


def timed(fd, payload, done=None):
    """Milliseconds from writing payload to the last byte of the redraw it causes; with done,
    the redraw counts only once that text has been drawn (a search may first hide the
    cursor, then think, then draw)."""
    os.write(fd, payload)
    t0 = time.monotonic()
    seen = b""
    while True:
        data, last = read_until_quiet(fd)
        seen += data
        if last is None or done is None or done.encode() in seen:
            break
    return None if last is None else (last - t0) * 1000


def stats(xs):
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return None
    return {"n": len(xs), "median_ms": round(xs[len(xs) // 2], 2),
            "p90_ms": round(xs[int(len(xs) * 0.9) - 1 if len(xs) >= 10 else -1], 2),
            "max_ms": round(xs[-1], 2)}


def spawn(command, cols=120, rows=40):
    """Starts command on a new pty of cols x rows; returns (master fd, process)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8")
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    return master, proc


def quit(master, proc):
    """Presses Q and waits for the program to end; kills its group if it does not."""
    os.write(master, b"Q")
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--keys", type=int, default=100)
    ap.add_argument("--search", action="append", default=[])
    # as you type: '/' then the words one character at a time, each timed to its redraw
    ap.add_argument("--live", action="append", default=[])
    ap.add_argument("--ready", default="? help")
    ap.add_argument("command", nargs="+")
    a = ap.parse_args()

    master, proc = spawn(a.command, a.cols, a.rows)
    out = {}
    if not wait_for(master, a.ready):
        out["error"] = "the first screen never showed %r" % a.ready
    else:
        out["keystroke"] = stats([timed(master, b"j") for _ in range(a.keys)])
        searches = []
        for words in a.search:
            os.write(master, b"/" + words.encode())
            read_until_quiet(master)
            searches.append(timed(master, b"\r", "match"))
            # Back to the All view for the next one.
            os.write(master, b"\t\t\t")
            read_until_quiet(master)
        if searches:
            out["search"] = stats(searches)
        live, per_key = [], []
        for words in a.live:
            os.write(master, b"/")
            read_until_quiet(master)
            typed = ""
            for ch in words:
                typed += ch
                live.append(timed(master, ch.encode()))
                per_key.append([typed, round(live[-1], 2)])
            os.write(master, b"\x1b")
            read_until_quiet(master)
        if live:
            out["live"] = stats(live)
            # each key's time beside what was typed by then: which words cost the most
            out["live_keys"] = per_key
    quit(master, proc)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
