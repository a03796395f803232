#!/usr/bin/env python3
"""Builds the same articles for three readers, for bench/ui/run.sh:

    make_caches.py TIDINGS_BINARY OUT_DIR FEEDS ARTICLES

OUT_DIR/tidings: config/feeds and data/cache.db (the schema made by tidings itself, the rows
  written here with SQL, queued for the search index, which `tidings check` fills);
OUT_DIR/newsboat: urls and cache.db in newsboat's own schema (created by `newsboat -x
  reload` on an empty list, then filled);
OUT_DIR/sfeed: one TSV file per feed, in sfeed(5) format, for sfeed_curses.

The articles are deterministic (a fixed seed): titles and paragraphs of words from a small
vocabulary, one rare word per article so that searches have exact answers."""
import os
import json
import random
import sqlite3
import subprocess
import sys

WORDS = ("time year people way day man thing woman life child world school state family "
         "student group country problem hand part place case week company system program "
         "question work government number night point home water room mother area money "
         "story fact month lot right study book eye job word business issue side kind head "
         "house service friend father power hour game line end member law car city name "
         "president team minute idea kid body information back parent face others level "
         "office door health person art war history party result change morning reason "
         "research girl guy moment air teacher force education").split()
T0 = 1700000000


def article(rng, feed, n):
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
    paras = []
    for _ in range(rng.randint(3, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(30, 70))]
        paras.append("<p>" + " ".join(words).capitalize() + ".</p>")
    # One word found in this article only: "rareFFFFNNNNNN".
    paras.append("<p>Marker rare%04d%06d.</p>" % (feed, n))
    return title, "".join(paras)


def main():
    binary, out, nfeeds, nitems = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(42)
    per_feed = nitems // nfeeds
    tags = ["news", "tech", "science", "culture", "sports", "local", "blogs", "misc"]

    td = os.path.join(out, "tidings")
    os.makedirs(os.path.join(td, "config"), exist_ok=True)
    os.makedirs(os.path.join(td, "data"), exist_ok=True)
    nb = os.path.join(out, "newsboat")
    os.makedirs(nb, exist_ok=True)
    sf = os.path.join(out, "sfeed", "feeds")
    os.makedirs(sf, exist_ok=True)

    urls = ["http://127.0.0.1:9/feed%04d.xml" % f for f in range(nfeeds)]
    with open(os.path.join(td, "config", "feeds"), "w") as fh:
        for f, u in enumerate(urls):
            fh.write("%s %s\n" % (u, tags[f % len(tags)]))
    with open(os.path.join(nb, "urls"), "w") as fh:
        for f, u in enumerate(urls):
            fh.write("%s %s\n" % (u, tags[f % len(tags)]))
    open(os.path.join(nb, "config"), "w").close()

    subprocess.run([binary, "--config", os.path.join(td, "config"), "--data",
                    os.path.join(td, "data"), "feeds"], check=True, stdout=subprocess.DEVNULL)
    open(os.path.join(nb, "urls.empty"), "w").close()
    subprocess.run(["newsboat", "-u", os.path.join(nb, "urls.empty"),
                    "-c", os.path.join(nb, "cache.db"), "-C", os.path.join(nb, "config"),
                    "-x", "reload"], check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)

    tdb = sqlite3.connect(os.path.join(td, "data", "cache.db"))
    ndb = sqlite3.connect(os.path.join(nb, "cache.db"))
    tdb.execute("BEGIN")
    ndb.execute("BEGIN")
    item_id = 0
    for f, u in enumerate(urls):
        ftitle = "Feed %04d %s" % (f, rng.choice(WORDS))
        tdb.execute("INSERT INTO feeds(id, url, title, site_link) VALUES (?,?,?,?)",
                    (f + 1, u, ftitle, "http://127.0.0.1:9/"))
        ndb.execute("INSERT INTO rss_feed(rssurl, url, title) VALUES (?,?,?)",
                    (u, "http://127.0.0.1:9/", ftitle))
        rows = []
        for n in range(per_feed):
            item_id += 1
            title, body = article(rng, f, n)
            # Interleaved in time across feeds, newest last.
            t = T0 + (n * nfeeds + f) * 60
            link = "http://127.0.0.1:9/%04d/%06d.html" % (f, n)
            guid = "%04d-%06d" % (f, n)
            tdb.execute("INSERT INTO items(id, feed_id, guid, link, title, author, content,"
                        " published, sort_time, first_seen) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (item_id, f + 1, guid, link, title, "Author %d" % (n % 17), body, t,
                         t, t))
            # queued for the search index, which tidings fills (its own tokenizer)
            tdb.execute("INSERT INTO fts_pending(id) VALUES (?)", (item_id,))
            ndb.execute("INSERT INTO rss_item(guid, title, author, url, feedurl, pubDate,"
                        " content, unread) VALUES (?,?,?,?,?,?,?,1)",
                        (guid, title, "Author %d" % (n % 17), link, u, t, body))
            rows.append("%d\t%s\t%s\t%s\thtml\t%s\t%s\t\t\n" % (
                t, title, link, body.replace("\\", "\\\\").replace("\t", "\\t"), guid,
                "Author %d" % (n % 17)))
        with open(os.path.join(sf, "feed%04d" % f), "w") as fh:
            fh.writelines(reversed(rows))
    tdb.commit()
    ndb.commit()
    # the search index, made by tidings (`tidings check` indexes what is queued)
    subprocess.run([binary, "--config", os.path.join(td, "config"), "--data",
                    os.path.join(td, "data"), "check"], check=True, stdout=subprocess.DEVNULL)
    # What each reader's first screen shows, for the timing by screen polling.
    newest = tdb.execute("SELECT title FROM items ORDER BY sort_time DESC, id DESC"
                         " LIMIT 1").fetchone()[0]
    first_feed = tdb.execute("SELECT title FROM feeds WHERE id = 1").fetchone()[0]
    tdb.close()
    with open(os.path.join(sf, "feed0000")) as fh:
        sfeed_newest = fh.readline().split("\t")[1]
    with open(os.path.join(out, "expect.json"), "w") as fh:
        json.dump({"tidings": newest, "newsboat": first_feed, "sfeed": sfeed_newest,
                   "rare_word": "rare%04d%06d" % (nfeeds // 2, per_feed // 2)}, fh)
    ndb.close()


main()
