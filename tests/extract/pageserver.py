#!/usr/bin/env python3
"""A small web server for the extract tests: a feed whose items link to article pages.

Binds 127.0.0.1 on a free port and prints "PORT PID" on its first line. Paths:

  /feed.xml        an RSS feed of three items with teaser descriptions, linking to
                   /article.html (the article of tests/data/extract/article.html),
                   /second.html and /nothing.html
  /article.html    the fixture article;  /second.html  another article
  /titled?t=TITLE  an article page whose title (og:title) is TITLE, percent-decoded
  /nothing.html    a page with no article
  /news.xml        a feed of one news article, /moscow.html (tests/data/extract/moscow.html:
                   a news site's page with a canonical link and a donation box after the text)
Everything else is 404. Python 3 standard library only.
"""
import html
import http.server
import os
import socketserver
import sys
import urllib.parse

DATA = sys.argv[1]
PARAGRAPHS = "".join(
    "<p>Paragraph %d of the page, with enough words in it, and commas, to read like prose in an"
    " article that somebody wrote, so that the extractor keeps it as part of the body.</p>" % i
    for i in range(1, 7))


def page(title, body):
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>%s</title>"
            "<meta property='og:title' content='%s'></head><body><nav><a href='/'>Home</a></nav>"
            "<article>%s</article><footer>Footer text</footer></body></html>"
            % (html.escape(title), html.escape(title, quote=True), body))


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def send(self, status, ctype, body):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        if url.path == "/feed.xml":
            self.send(200, "application/rss+xml", (
                "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                "<title>Gazette</title><link>%s/</link><description>test</description>"
                "<item><title>Harbour bridge reopens</title><link>%s/article.html</link>"
                "<guid>bridge</guid><pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate>"
                "<author>mara@example.org (Mara Lindqvist)</author>"
                "<description>The bridge reopens (teaser only).</description></item>"
                "<item><title>Second story</title><link>%s/second.html</link><guid>second</guid>"
                "<pubDate>Mon, 04 Mar 2024 08:30:00 GMT</pubDate>"
                "<description>Teaser of the second story.</description></item>"
                "<item><title>Front page</title><link>%s/nothing.html</link><guid>front</guid>"
                "<pubDate>Sun, 03 Mar 2024 08:30:00 GMT</pubDate>"
                "<description>&lt;p&gt;The feed's own words about the front page.&lt;/p&gt;"
                "&lt;script&gt;evil()&lt;/script&gt;</description></item>"
                "</channel></rss>") % (base, base, base, base))
        elif url.path == "/news.xml":
            self.send(200, "application/rss+xml", (
                "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                "<title>The Moscow Times</title><link>%s/</link><description>news</description>"
                "<item><title>Syrian and Russian Leaders Discuss Peace Talks</title>"
                "<link>%s/moscow.html?utm_source=rss</link><guid>a29601</guid>"
                "<pubDate>Thu, 14 Nov 2013 11:19:00 GMT</pubDate>"
                "<description>The presidents of Syria and Russia have discussed a proposed"
                " peace conference.</description></item></channel></rss>") % (base, base))
        elif url.path == "/moscow.html":
            with open(os.path.join(DATA, "moscow.html"), encoding="utf-8") as f:
                self.send(200, "text/html; charset=utf-8", f.read())
        elif url.path == "/article.html":
            with open(os.path.join(DATA, "article.html"), encoding="utf-8") as f:
                self.send(200, "text/html; charset=utf-8", f.read())
        elif url.path == "/second.html":
            self.send(200, "text/html; charset=utf-8", page("Second story", PARAGRAPHS))
        elif url.path == "/titled":
            title = urllib.parse.parse_qs(url.query).get("t", ["untitled"])[0]
            self.send(200, "text/html; charset=utf-8", page(title, PARAGRAPHS))
        elif url.path == "/nothing.html":
            with open(os.path.join(DATA, "home.html"), encoding="utf-8") as f:
                self.send(200, "text/html; charset=utf-8", f.read())
        else:
            self.send(404, "text/plain", "not found")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    print(srv.server_address[1], os.getpid(), flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
