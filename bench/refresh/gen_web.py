#!/usr/bin/env python3
"""Writes a refresh benchmark corpus that looks like the web: N feeds of M items each into
DIR/feeds/ (N.xml or N.json), deterministic for a given ROUND.

  gen_web.py DIR [N [M [ROUND]]]     (defaults 500 50 0; SHARED_DIR names ../shared)

- Words and their frequencies come from real article text: the ground truth of
  corpora/article-benchmark and the expected articles of corpora/readability (mostly English,
  some French, German, Spanish, Russian, Chinese, ...). A word is drawn with its frequency in
  those texts, so the search index meets a natural vocabulary (tens of thousands of words,
  Zipf-distributed) rather than a few dozen.
- Formats are mixed as on the web: RSS 2.0 with entity-escaped HTML (30%) or CDATA (20%),
  Atom with escaped HTML (20%) or inline XHTML (10%), RSS 1.0 (10%) and JSON Feed (10%).
- Items range from a teaser (one or two sentences) through a usual post to long-form
  articles of several thousand words, with links, emphasis, lists, quotes, images and
  entities.
- A share of feeds (CHANGING, default 20%) changes between rounds: each round adds one to
  three new items at the top and drops the oldest, and bumps the feed's own date; every other
  feed's bytes are the same in every round. An item's text depends only on its feed and
  number, so an item that stays is byte-identical.
"""
import glob
import html
import json
import os
import random
import re
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("SHARED_DIR") or os.path.join(HERE, "..", "..", "..", "shared")
CHANGING = float(os.environ.get("CHANGING", "0.2"))
WORD = re.compile(r"\w+(?:[’'-]\w+)*", re.UNICODE)
TAG = re.compile(r"<[^>]+>")


def vocabulary():
    """(words, cumulative weights) from the article sets, or None when they are missing."""
    counts = Counter()
    gt = os.path.join(SHARED, "corpora", "article-benchmark", "ground-truth.json")
    if os.path.exists(gt):
        with open(gt, encoding="utf-8") as fh:
            for rec in json.load(fh).values():
                counts.update(w.lower() for w in WORD.findall(rec.get("articleBody", "")))
    for path in glob.glob(os.path.join(SHARED, "corpora", "readability", "*", "expected.html")):
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = html.unescape(TAG.sub(" ", fh.read()))
        counts.update(w.lower() for w in WORD.findall(text))
    if not counts:
        return None
    words, cum, total = [], [], 0
    for w, n in counts.most_common():
        words.append(w)
        total += n
        cum.append(total)
    return words, cum


class Text:
    def __init__(self, vocab):
        self.words, self.cum = vocab

    def words_n(self, rng, n):
        return rng.choices(self.words, cum_weights=self.cum, k=n)

    def sentence(self, rng, lo=6, hi=28):
        w = self.words_n(rng, rng.randint(lo, hi))
        w[0] = w[0].capitalize()
        return " ".join(w) + rng.choice(".......?!")

    def title(self, rng):
        w = self.words_n(rng, rng.randint(3, 12))
        return " ".join(x.capitalize() if rng.random() < 0.3 else x for x in w)

    def inline(self, rng, feed):
        """A paragraph's inner HTML with the occasional link, emphasis and entity."""
        out = []
        for _ in range(rng.randint(2, 7)):
            s = html.escape(self.sentence(rng), quote=False)
            r = rng.random()
            if r < 0.15:
                a = self.words_n(rng, 2)
                s += ' <a href="https://site%d.example/%s?ref=feed&amp;id=%d">%s</a>' % (
                    feed, "-".join(a), rng.randint(1, 99999), " ".join(a))
            elif r < 0.25:
                s += " <em>%s</em>" % " ".join(self.words_n(rng, 3))
            elif r < 0.32:
                s += " <strong>%s</strong> &amp; %s" % tuple(
                    " ".join(self.words_n(rng, 2)) for _ in range(2))
            elif r < 0.36:
                s += " &#8220;%s&#8221;&nbsp;&mdash;" % " ".join(self.words_n(rng, 4))
            out.append(s)
        return " ".join(out)

    def body(self, rng, feed, paras):
        parts = []
        for i in range(paras):
            r = rng.random()
            if i and r < 0.08:
                parts.append("<h2>%s</h2>" % html.escape(self.title(rng), quote=False))
            elif i and r < 0.13:
                parts.append("<ul>%s</ul>" % "".join(
                    "<li>%s</li>" % html.escape(self.sentence(rng, 3, 10), quote=False)
                    for _ in range(rng.randint(2, 6))))
            elif i and r < 0.16:
                parts.append("<blockquote><p>%s</p></blockquote>" % self.inline(rng, feed))
            elif r < 0.22:
                parts.append('<figure><img src="https://cdn%d.example/img/%d.jpg" alt="%s" '
                             'width="800" height="450"/><figcaption>%s</figcaption></figure>'
                             % (feed % 40, rng.randint(1, 10**6),
                                html.escape(" ".join(self.words_n(rng, 3))),
                                html.escape(self.sentence(rng, 4, 12), quote=False)))
            parts.append("<p>%s</p>" % self.inline(rng, feed))
        return "\n".join(parts)


def item_size(rng):
    """Paragraphs of an item: teasers, usual posts and long-form articles."""
    r = rng.random()
    if r < 0.45:
        return 0  # teaser: a summary of a sentence or two
    if r < 0.92:
        return rng.randint(1, 5)
    return rng.randint(8, 30)


FORMATS = (["rss-escaped"] * 30 + ["rss-cdata"] * 20 + ["atom-html"] * 20 +
           ["atom-xhtml"] * 10 + ["rss1"] * 10 + ["json"] * 10)
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def when(n):
    """Item number n's time: later numbers are newer, about three hours apart."""
    t = 1700000000 + n * 10800
    g = time.gmtime(t)
    return g, t


def rfc822(g):
    return "%s, %02d %s %d %02d:%02d:%02d +0000" % (DAYS[g.tm_wday], g.tm_mday,
                                                   MONTHS[g.tm_mon - 1], g.tm_year,
                                                   g.tm_hour, g.tm_min, g.tm_sec)


def iso(g):
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (g.tm_year, g.tm_mon, g.tm_mday, g.tm_hour,
                                               g.tm_min, g.tm_sec)


def make_item(text, feed, n):
    rng = random.Random(feed * 1000003 + n)
    paras = item_size(rng)
    g, _ = when(n)
    it = {
        "n": n,
        "title": text.title(rng),
        "link": "https://site%d.example/%d/%02d/%s-%d" % (
            feed, g.tm_year, g.tm_mon, "-".join(text.words_n(rng, 3)), n),
        "author": "%s %s" % tuple(w.capitalize() for w in text.words_n(rng, 2)),
        "cats": [w for w in text.words_n(rng, rng.randint(0, 4))],
        "summary": " ".join(text.sentence(rng) for _ in range(rng.randint(1, 2))),
        "content": text.body(rng, feed, paras) if paras else None,
        "g": g,
    }
    return it


def x(s):
    return html.escape(s, quote=False)


def rss2(text, feed, items, cdata, g):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>\n'
           "<title>%s</title><link>https://site%d.example/</link>"
           "<description>%s</description><language>en</language>"
           "<lastBuildDate>%s</lastBuildDate>\n"
           % (x(text.title(random.Random(feed))), feed,
              x(text.sentence(random.Random(-feed - 1))), rfc822(g))]
    for it in items:
        body = it["content"] or "<p>%s</p>" % x(it["summary"])
        wrap = ("<![CDATA[%s]]>" % body) if cdata else x(body)
        out.append("<item><title>%s</title><link>%s</link>"
                   '<guid isPermaLink="true">%s</guid><pubDate>%s</pubDate>'
                   "<dc:creator>%s</dc:creator>%s" % (
                       x(it["title"]), it["link"], it["link"], rfc822(it["g"]),
                       x(it["author"]),
                       "".join("<category>%s</category>" % x(c) for c in it["cats"])))
        if it["content"]:
            out.append("<description>%s</description><content:encoded>%s</content:encoded>"
                       % (x(it["summary"]) if not cdata else "<![CDATA[%s]]>" % it["summary"],
                          wrap))
        else:
            out.append("<description>%s</description>" % wrap)
        out.append("</item>\n")
    out.append("</channel></rss>\n")
    return "".join(out)


def atom(text, feed, items, xhtml, g):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
           "<title>%s</title><id>tag:site%d.example,2024:feed</id>"
           '<link rel="alternate" href="https://site%d.example/"/>'
           '<link rel="self" href="https://site%d.example/atom.xml"/><updated>%s</updated>\n'
           % (x(text.title(random.Random(feed))), feed, feed, feed, iso(g))]
    for it in items:
        out.append("<entry><title>%s</title><id>tag:site%d.example,2024:%d</id>"
                   '<link rel="alternate" href="%s"/><published>%s</published>'
                   "<updated>%s</updated><author><name>%s</name></author>%s"
                   "<summary>%s</summary>" % (
                       x(it["title"]), feed, it["n"], x(it["link"]), iso(it["g"]),
                       iso(it["g"]), x(it["author"]),
                       "".join('<category term="%s"/>' % x(c) for c in it["cats"]),
                       x(it["summary"])))
        if it["content"]:
            if xhtml:
                c = it["content"].replace("&nbsp;", "&#160;").replace("&mdash;", "&#8212;")
                out.append('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                           "%s</div></content>" % c)
            else:
                out.append('<content type="html">%s</content>' % x(it["content"]))
        out.append("</entry>\n")
    out.append("</feed>\n")
    return "".join(out)


def rss1(text, feed, items, g):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
           '<channel rdf:about="https://site%d.example/rss"><title>%s</title>'
           "<link>https://site%d.example/</link><description>%s</description>"
           "<dc:date>%s</dc:date><items><rdf:Seq>%s</rdf:Seq></items></channel>\n"
           % (feed, x(text.title(random.Random(feed))), feed,
              x(text.sentence(random.Random(-feed - 1))), iso(g),
              "".join('<rdf:li rdf:resource="%s"/>' % x(it["link"]) for it in items))]
    for it in items:
        out.append('<item rdf:about="%s"><title>%s</title><link>%s</link>'
                   "<description>%s</description><dc:creator>%s</dc:creator>"
                   "<dc:date>%s</dc:date>%s%s</item>\n" % (
                       x(it["link"]), x(it["title"]), x(it["link"]), x(it["summary"]),
                       x(it["author"]), iso(it["g"]),
                       "".join("<dc:subject>%s</dc:subject>" % x(c) for c in it["cats"]),
                       "<content:encoded>%s</content:encoded>" % x(it["content"])
                       if it["content"] else ""))
    out.append("</rdf:RDF>\n")
    return "".join(out)


def jsonfeed(text, feed, items, g):
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": text.title(random.Random(feed)),
        "home_page_url": "https://site%d.example/" % feed,
        "feed_url": "https://site%d.example/feed.json" % feed,
        "items": [],
    }
    for it in items:
        rec = {"id": it["link"], "url": it["link"], "title": it["title"],
               "date_published": iso(it["g"]), "authors": [{"name": it["author"]}],
               "tags": it["cats"], "summary": it["summary"]}
        if it["content"]:
            rec["content_html"] = it["content"]
        else:
            rec["content_text"] = it["summary"]
        doc["items"].append(rec)
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main():
    out = sys.argv[1]
    feeds = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    rnd = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    vocab = vocabulary()
    if not vocab:
        print("gen_web.py: no article sets in %s/corpora" % SHARED, file=sys.stderr)
        return 77
    text = Text(vocab)
    os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
    total, changing, kinds, names = 0, 0, Counter(), []
    for f in range(feeds):
        frng = random.Random(f * 7919 + 17)
        kind = frng.choice(FORMATS)
        changes = frng.random() < CHANGING
        shift = rnd * 2 if changes else 0  # two new items a round on average
        changing += changes
        top = 1000 + count + shift
        items = [make_item(text, f, n) for n in range(top, top - count, -1)]
        g, _ = when(top + 1)
        if kind == "rss-escaped":
            body = rss2(text, f, items, False, g)
        elif kind == "rss-cdata":
            body = rss2(text, f, items, True, g)
        elif kind == "atom-html":
            body = atom(text, f, items, False, g)
        elif kind == "atom-xhtml":
            body = atom(text, f, items, True, g)
        elif kind == "rss1":
            body = rss1(text, f, items, g)
        else:
            body = jsonfeed(text, f, items, g)
        kinds[kind] += 1
        data = body.encode()
        total += len(data)
        name = "%d.%s" % (f, "json" if kind == "json" else "xml")
        names.append(name)
        path = os.path.join(out, "feeds", name)
        try:
            with open(path, "rb") as fh:
                if fh.read() == data:
                    continue  # unchanged: keep the file (and its mtime) as it is
        except OSError:
            pass
        with open(path, "wb") as fh:
            fh.write(data)
    with open(os.path.join(out, "feeds.list"), "w") as fh:
        fh.write("".join(n + "\n" for n in names))
    print("%d feeds x %d items (round %d), %.1f MB, %d change between rounds, %d words; %s" % (
        feeds, count, rnd, total / 1e6, changing, len(text.words),
        ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
