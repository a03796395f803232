#!/usr/bin/env python3
"""Reads one benchmark's output and prints its figures as rows of BENCHMARKS.md:

    | BENCH | figure | tidings | peer | peer's figure | tidings / peer |

usage: bench/rows.py BENCH LOGFILE

It understands the forms the benchmarks print (bench/README.md):
  - five-cell Markdown rows: | figure | tidings | peer | peer's figure | ratio |
  - /usr/bin/time summaries: PROGRAM LABEL wall W s cpu C s peak RSS R MB
  - best-of timings: NAME   T s   or   NAME  wall W s  cpu C s
    (NAME starting with "tidings" is ours; each of ours against each of the others)
  - extraction scores under a "SET (N pages)" heading:
        NAME  P=.. R=.. F1=..  ...  median M ms/page
Lines in none of these forms are left to the log."""
import re
import sys

ROW = re.compile(r"^\|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)\|\s*$")
TIME_V = re.compile(r"^(\S+)\s+(.*?)\s+wall\s+([\d.]+) s\s+cpu\s+([\d.]+) s\s+peak RSS\s+([\d.]+) MB")
BEST_OF = re.compile(r"^(\S.*?)\s+(\d+\.\d+) s\s*$")
WALL_CPU = re.compile(r"^(\S.*?)\s+wall\s+([\d.]+) s\s+cpu\s+([\d.]+) s\s*$")
SET = re.compile(r"^(\S+) \((\d+) pages\)\s*$")
SCORE = re.compile(r"^\s+(\S+)\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+).*?(?:median ([\d.]+) ms/page)?\s*$")


def number(s):
    try:
        return float(s)
    except ValueError:
        return None


def ratio(ours, theirs):
    a, b = number(ours), number(theirs)
    return "%.2f" % (a / b) if a is not None and b else "-"


def pairs(ours, peers, unit):
    """Rows of every figure of ours against the peers' figure of the same label."""
    rows = []
    for label, value in ours:
        for peer, plabel, pvalue in peers:
            if plabel == label:
                rows.append((label + unit, value, peer, pvalue))
    return rows


def read(lines):
    rows, t_ours, t_peers, best_ours, best_peers = [], [], [], [], []
    scores, current_set = {}, None
    for line in lines:
        line = line.rstrip("\n")
        m = ROW.match(line)
        if m:
            cells = [c.strip() for c in m.groups()]
            if cells[0] and cells[0] != "figure" and not set(cells[0]) <= set("-: "):
                rows.append((cells[0], cells[1], cells[2], cells[3],
                             cells[4] if cells[4] not in ("", "-") else None))
            continue
        m = TIME_V.match(line)
        if m:
            prog, label = m.group(1), m.group(2)
            figures = [(label + ", wall s", m.group(3)), (label + ", CPU s", m.group(4)),
                       (label + ", peak RSS MB", m.group(5))]
            if prog == "tidings":
                t_ours.extend(figures)
            else:
                t_peers.extend((prog, l, v) for l, v in figures)
            continue
        m = SET.match(line)
        if m:
            current_set = "%s, %s pages" % (m.group(1), m.group(2))
            continue
        m = SCORE.match(line)
        if m and current_set:
            scores.setdefault(current_set, []).append(m.groups())
            continue
        m = WALL_CPU.match(line)
        if m:
            name = m.group(1)
            target = best_ours if name.startswith("tidings") else best_peers
            target.append((name, m.group(2), "wall s"))
            target.append((name, m.group(3), "CPU s"))
            continue
        m = BEST_OF.match(line)
        if m:
            name, value = m.group(1), m.group(2)
            (best_ours if name.startswith("tidings") else best_peers).append((name, value, "s"))
    for label, value, peer, pvalue in pairs(t_ours, t_peers, ""):
        rows.append((label, value, peer, pvalue, None))
    for name, value, unit in best_ours:
        for peer, pvalue, punit in best_peers:
            if punit == unit:
                rows.append(("%s, %s (lower is better)" % (name, unit), value, peer, pvalue, None))
    for set_name, entries in scores.items():
        ours = [e for e in entries if e[0].startswith("tidings")]
        for o in ours:
            for p in entries:
                if p[0].startswith("tidings"):
                    continue
                rows.append(("%s: F1 (higher is better)" % set_name, o[3], p[0], p[3], None))
                if o[4] and p[4]:
                    rows.append(("%s: median ms per page (lower is better)" % set_name, o[4],
                                 p[0], p[4], None))
    return rows


def main():
    bench, path = sys.argv[1], sys.argv[2]
    with open(path, errors="replace") as f:
        rows = read(f)
    for figure, ours, peer, theirs, given in rows:
        print("| %s | %s | %s | %s | %s | %s |" % (bench, figure, ours, peer, theirs,
                                                   given or ratio(ours, theirs)))


if __name__ == "__main__":
    main()
