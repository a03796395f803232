#!/usr/bin/env python3
"""SIGKILLs `tidings refresh` at random points, many times, and checks the cache after each.

  crash_trials.py TRIALS TIDINGS CONF DATA

The feeds file in CONF lists feeds that change on every fetch (faultserver.py /rotating/),
so that every refresh writes. One complete refresh fills the cache first; then some items are
marked read and saved, as the reader would. Each trial starts a refresh, kills it with SIGKILL
after a random delay up to the length of a typical whole refresh, and then checks that
PRAGMA integrity_check says ok, that no read or saved flag was lost, and that the next
refresh runs to the end. New items are marked as the trials go, so flags written at any time
are covered. Prints a JSON summary on stdout; exits 0 when every check held."""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

trials, tidings, conf, data = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
db_path = data + "/cache.db"
base = [tidings, "--config", conf, "--data", data]
# The kill times come from CRASH_SEED when it is set, so that a failing run can be replayed;
# the seed is in the summary (and crash_safety.sh prints it) either way.
seed = int(os.environ.get("CRASH_SEED") or time.time_ns() % (1 << 32))
rng = random.Random(seed)


def refresh(timeout=120):
    start = time.monotonic()
    p = subprocess.run(base + ["refresh"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout)
    return p.returncode, time.monotonic() - start, p.stdout.decode("utf-8", "replace")


def connect():
    db = sqlite3.connect(db_path, timeout=30)
    db.execute("PRAGMA busy_timeout = 30000")
    return db


def integrity():
    db = connect()
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def flags():
    db = connect()
    try:
        read = {g for (g,) in db.execute("SELECT guid FROM items WHERE read = 1")}
        saved = {g for (g,) in db.execute("SELECT guid FROM items WHERE saved = 1")}
        return read, saved
    finally:
        db.close()


def mark_some(count):
    """Marks a few unread items read and a few saved, as the reader does: one short write."""
    db = connect()
    try:
        unread = [g for (g,) in db.execute("SELECT guid FROM items WHERE read = 0 ORDER BY guid")]
        rows = rng.sample(unread, min(count, len(unread)))
        with db:
            for i, g in enumerate(rows):
                db.execute("UPDATE items SET read = 1, saved = ? WHERE guid = ?", (i % 2, g))
    finally:
        db.close()


summary = {"seed": seed, "trials": 0, "killed_mid_refresh": 0, "integrity_failures": 0, "lost_flags": 0,
           "failed_next_refresh": 0, "problems": []}
rc, whole, out = refresh()
if rc != 0:
    print(json.dumps({"error": "the first refresh failed", "output": out[-2000:]}))
    sys.exit(1)
# The first refresh also creates the cache: the length of a typical one is what the kills
# are spread over.
whole = min(refresh()[1], refresh()[1])
mark_some(40)
expected_read, expected_saved = flags()

for trial in range(trials):
    delay = rng.uniform(0, whole)
    p = subprocess.Popen(base + ["refresh"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if p.poll() is None:
        summary["killed_mid_refresh"] += 1
    p.send_signal(signal.SIGKILL)
    p.wait()
    summary["trials"] += 1

    ic = integrity()
    if ic != "ok":
        summary["integrity_failures"] += 1
        summary["problems"].append("trial %d: integrity_check: %s" % (trial, ic[:200]))
    read, saved = flags()
    lost = (expected_read - read) | (expected_saved - saved)
    if lost:
        summary["lost_flags"] += len(lost)
        summary["problems"].append("trial %d: lost flags of %s" % (trial, sorted(lost)[:5]))
    rc, took, out = refresh()
    if rc != 0:
        summary["failed_next_refresh"] += 1
        summary["problems"].append("trial %d: next refresh exited %d: %s" % (trial, rc, out[-300:]))
    mark_some(3)
    expected_read, expected_saved = flags()

print(json.dumps(summary))
ok = (summary["integrity_failures"] == 0 and summary["lost_flags"] == 0 and
      summary["failed_next_refresh"] == 0)
sys.exit(0 if ok else 1)
