#!/usr/bin/env python3
"""Measures a command for the resource-bound tests.

  measure.py rss COMMAND...     peak resident set of COMMAND in KiB (its status is ignored)
  measure.py cpu N COMMAND...   the least CPU seconds (user + system) of N runs of COMMAND,
                                which must succeed

CPU time rather than wall time, so that a busy machine does not make a linear renderer look
quadratic; the least of several runs for the same reason."""
import os
import resource
import subprocess
import sys


def run(cmd):
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    return status, usage


if sys.argv[1] == "rss":
    print(run(sys.argv[2:])[1].ru_maxrss)
elif sys.argv[1] == "cpu":
    best = None
    for _ in range(int(sys.argv[2])):
        status, u = run(sys.argv[3:])
        if status != 0:
            sys.exit("%s failed (wait status %d)" % (" ".join(sys.argv[3:]), status))
        t = u.ru_utime + u.ru_stime
        best = t if best is None else min(best, t)
    print("%.3f" % best)
else:
    sys.exit("usage: measure.py rss|cpu ...")
