#!/usr/bin/env python3
"""Time from start to the first full screen of a terminal program, as a user sees it: the
program runs in a tmux session of its own (120x40) and the screen is polled with
capture-pane until TEXT shows. The time tmux itself takes to show the output of a plain
`echo` is measured the same way and subtracted. Peak memory comes from /usr/bin/time -f %M
around the program, which is then quit with QUIT_KEYS (or ends by itself).

    tmux_first_screen.py --runs N --expect TEXT [--quit-keys KEYS] [--cwd DIR] -- COMMAND...

Prints one JSON object: median and spread of the times in ms, the echo baseline, peak RSS in
KiB."""
import argparse
import json
import os
import shlex
import subprocess
import tempfile
import time

SOCKET_DIR = tempfile.mkdtemp(prefix="tidings-bench-tmux.")
SOCKET = os.path.join(SOCKET_DIR, "sock")


def tm(*args, check=False):
    return subprocess.run(["tmux", "-S", SOCKET, "-f", "/dev/null"] + list(args),
                          capture_output=True, text=True, check=check)


def start_session(command):
    """Starts the session; a server still shutting down can refuse it, so try a few times."""
    for _ in range(20):
        if tm("new-session", "-d", "-s", "b", "-x", "120", "-y", "40", command).returncode == 0:
            return True
        time.sleep(0.1)
    return False


def one_run(command, expect, quit_keys, cwd, timeout):
    """Seconds until expect shows, and the program's peak RSS in KiB (or None)."""
    tm("kill-server")
    with tempfile.NamedTemporaryFile(suffix=".time", delete=False) as f:
        time_file = f.name
    wrapped = "cd %s && /usr/bin/time -f %%M -o %s %s; sleep 600" % (
        shlex.quote(cwd), shlex.quote(time_file), " ".join(shlex.quote(c) for c in command))
    t0 = time.monotonic()
    if not start_session("env TERM=screen-256color LC_ALL=C.UTF-8 sh -c %s"
                         % shlex.quote(wrapped)):
        os.unlink(time_file)
        return None, None
    shown = None
    while time.monotonic() - t0 < timeout:
        cap = tm("capture-pane", "-p", "-t", "b")
        if cap.returncode != 0:
            break
        if expect in cap.stdout:
            shown = time.monotonic() - t0
            break
        time.sleep(0.002)
    if quit_keys:
        tm("send-keys", "-t", "b", quit_keys)
    rss = None
    end = time.monotonic() + 30
    while time.monotonic() < end:
        try:
            with open(time_file) as f:
                text = f.read().strip().splitlines()
            if text:
                rss = int(text[-1])
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    os.unlink(time_file)
    tm("kill-server")
    return shown, rss


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--quit-keys", default="")
    ap.add_argument("--cwd", default=".")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("command", nargs="+")
    a = ap.parse_args()

    base = [one_run(["echo", "BASELINE-READY"], "BASELINE-READY", "", a.cwd, 30)[0]
            for _ in range(5)]
    times, rss = [], []
    for _ in range(a.runs):
        t, r = one_run(a.command, a.expect, a.quit_keys, a.cwd, a.timeout)
        if t is not None:
            times.append(t)
        if r is not None:
            rss.append(r)
    b = median([x for x in base if x is not None]) or 0
    out = {"runs": len(times), "baseline_ms": round(b * 1000, 1)}
    if times:
        out["first_screen_ms"] = round((median(times) - b) * 1000, 1)
        out["min_ms"] = round((min(times) - b) * 1000, 1)
        out["max_ms"] = round((max(times) - b) * 1000, 1)
    else:
        out["error"] = "the first screen never showed %r" % a.expect
    if rss:
        out["peak_rss_kib"] = max(rss)
    tm("kill-server")
    for remove in (lambda: os.unlink(SOCKET), lambda: os.rmdir(SOCKET_DIR)):
        try:
            remove()
        except OSError:
            pass
    print(json.dumps(out))


main()
