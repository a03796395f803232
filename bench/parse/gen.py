#!/usr/bin/env python3
"""Writes a parse benchmark corpus: FILES feeds, half RSS 2.0 and half Atom 1.0, ITEMS items
each, with HTML bodies (escaped in RSS description, CDATA in content:encoded, type="html"
and inline XHTML in Atom), entities, categories and enclosures. Deterministic (seeded).

usage: gen.py DIR [FILES [ITEMS]]   (defaults 64 files x 160 items: about 41 MB)
"""
import os
import random
import sys
from xml.sax.saxutils import escape, quoteattr

WORDS = ("feed reader parser terminal article news update release kernel compiler memory "
         "network server client library function pointer buffer string unicode caf\u00e9 "
         "na\u00efve \u00fcber stra\u00dfe \u65e5\u672c \u043d\u043e\u0432\u043e\u0441\u0442\u0438 "
         "performance latency throughput & < > quote \"double\" 'single'").split()


def sentence(rnd, n):
    return " ".join(rnd.choice(WORDS) for _ in range(n)).capitalize() + "."


def html_body(rnd):
    parts = []
    for _ in range(rnd.randint(4, 9)):
        words = [escape(rnd.choice(WORDS)) for _ in range(rnd.randint(30, 70))]
        i = rnd.randrange(len(words))
        words[i] = '<a href="https://example.org/%d">%s</a>' % (rnd.randrange(10**6), words[i])
        j = rnd.randrange(len(words))
        words[j] = "<em>%s</em>" % words[j]
        parts.append("<p>%s &amp; more&nbsp;text.</p>" % " ".join(words))
    parts.append('<p><img src="/img/%d.png" alt="x"/></p>' % rnd.randrange(10**6))
    return "\n".join(parts).replace("&nbsp;", "&#160;")


def date(rnd):
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")
    return "%s, %02d %s %d %02d:%02d:%02d +0000" % (
        rnd.choice(days), rnd.randint(1, 28), rnd.choice(months), rnd.randint(2015, 2025),
        rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59))


def iso(rnd):
    return "%d-%02d-%02dT%02d:%02d:%02dZ" % (rnd.randint(2015, 2025), rnd.randint(1, 12),
                                             rnd.randint(1, 28), rnd.randint(0, 23),
                                             rnd.randint(0, 59), rnd.randint(0, 59))


def rss(rnd, n, items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/">',
           "<channel><title>Bench feed %d &amp; friends</title>"
           "<link>https://example.org/%d/</link><description>%s</description>"
           % (n, n, escape(sentence(rnd, 12)))]
    for i in range(items):
        body = html_body(rnd)
        out.append(
            "<item><title>%s</title><link>https://example.org/%d/%d.html</link>"
            "<guid isPermaLink=\"false\">bench-%d-%d</guid><pubDate>%s</pubDate>"
            "<dc:creator>%s</dc:creator><category>%s</category><category>%s</category>"
            "<description>%s</description><content:encoded><![CDATA[%s]]></content:encoded>"
            '<enclosure url="/media/%d.mp3" type="audio/mpeg" length="%d"/></item>'
            % (escape(sentence(rnd, 8)), n, i, n, i, date(rnd), escape(rnd.choice(WORDS)),
               escape(rnd.choice(WORDS)), escape(rnd.choice(WORDS)),
               escape(body[:600]), body, i, rnd.randrange(10**8)))
    out.append("</channel></rss>")
    return "\n".join(out)


def atom(rnd, n, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" '
           'xml:base="https://example.net/%d/">' % n,
           "<title type=\"html\">Bench &lt;b&gt;atom&lt;/b&gt; %d</title>"
           "<link href=\"/\"/><id>urn:bench:%d</id><updated>%s</updated>"
           "<author><name>Bench</name></author>" % (n, n, iso(rnd))]
    for i in range(items):
        body = html_body(rnd)
        if i % 2:
            content = '<content type="html">%s</content>' % escape(body)
        else:
            content = ('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                       "%s</div></content>" % body)
        out.append(
            "<entry><title>%s</title><link rel=\"alternate\" href=\"%d.html\"/>"
            "<id>urn:bench:%d:%d</id><published>%s</published><updated>%s</updated>"
            "<summary>%s</summary>%s<category term=%s/></entry>"
            % (escape(sentence(rnd, 8)), i, n, i, iso(rnd), iso(rnd),
               escape(sentence(rnd, 25)), content, quoteattr(rnd.choice(WORDS))))
    out.append("</feed>")
    return "\n".join(out)


def main():
    d = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    items = int(sys.argv[3]) if len(sys.argv) > 3 else 160
    os.makedirs(d, exist_ok=True)
    rnd = random.Random(20261127)
    total = 0
    for n in range(files):
        text = rss(rnd, n, items) if n % 2 == 0 else atom(rnd, n, items)
        path = os.path.join(d, "%03d.%s.xml" % (n, "rss" if n % 2 == 0 else "atom"))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += os.path.getsize(path)
    print("wrote %d files, %.1f MB, in %s" % (files, total / 1e6, d))


if __name__ == "__main__":
    main()
