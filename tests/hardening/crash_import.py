#!/usr/bin/env python3
"""SIGKILLs `tidings import` (OPML, and --from-newsboat) at random points and checks after each.

  crash_import.py TRIALS TIDINGS CONF DATA OPML NEWSBOAT_DIR

Before the trials the cache holds feeds with articles marked read and saved. Each trial
starts an import (OPML and newsboat in turn), kills it with SIGKILL after a random delay up
to the length of a whole import, then checks that PRAGMA integrity_check says ok, that the
feeds file still loads (`tidings feeds` succeeds), that no read or saved flag was lost, and
that the same import run again completes. At the end the cache and the feeds file hold what
one import without kills gives. Prints a JSON summary; exits 0 when every check held."""
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time

trials, tidings, conf, data, opml, nbdir = (int(sys.argv[1]),) + tuple(sys.argv[2:7])
db_path = data + "/cache.db"
base = [tidings, "--config", conf, "--data", data]
imports = [["import", opml], ["import", "--from-newsboat", nbdir]]
rng = random.Random(int(time.time()))


def run(args, timeout=120):
    start = time.monotonic()
    p = subprocess.run(base + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout)
    return p.returncode, time.monotonic() - start, p.stdout.decode("utf-8", "replace")


def query(sql):
    db = sqlite3.connect(db_path, timeout=30)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def flags():
    read = {g for (g,) in query("SELECT guid FROM items WHERE read = 1")}
    saved = {g for (g,) in query("SELECT guid FROM items WHERE saved = 1")}
    return read, saved


summary = {"trials": 0, "killed_mid_import": 0, "integrity_failures": 0, "feeds_file_failures": 0,
           "lost_flags": 0, "failed_next_import": 0, "problems": []}
rc, _, out = run(["refresh"])
if rc != 0:
    print(json.dumps({"error": "the first refresh failed", "output": out[-2000:]}))
    sys.exit(1)
db = sqlite3.connect(db_path, timeout=30)
with db:
    db.execute("UPDATE items SET read = 1, saved = id % 2 WHERE id % 3 = 0")
db.close()
expected_read, expected_saved = flags()
# the length of each whole import, in a copy of the data kept aside: what kills spread over
whole = []
for args in imports:
    rc, took, out = run(args)
    whole.append(took)
final_items = query("SELECT count(*) FROM items")[0][0]
with open(conf + "/feeds") as f:
    final_feeds = f.read()

for trial in range(trials):
    args = imports[trial % 2]
    p = subprocess.Popen(base + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0, whole[trial % 2]))
    if p.poll() is None:
        summary["killed_mid_import"] += 1
    p.send_signal(signal.SIGKILL)
    p.wait()
    summary["trials"] += 1
    ic = query("PRAGMA integrity_check")[0][0]
    if ic != "ok":
        summary["integrity_failures"] += 1
        summary["problems"].append("trial %d: integrity_check: %s" % (trial, ic[:200]))
    rc, _, out = run(["feeds"])
    if rc != 0:
        summary["feeds_file_failures"] += 1
        summary["problems"].append("trial %d: feeds: %s" % (trial, out[-300:]))
    read, saved = flags()
    lost = (expected_read - read) | (expected_saved - saved)
    if lost:
        summary["lost_flags"] += len(lost)
        summary["problems"].append("trial %d: lost flags of %s" % (trial, sorted(lost)[:5]))
    rc, _, out = run(args)
    if rc not in (0, 1) or "rror" in out and "refused" not in out:
        summary["failed_next_import"] += 1
        summary["problems"].append("trial %d: next import exited %d: %s" % (trial, rc, out[-300:]))

items = query("SELECT count(*) FROM items")[0][0]
with open(conf + "/feeds") as f:
    feeds = f.read()
summary["same_end_state"] = items == final_items and feeds == final_feeds
if not summary["same_end_state"]:
    summary["problems"].append("end state: %d items (expected %d), feeds file %s" %
                               (items, final_items, "same" if feeds == final_feeds else "differs"))
print(json.dumps(summary))
ok = (summary["integrity_failures"] == 0 and summary["lost_flags"] == 0 and
      summary["feeds_file_failures"] == 0 and summary["failed_next_import"] == 0 and
      summary["same_end_state"])
sys.exit(0 if ok else 1)
