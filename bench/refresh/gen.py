#!/usr/bin/env python3
"""Writes the benchmark's feeds: N RSS files of M items each (500 x 50 make about 37 MB),
deterministic, into DIR/feeds/. Usage: gen.py DIR [N [M]]"""
import os
import random
import sys

WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud "
         "exercitation ullamco laboris nisi aliquip ex ea commodo consequat").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def item(rng, feed, i):
    paras = "".join("<p>%s</p>" % " ".join(sentence(rng, 14) for _ in range(3))
                    for _ in range(4))
    return (
        "<item><title>%s</title>"
        "<link>https://example.org/%d/posts/%d.html</link>"
        "<guid isPermaLink=\"true\">https://example.org/%d/posts/%d.html</guid>"
        "<pubDate>%s, %02d Mar 2024 %02d:%02d:00 GMT</pubDate>"
        "<author>writer%d@example.org (Writer %d)</author>"
        "<category>topic%d</category>"
        "<description><![CDATA[%s]]></description></item>\n"
        % (sentence(rng, 8), feed, i, feed, i,
           ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[i % 7], 1 + i % 28, i % 24,
           i % 60, i % 5, i % 5, i % 9, paras))


def main():
    out = sys.argv[1]
    feeds = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    items = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
    total = 0
    for f in range(feeds):
        rng = random.Random(f)
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                "<title>Benchmark feed %d</title><link>https://example.org/%d/</link>"
                "<description>Feed %d of the refresh benchmark</description>\n" % (f, f, f)
                + "".join(item(rng, f, i) for i in range(items)) + "</channel></rss>\n")
        data = body.encode()
        total += len(data)
        with open(os.path.join(out, "feeds", "%d.xml" % f), "wb") as fh:
            fh.write(data)
    print("%d feeds, %d items each, %.1f MB" % (feeds, items, total / 1e6))


if __name__ == "__main__":
    main()
