#!/usr/bin/env python3
"""Keystroke to redraw while pictures load, measured from outside through a pseudo-terminal:

    pictures_pty.py --titles T1,T2,... -- COMMAND...

Starts COMMAND on a 120x40 pty, waits for the first title, then for each next title sends 'j'
(the next article) and takes the time from the write of the key to the moment the new title
has been drawn (the redraw the key causes; pictures arriving later draw on their own), and to
the end of the output that follows (40 ms of silence, not counted), which includes pictures
of the new article arriving meanwhile. Prints one JSON object of medians, 90th percentiles
and maxima in milliseconds."""
import argparse
import json
import os
import select
import time

from pty_bench import quit, spawn, stats  # the same pty and summary as the other runs

QUIET = 0.040


def read_until(fd, text, deadline):
    seen, end = b"", time.monotonic() + deadline
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            seen += os.read(fd, 65536)
            if text in seen:
                return time.monotonic()
    return None


def read_until_quiet(fd, deadline=10.0):
    last, end = None, time.monotonic() + deadline
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], QUIET)
        if not r:
            break
        if not os.read(fd, 65536):
            break
        last = time.monotonic()
    return last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--titles", required=True)
    ap.add_argument("command", nargs="+")
    a = ap.parse_args()
    titles = a.titles.split(",")
    master, proc = spawn(a.command)
    out = {}
    if read_until(master, titles[0].encode(), 60) is None:
        out["error"] = "the first screen never showed"
    else:
        read_until_quiet(master)
        shown, settled = [], []
        for title in titles[1:]:
            os.write(master, b"j")
            t0 = time.monotonic()
            t1 = read_until(master, title.encode(), 10)
            shown.append(None if t1 is None else (t1 - t0) * 1000)
            t2 = read_until_quiet(master)
            settled.append(None if t1 is None else ((t2 or t1) - t0) * 1000)
        out["to_new_article"] = stats(shown)
        out["to_quiet"] = stats(settled)
    quit(master, proc)
    print(json.dumps(out))


main()
