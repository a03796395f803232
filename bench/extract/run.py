#!/usr/bin/env python3
"""The extraction benchmark: tidings' extractor and Mozilla Readability (Node.js, jsdom) on
the same pages in the same run, scored side by side (score.py), with the median time per
page of each in CPU time (in-process: bench/extract/extract-bench for tidings, one
long-lived node process for Readability, its start-up left out; CPU time, because the
machine is shared and wall time would also count the neighbours).

    bench/extract/run.py [--build DIR] [--shared DIR] [--no-node] [--per-page] [--sets A,B]

Sets: article-benchmark, readability (the benchmark's shingle F1) and trafilatura-eval
(trafilatura's snippet F1); all three by default.

Readability needs `npm install` in bench/extract once (node_modules is not committed).
"""
import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score  # noqa: E402

FAKEHOST = "http://fakehost/test/page.html"
SETS = ("article-benchmark", "readability", "trafilatura-eval")


def pages_of(set_name, corpus, tmp):
    """[(ID, path of the HTML)] for one set; article-benchmark pages are gunzipped to tmp."""
    out = []
    if set_name == "article-benchmark":
        html_dir = os.path.join(corpus, "html")
        for name in sorted(os.listdir(html_dir)):
            if not name.endswith(".html.gz"):
                continue
            page_id = name[: -len(".html.gz")]
            dest = os.path.join(tmp, page_id + ".html")
            with gzip.open(os.path.join(html_dir, name), "rb") as f, open(dest, "wb") as g:
                shutil.copyfileobj(f, g)
            out.append((page_id, dest))
    elif set_name == "trafilatura-eval":
        html_dir = os.path.join(corpus, "html")
        for name in sorted(os.listdir(html_dir)):
            out.append((name, os.path.join(html_dir, name)))
    else:
        for name in sorted(os.listdir(corpus)):
            src = os.path.join(corpus, name, "source.html")
            if os.path.isfile(src):
                out.append((name, src))
    return out


def run_extractor(cmd, pages, out_dir):
    """Runs one extractor over every page in one process; renames N.json to ID.json and
    returns the per-page times in ms."""
    raw = os.path.join(out_dir, "raw")
    os.makedirs(raw)
    subprocess.run(cmd(raw) + [p for _, p in pages], check=True, stdout=subprocess.DEVNULL)
    times = []
    for i, (page_id, _) in enumerate(pages):
        src = os.path.join(raw, f"{i}.json")
        if not os.path.exists(src):
            continue
        with open(src, encoding="utf-8") as f:
            times.append(json.load(f)["ms"])
        os.rename(src, os.path.join(out_dir, page_id + ".json"))
    return times


def fmt(r, times):
    s = f"P={r['precision']:.4f} R={r['recall']:.4f} F1={r['f1']:.4f}"
    if "accuracy" in r:
        s += f"  accuracy {r['accuracy']:.4f}"
    if "meta_title" in r:
        s += (f"  title {r['meta_title']:.1%} byline {r['meta_byline']:.1%}"
              f" site {r['meta_site_name']:.1%}")
    if times:
        s += f"  median {statistics.median(times):.2f} ms/page"
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(HERE, "..", "..", "build"))
    ap.add_argument("--shared", default=os.environ.get("SHARED_DIR",
                                                       os.path.join(HERE, "..", "..", "..", "shared")))
    ap.add_argument("--no-node", action="store_true")
    ap.add_argument("--per-page", action="store_true")
    ap.add_argument("--keep", help="keep the outputs in this directory")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated sets to run")
    args = ap.parse_args()

    bench = os.path.join(args.build, "bench", "extract", "extract-bench")
    if not os.access(bench, os.X_OK):
        sys.exit(f"{bench}: build it first (make in the build directory)")
    node_ok = not args.no_node and os.path.isdir(os.path.join(HERE, "node_modules", "jsdom"))
    if not args.no_node and not node_ok:
        print("Readability skipped: run `npm install` in bench/extract", file=sys.stderr)

    print("Times: CPU time per page inside one process each, start-up left out.")
    tmp = args.keep or tempfile.mkdtemp(prefix="tidings-bench-")
    try:
        for set_name in args.sets.split(","):
            corpus = os.path.join(args.shared, "corpora", set_name)
            if not os.path.isdir(corpus):
                print(f"{set_name}: not in {args.shared}/corpora, skipped", file=sys.stderr)
                continue
            pages_dir = os.path.join(tmp, set_name, "pages")
            os.makedirs(pages_dir, exist_ok=True)
            pages = pages_of(set_name, corpus, pages_dir)
            rows = []
            out = os.path.join(tmp, set_name, "tidings")
            times = run_extractor(lambda raw: [bench, raw, "--base-url", FAKEHOST], pages, out)
            rows.append(("tidings", score.score(set_name, corpus, out, args.per_page), times))
            if node_ok:
                out = os.path.join(tmp, set_name, "readability")
                js = os.path.join(HERE, "readability_bench.js")
                times = run_extractor(lambda raw: ["node", js, raw, FAKEHOST], pages, out)
                rows.append(("Readability.js", score.score(set_name, corpus, out, args.per_page),
                             times))
            print(f"{set_name} ({len(pages)} pages)")
            for name, r, t in rows:
                print(f"  {name:15} {fmt(r, t)}")
            if len(rows) == 2 and rows[0][2] and rows[1][2]:
                ratio = statistics.median(rows[1][2]) / statistics.median(rows[0][2])
                print(f"  tidings is {ratio:.1f}x faster per page (medians)")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
