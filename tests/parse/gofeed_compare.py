#!/usr/bin/env python3
"""Compares `tidings parse --json` with gofeed's expected results (X.xml beside X.json).

gofeed's JSON uses its own field names per folder: parser/rss (rss.Feed), parser/atom
(atom.Feed), parser/json (json.Feed), translator/* and extensions/* (the universal
gofeed.Feed). Only the fields tidings models are compared: title, link, description,
dates (as instants), authors, ids, categories, enclosures, summary and content. HTML fields
compare equal when their markup-free text is equal (tidings escapes plain text to HTML);
titles compare as plain text on both sides.

Prints TAP: a pass rate per folder, and one check that every file not listed in the known
failures file passes (so a regression is caught). Exit status 1 on a failure.
Usage: gofeed_compare.py TIDINGS TESTDATA_DIR KNOWN_FAILURES MIN_FOLDER_RATE MIN_OVERALL_RATE
"""
import datetime
import html
import json
import os
import re
import subprocess
import sys

FOLDERS = ["parser/rss", "parser/atom", "parser/json", "translator/rss", "translator/atom",
           "translator/json", "extensions/dublincore", "extensions/media",
           "extensions/itunes"]


def plain(s):
    """Markup-free, entity-decoded, space-collapsed text of an HTML or text string."""
    if s is None:
        return None
    s = re.sub(r"<[^>]*>", " ", s)
    s = html.unescape(s)
    s = s.replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return s or None


def instant(s):
    if not s:
        return None
    s = s.replace("Z", "+00:00")
    s = re.sub(r"\.\d+", "", s)
    try:
        d = datetime.datetime.fromisoformat(s)
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp())


def person(p):
    """gofeed person object (or list of them): the name, else the email."""
    if isinstance(p, list):
        p = p[0] if p else None
    if isinstance(p, dict):
        return (p.get("name") or p.get("email") or p.get("url") or "").strip() or None
    if isinstance(p, str):
        return p.strip() or None
    return None


def rss_author(s):
    """RSS author strings as tidings reads them ("email (Name)" gives Name)."""
    if not s:
        return None
    m = re.match(r"^\s*(.*?)\s*\((.*)\)\s*$", s)
    if m:
        outer, inner = m.group(1), m.group(2)
        if inner and "@" not in inner:
            return inner.strip()
        if outer and "@" not in outer:
            return outer.strip()
        return outer or inner
    m = re.match(r"^\s*(.*?)\s*<(.*)>\s*$", s)
    if m:
        return m.group(1) or m.group(2)
    return s.strip() or None


def atom_link(links):
    for link in links or []:
        if link.get("rel") in (None, "", "alternate") and link.get("href"):
            return link["href"]
    return None


def expected_fields(folder, exp):
    """The comparable fields of an expected result: {"feed": {...}, "items": [{...}]}."""
    kind = folder.split("/")[0]
    fmt = folder.split("/")[1]
    feed, items = {}, []
    if kind == "parser" and fmt == "rss":
        feed["title"] = exp.get("title")
        feed["link"] = exp.get("link")
        feed["description"] = exp.get("description")
        feed["language"] = exp.get("language")
        for it in exp.get("items") or []:
            e = {"title": it.get("title"), "link": it.get("link"),
                 "summary": it.get("description"), "content": it.get("content"),
                 "author": rss_author(it.get("author"))}
            if "pubDateParsed" in it:
                e["published"] = it["pubDateParsed"]
            if isinstance(it.get("guid"), dict):
                e["id"] = it["guid"].get("value")
            if "categories" in it:
                e["categories"] = [c.get("value") for c in it["categories"] or []]
            if "enclosures" in it:
                e["enclosures"] = it["enclosures"]
            items.append(e)
    elif kind == "parser" and fmt == "atom":
        feed["title"] = exp.get("title")
        feed["link"] = atom_link(exp.get("links"))
        feed["description"] = exp.get("subtitle")
        feed["author"] = person(exp.get("authors"))
        feed["language"] = exp.get("language")
        if "updatedParsed" in exp:
            feed["updated"] = exp["updatedParsed"]
        for it in exp.get("entries") or []:
            e = {"title": it.get("title"), "link": atom_link(it.get("links")),
                 "summary": it.get("summary"), "id": it.get("id")}
            c = it.get("content")
            e["content"] = c.get("value") if isinstance(c, dict) else c
            if "authors" in it:
                e["author"] = person(it["authors"])
            if "publishedParsed" in it:
                e["published"] = it["publishedParsed"]
            if "updatedParsed" in it:
                e["updated"] = it["updatedParsed"]
            if "categories" in it:
                e["categories"] = [c.get("label") or c.get("term")
                                   for c in it["categories"] or []]
            items.append(e)
    elif kind == "parser" and fmt == "json":
        feed["title"] = exp.get("title")
        feed["link"] = exp.get("home_page_url")
        feed["description"] = exp.get("description")
        feed["author"] = person(exp.get("authors") or exp.get("author"))
        for it in exp.get("items") or []:
            e = {"title": it.get("title"), "link": it.get("url") or it.get("external_url"),
                 "id": it.get("id"), "summary": it.get("summary"),
                 "content": it.get("content_html") or it.get("content_text"),
                 "author": person(it.get("authors") or it.get("author")),
                 "published": it.get("date_published"), "updated": it.get("date_modified"),
                 "categories": it.get("tags")}
            if "attachments" in it:
                e["enclosures"] = [{"url": a.get("url"), "type": a.get("mime_type"),
                                    "length": a.get("size_in_bytes")}
                                   for a in it["attachments"] or []]
            items.append(e)
    else:  # the universal gofeed.Feed
        feed["title"] = exp.get("title")
        feed["link"] = exp.get("link")
        feed["description"] = exp.get("description")
        feed["language"] = exp.get("language")
        feed["author"] = person(exp.get("authors") or exp.get("author"))
        if "updatedParsed" in exp:
            feed["updated"] = exp["updatedParsed"]
        for it in exp.get("items") or []:
            e = {"title": it.get("title"), "link": it.get("link"),
                 "summary": it.get("description"), "content": it.get("content"),
                 "id": it.get("guid"),
                 "author": person(it.get("authors") or it.get("author")),
                 "categories": it.get("categories")}
            if "publishedParsed" in it:
                e["published"] = it["publishedParsed"]
            if "updatedParsed" in it:
                e["updated"] = it["updatedParsed"]
            if "enclosures" in it:
                e["enclosures"] = it["enclosures"]
            items.append(e)
    return feed, items


def collapse(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip() or None


def same_plain(want, got):
    """tidings' titles, authors and categories are plain text: any plain reading of
    gofeed's raw string counts (markup stripped, entities decoded once, or as written)."""
    readings = {plain(want), collapse(html.unescape(want)), collapse(want)}
    return collapse(got or "") in readings


HTML_FIELDS = {"description", "summary", "content"}
TEXT_FIELDS = {"title"}
TIME_FIELDS = {"published", "updated"}


def same(field, want, got):
    if field in TIME_FIELDS:
        return instant(want) == instant(got)
    if field in TEXT_FIELDS or field == "author":
        return same_plain(want, got)
    if field in HTML_FIELDS:
        if (want or "").strip() == (got or "").strip():
            return True
        return plain(want) == plain(got)
    if field == "categories":
        want = [c for c in want or [] if plain(c)]
        got = list(got or [])
        return len(want) == len(got) and all(same_plain(w, g) for w, g in
                                             zip(sorted(want), sorted(got)))
    if field == "enclosures":
        if len(want or []) != len(got or []):
            return False
        for w, g in zip(want or [], got or []):
            if (w.get("url") or "").strip() != (g.get("url") or ""):
                return False
            if w.get("type") and w.get("type") != g.get("type"):
                return False
            wl = str(w.get("length") or "").strip()
            if wl.isdigit() and int(wl) > 0 and str(g.get("length")) != str(int(wl)):
                return False
        return True
    want = want.strip() if isinstance(want, str) else want
    return (want or None) == (got or None)


def compare(folder, exp, got):
    """Returns (number of fields compared, list of differences)."""
    feed, items = expected_fields(folder, exp)
    diffs, n = [], 0
    for k, v in feed.items():
        if v in (None, "", []):
            continue
        n += 1
        if not same(k, v, got.get(k)):
            diffs.append("feed.%s: want %r got %r" % (k, v, got.get(k)))
    gitems = got.get("items") or []
    if len(items) != len(gitems):
        diffs.append("items: want %d got %d" % (len(items), len(gitems)))
        return n + 1, diffs
    for i, (e, g) in enumerate(zip(items, gitems)):
        for k, v in e.items():
            if v in (None, "", []):
                continue
            n += 1
            if not same(k, v, g.get(k)):
                diffs.append("item%d.%s: want %r got %r" % (i, k, v, g.get(k)))
    return n, diffs


def pairs(testdata, folder):
    d = os.path.join(testdata, folder)
    if not os.path.isdir(d):
        return
    for name in sorted(os.listdir(d)):
        base, ext = os.path.splitext(name)
        if ext == ".xml" and os.path.exists(os.path.join(d, base + ".json")):
            yield base, os.path.join(d, name), os.path.join(d, base + ".json")
        elif ext == ".json" and os.path.exists(os.path.join(d, base + "_expected.json")):
            yield base, os.path.join(d, name), os.path.join(d, base + "_expected.json")


def main():
    tidings, testdata, known_file = sys.argv[1:4]
    min_rate, min_overall = float(sys.argv[4]), float(sys.argv[5])
    known = {}
    with open(known_file, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, reason = line.partition(" ")
                known[key] = reason.strip()
    tap, failed_checks, regressions, fixed = [], 0, [], []
    total_pass = total = 0
    for folder in FOLDERS:
        npass = nall = 0
        for base, src, want in pairs(testdata, folder):
            key = folder + "/" + base
            with open(want, encoding="utf-8") as f:
                try:
                    exp = json.load(f)
                except ValueError:
                    continue
            run = subprocess.run([tidings, "parse", "--json", src], capture_output=True,
                                 timeout=30)
            if run.returncode != 0:
                n, diffs = 1, ["tidings failed: %s" % run.stderr.decode(errors="replace")]
            else:
                n, diffs = compare(folder, exp, json.loads(run.stdout))
            nall += 1
            ok = not diffs
            npass += ok
            if not ok and key not in known:
                regressions.append((key, diffs))
            if ok and key in known:
                fixed.append(key)
        if nall == 0:
            continue
        total_pass += npass
        total += nall
        rate = npass / nall
        tap.append((rate >= min_rate, "gofeed %s: %d/%d pass (%.1f%%)" %
                    (folder, npass, nall, 100 * rate)))
    rate = total_pass / total if total else 0
    tap.append((rate >= min_overall, "gofeed overall: %d/%d pass (%.1f%%), threshold %.1f%%" %
                (total_pass, total, 100 * rate, 100 * min_overall)))
    tap.append((not regressions, "every file not in known-failures passes (%d regressions)" %
                len(regressions)))
    for i, (ok, desc) in enumerate(tap, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, desc))
        failed_checks += not ok
    for key, diffs in regressions[:40]:
        print("# REGRESSION %s" % key)
        for d in diffs[:4]:
            print("#   %s" % d[:300])
    for key in fixed:
        print("# now passes (remove from the known failures): %s" % key)
    print("1..%d" % len(tap))
    return 1 if failed_checks else 0


if __name__ == "__main__":
    sys.exit(main())
