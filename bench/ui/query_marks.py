#!/usr/bin/env python3
"""What a mark costs in the reader while a query view's count is on screen: the reader on a
cache (bench/ui/make_caches.py) through a pty, `j` and `r` (toggle read) pressed N times each
in the All view, each timed to the end of its redraw, and the reader's CPU time per `r` from
/proc. Put a query view in the feeds file first, e.g. with a regular expression:

    "query:Timely:title =~ \\"^time\\""

    query_marks.py TIDINGS CONFIG_DIR DATA_DIR [N]     prints one JSON object
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pty_bench as pb  # noqa: E402


def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    tidings, conf, data = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    master, proc = pb.spawn([tidings, "--config", conf, "--data", data])
    out = {}
    if not pb.wait_for(master, "? help"):
        out["error"] = "the first screen never showed"
    else:
        out["j"] = pb.stats([pb.timed(master, b"j") for _ in range(n)])
        before = cpu_seconds(proc.pid)
        out["r"] = pb.stats([pb.timed(master, b"r") for _ in range(n)])
        out["r_cpu_ms"] = round((cpu_seconds(proc.pid) - before) / n * 1000, 2)
    pb.quit(master, proc)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
