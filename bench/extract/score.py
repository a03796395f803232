#!/usr/bin/env python3
"""Scores article extraction the way the article-extraction-benchmark's evaluate.py does.

Tokens are the matches of \\w+ (Unicode, case-sensitive); each text becomes a multiset of
shingles of 4 consecutive tokens (fewer than 4 tokens: one shingle of all of them); per page
true positives are the size of the multiset intersection, precision = tp / |predicted|,
recall = tp / |truth| (an empty prediction has precision 0, an empty truth recall 0);
precision and recall are averaged over the pages and F1 = 2PR / (P + R).

    score.py SET CORPUS_DIR PRED_DIR [--min-f1 F] [--min-meta M] [--per-page]

SET is article-benchmark, readability or trafilatura-eval. trafilatura-eval is scored the way
trafilatura's own evaluation does (tests/eval_common.py): the text and each snippet are
white-space normalised; a "with" snippet found in the text is a true positive, else a false
negative; a "without" snippet found is a false positive, else a true negative; the counts are
summed over the pages and F1 = 2tp / (2tp + fp + fn). A page without output counts as empty.
For article-benchmark and readability: PRED_DIR holds ID.json per page, with "text" (plain
text) or "html" (converted like the expected HTML), and for readability optionally "title",
"byline" and "site_name". ID is the page's file name without .html.gz (article-benchmark)
or its folder's name (readability), the file's name (trafilatura-eval). Exits 1 when F1 or the metadata match rate is below the
given minimum.
"""
import argparse
import html.parser
import json
import os
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+")
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "td", "th", "tr", "ul",
}
SKIP_TAGS = {"script", "style", "noscript", "template"}


class _TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup):
    """Plain text of an HTML fragment: blocks become paragraphs (only token boundaries
    matter to the score)."""
    p = _TextOf()
    p.feed(markup or "")
    p.close()
    return "".join(p.parts)


def shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_scores(predicted, truth):
    p, t = shingles(predicted), shingles(truth)
    tp = sum((p & t).values())
    precision = tp / sum(p.values()) if p else 0.0
    recall = tp / sum(t.values()) if t else 0.0
    return precision, recall


def summarise(pairs):
    """pairs: [(precision, recall)] per page -> (P, R, F1)."""
    if not pairs:
        return 0.0, 0.0, 0.0
    P = sum(p for p, _ in pairs) / len(pairs)
    R = sum(r for _, r in pairs) / len(pairs)
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F


def truths(set_name, corpus):
    """{ID: {"text", and for readability "meta"}} of the pages of one set."""
    out = {}
    if set_name == "article-benchmark":
        with open(os.path.join(corpus, "ground-truth.json"), encoding="utf-8") as f:
            gt = json.load(f)
        for page_id, entry in gt.items():
            out[page_id] = {"text": entry.get("articleBody") or "", "url": entry.get("url")}
    else:
        for name in sorted(os.listdir(corpus)):
            d = os.path.join(corpus, name)
            if not os.path.isfile(os.path.join(d, "expected.html")):
                continue
            with open(os.path.join(d, "expected.html"), encoding="utf-8") as f:
                text = html_to_text(f.read())
            with open(os.path.join(d, "expected-metadata.json"), encoding="utf-8") as f:
                meta = json.load(f)
            out[name] = {"text": text, "meta": meta}
    return out


WS = re.compile(r"\s+")


def ws_norm(s):
    """trafilatura's normalisation: Unicode white space runs to one space, trimmed."""
    return WS.sub(" ", s or "").strip()


def read_pred_text(path):
    try:
        with open(path, encoding="utf-8") as f:
            pred = json.load(f)
    except (OSError, ValueError):
        return ""
    text = pred.get("text")
    if text is None:
        text = html_to_text(pred.get("html") or "")
    return text


def score_snippets(corpus, pred_dir, per_page=False, out=sys.stdout):
    """trafilatura-eval: snippets that must and must not be in the text, counts summed."""
    with open(os.path.join(corpus, "expectations.json"), encoding="utf-8") as f:
        expect = json.load(f)
    tp = fp = fn = tn = 0
    for page_id in sorted(expect):
        text = ws_norm(read_pred_text(os.path.join(pred_dir, page_id + ".json")))
        e = expect[page_id]
        ptp = sum(ws_norm(s) in text for s in e.get("with", []))
        pfp = sum(ws_norm(s) in text for s in e.get("without", []))
        pfn = len(e.get("with", [])) - ptp
        ptn = len(e.get("without", [])) - pfp
        tp, fp, fn, tn = tp + ptp, fp + pfp, fn + pfn, tn + ptn
        if per_page:
            print(f"tp={ptp} fn={pfn} fp={pfp} {page_id}", file=out)
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    F = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    acc = (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0
    return {"pages": len(expect), "precision": P, "recall": R, "f1": F, "accuracy": acc}


def norm(s):
    return " ".join((s or "").split())


META_FIELDS = (("title", "title"), ("byline", "byline"), ("site_name", "siteName"))


def score(set_name, corpus, pred_dir, per_page=False, out=sys.stdout):
    """Scores every ID.json in pred_dir; returns a dict of the figures."""
    if set_name == "trafilatura-eval":
        return score_snippets(corpus, pred_dir, per_page, out)
    gt = truths(set_name, corpus)
    pairs, meta_hits, pages = [], Counter(), 0
    for fname in sorted(os.listdir(pred_dir)):
        if not fname.endswith(".json"):
            continue
        page_id = fname[:-5]
        if page_id not in gt:
            continue
        with open(os.path.join(pred_dir, fname), encoding="utf-8") as f:
            try:
                pred = json.load(f)
            except ValueError:
                pred = {}
        text = pred.get("text")
        if text is None:
            text = html_to_text(pred.get("html") or "")
        pr = page_scores(text, gt[page_id]["text"])
        pairs.append(pr)
        pages += 1
        if set_name == "readability":
            all_ok = True
            for ours, theirs in META_FIELDS:
                ok = norm(pred.get(ours)) == norm(gt[page_id]["meta"].get(theirs))
                meta_hits[ours] += ok
                all_ok &= ok
            meta_hits["all"] += all_ok
        if per_page:
            print(f"{pr[0]:.3f} {pr[1]:.3f} {page_id}", file=out)
    P, R, F = summarise(pairs)
    result = {"pages": pages, "precision": P, "recall": R, "f1": F}
    if set_name == "readability" and pages:
        for key in ("title", "byline", "site_name", "all"):
            result["meta_" + key] = meta_hits[key] / pages
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", choices=["article-benchmark", "readability", "trafilatura-eval"])
    ap.add_argument("corpus")
    ap.add_argument("pred_dir")
    ap.add_argument("--min-f1", type=float)
    ap.add_argument("--min-meta", type=float, help="minimum rate of title, byline and site "
                    "name each matching (readability)")
    ap.add_argument("--per-page", action="store_true")
    args = ap.parse_args()
    r = score(args.set, args.corpus, args.pred_dir, args.per_page)
    line = f"{args.set}: {r['pages']} pages P={r['precision']:.4f} R={r['recall']:.4f} F1={r['f1']:.4f}"
    if "meta_title" in r:
        line += (f" title={r['meta_title']:.3f} byline={r['meta_byline']:.3f}"
                 f" site_name={r['meta_site_name']:.3f}")
    print(line)
    failed = False
    if args.min_f1 is not None and r["f1"] < args.min_f1:
        print(f"F1 {r['f1']:.4f} is below {args.min_f1}", file=sys.stderr)
        failed = True
    if args.min_meta is not None and "meta_title" in r:
        for key in ("title", "byline", "site_name"):
            if r["meta_" + key] < args.min_meta:
                print(f"{key} matches {r['meta_' + key]:.3f} of pages, below {args.min_meta}",
                      file=sys.stderr)
                failed = True
    return 1 if failed or r["pages"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
