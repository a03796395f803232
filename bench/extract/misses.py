#!/usr/bin/env python3
"""Where the extractor goes wrong on trafilatura-eval, by page and by kind of snippet.

    misses.py CORPUS_DIR PRED_DIR [--worst N] [--kinds]

For each page with errors (worst first: missed "with" plus kept "without" snippets) it prints
every missed snippet (fn) and every kept boilerplate snippet (fp) with the chain of elements
that holds it in the page (tag.class#id, innermost last) and, for a kept one, where it sits in
the extracted text (0.0 = start, 1.0 = end). --kinds sums the errors by the innermost block
element around the snippet, by position in the text and by whether the page gave no text,
which is how to find the kinds of page to fix rather than single pages.
"""
import argparse
import html.parser
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score  # noqa: E402

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
SKIP = {"script", "style", "noscript", "template"}
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "figcaption", "caption", "pre", "div", "section", "article", "aside", "footer",
          "header", "nav", "form", "table", "ul", "ol", "main", "span", "a"}


class _Chunks(html.parser.HTMLParser):
    """The page's text as chunks, each with the element chain it sits in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.chunks, self.skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        label = tag
        if a.get("class"):
            label += "." + ".".join(a["class"].split()[:2])
        if a.get("id"):
            label += "#" + a["id"]
        self.stack.append((tag, label))
        if tag in SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for t, _ in self.stack[i:]:
                    if t in SKIP:
                        self.skip = max(0, self.skip - 1)
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.chunks.append((data, list(self.stack)))


def read_page(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def locate(chunks, snippet):
    """The element chain of the chunk where the snippet starts, or None."""
    want = score.ws_norm(snippet)
    text, starts = "", []
    for data, chain in chunks:
        starts.append(len(text))
        text += score.ws_norm(data) + " "
    pos = text.find(want[:40])
    if pos < 0:
        return None
    i = max(k for k, s in enumerate(starts) if s <= pos)
    return chunks[i][1]


def chain_str(chain):
    return " > ".join(label for _, label in chain[-6:]) if chain else "(not found in page)"


def block_of(chain):
    for tag, _ in reversed(chain or []):
        if tag in BLOCKS and tag not in ("span", "a"):
            return tag
    return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("pred_dir")
    ap.add_argument("--worst", type=int, default=40)
    ap.add_argument("--kinds", action="store_true")
    args = ap.parse_args()
    with open(os.path.join(args.corpus, "expectations.json"), encoding="utf-8") as f:
        expect = json.load(f)
    pages = []
    kinds = Counter()
    for page_id in sorted(expect):
        text = score.ws_norm(score.read_pred_text(os.path.join(args.pred_dir, page_id + ".json")))
        e = expect[page_id]
        fns = [s for s in e.get("with", []) if score.ws_norm(s) not in text]
        fps = [s for s in e.get("without", []) if score.ws_norm(s) in text]
        if fns or fps:
            pages.append((len(fns) + len(fps), page_id, text, fns, fps))
    pages.sort(key=lambda p: (-p[0], p[1]))
    for n, (_, page_id, text, fns, fps) in enumerate(pages):
        chunks = _Chunks()
        chunks.feed(read_page(os.path.join(args.corpus, "html", page_id)))
        chunks = chunks.chunks
        show = n < args.worst
        if show:
            print(f"== {page_id}: {len(fns)} missed, {len(fps)} kept, text {len(text)} chars")
        for s in fns:
            chain = locate(chunks, s)
            kinds["fn empty" if not text else "fn in " + block_of(chain)] += 1
            if show:
                print(f"  - MISSED {s[:90]!r}\n      {chain_str(chain)}")
        for s in fps:
            chain = locate(chunks, s)
            pos = text.find(score.ws_norm(s)) / max(1, len(text))
            kinds[f"fp at {'start' if pos < 0.1 else 'end' if pos > 0.9 else 'middle'}"] += 1
            kinds["fp in " + block_of(chain)] += 1
            if show:
                print(f"  + KEPT @{pos:.2f} {s[:90]!r}\n      {chain_str(chain)}")
    if args.kinds:
        print("\n== errors by kind")
        for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]):
            print(f"  {v:4} {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
