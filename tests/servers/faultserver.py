#!/usr/bin/env python3
"""A web server that misbehaves on purpose, for the fetch tests.

Binds 127.0.0.1 on a free port and prints "PORT PID" on its first line of output. The path
chooses the behaviour; every path not listed is 404. Requests are logged, one line each
("PATH If-None-Match If-Modified-Since UA=User-Agent CONN=client port", "-" for
absent) to the file given with --log.

  /feed/NAME[?items=N]   a good RSS feed, ETag and Last-Modified, 304 to a matching request
  /lastmod/NAME          a good feed with only Last-Modified
  /then/SCENARIO/NAME    a good feed on the first request, SCENARIO's answer afterwards
  /never /drip /reset /loop/a /tofile /huge /hugechunked /bomb /wrongtype /html200 /500
  /304 /gone /429 /503 /badchunk /badlength /earlyclose /guidswitch/NAME /perm/NAME
  /movelater/NAME /temp/NAME /gzip/NAME (gzip-encoded when the client accepts it) /latin1/NAME
  /html/NAME (a page linking to feeds) /site/NAME (a page without
  links whose /site/NAME/feed is a feed)
  /static/FILE           FILE from the directory given with --root (hardening tests)
  /media/FILE            FILE from --root as audio/mpeg, honouring "Range: bytes=N-" (206)
  /mediacut/FILE         the same, but the first request without a Range gets half the bytes
                         under the whole Content-Length and the connection closed
  /mediashort/FILE       always half the bytes under the whole Content-Length, Range ignored
  /mediachunked/FILE     the whole file chunked, with no Content-Length
  /mediaslow/FILE        like /media, sent in 16 KB pieces 50 ms apart
  /rotating/NAME         a feed with three new items on every fetch and no validators
  /slowheaders /bigheader /badstatus /endless1xx /truncgzip /deflatebomb /badlengthvalue
  /scheme/ftp|gopher|dict|scp|data|javascript (a redirect to that scheme)
  /enc/gzip|deflate|rawdeflate|br|zstd   a 40-item feed, compressed so (from tests/data/hardening)
  /cut/gzip|deflate|rawdeflate|br|zstd   the same cut in half, with a matching Content-Length
  /enc/compress          an encoding nobody asked for
  /million[?items=N]     1,000,000 (or N) tiny items in 30 MB (made once, kept)
  /toinvalid             a redirect to a host under .invalid (RFC 6761)

Python 3 standard library only.
"""
import email.utils
import gzip
import hashlib
import http.server
import os
import socket
import socketserver
import struct
import sys
import threading
import time
import zlib

LOG = None
LOG_LOCK = threading.Lock()
HITS = {}


def rss(name, items=3, scheme="a", title=None, encoding="utf-8"):
    title = title or "Feed %s" % name
    parts = [
        '<?xml version="1.0" encoding="%s"?>\n' % encoding,
        '<rss version="2.0"><channel><title>%s</title>' % title,
        "<link>http://example.org/%s</link><description>test</description>\n" % name,
    ]
    for i in range(items):
        guid = "%s-%s-%d" % (name, scheme, i) if scheme == "a" else "urn:%s:%d" % (name, i)
        parts.append(
            "<item><title>Item %d of %s</title><link>http://example.org/%s/%d</link>"
            "<guid isPermaLink=\"false\">%s</guid>"
            "<pubDate>Mon, 0%d Jan 2024 10:00:00 GMT</pubDate>"
            "<description>Body %d</description></item>\n" % (i, name, name, i, guid, 1 + i % 9, i)
        )
    parts.append("</channel></rss>\n")
    return "".join(parts)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "faultserver"

    def log_message(self, fmt, *args):
        pass

    def log_request_line(self):
        if not LOG:
            return
        rng = self.headers.get("Range")
        line = "%s %s %s UA=%s%s CONN=%d\n" % (
            self.path,
            self.headers.get("If-None-Match", "-"),
            self.headers.get("If-Modified-Since", "-"),
            self.headers.get("User-Agent", "-").replace(" ", "_"),
            " RANGE=" + rng.replace(" ", "") if rng else "",
            self.client_address[1],
        )
        with LOG_LOCK, open(LOG, "a") as f:
            f.write(line)

    def hit(self, key):
        with LOG_LOCK:
            HITS[key] = HITS.get(key, 0) + 1
            return HITS[key]

    def send_body(self, status, body, ctype="application/rss+xml; charset=utf-8", extra=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, status, location):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def conditional_feed(self, body, use_etag=True):
        etag = '"%s"' % hashlib.sha1(body.encode()).hexdigest()[:16]
        lastmod = "Mon, 01 Jan 2024 10:00:00 GMT"
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (use_etag and inm == etag) or (not use_etag and ims == lastmod):
            self.send_response(304)
            if use_etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        extra = [("Last-Modified", lastmod)]
        if use_etag:
            extra.append(("ETag", etag))
        self.send_body(200, body, extra=extra)

    def do_GET(self):
        self.log_request_line()
        path, _, query = self.path.partition("?")
        parts = path.strip("/").split("/")
        try:
            self.dispatch(parts, query)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def dispatch(self, parts, query):
        head = parts[0] if parts else ""
        name = parts[1] if len(parts) > 1 else "x"
        if head == "then":
            scenario = parts[1] if len(parts) > 1 else ""
            if self.hit("/".join(parts)) == 1:
                return self.conditional_feed(rss(parts[-1]))
            return self.dispatch(parts[1:], query)
        handler = getattr(self, "s_" + head, None)
        if handler is None:
            return self.send_body(404, "not here", "text/plain")
        return handler(name, query)

    # --- well-behaved answers
    def s_feed(self, name, query):
        items = 3
        if query.startswith("items="):
            items = int(query[6:])
        self.conditional_feed(rss(name, items))

    def s_lastmod(self, name, query):
        self.conditional_feed(rss(name), use_etag=False)

    def s_wrongtype(self, name, query):
        self.send_body(200, rss("wrongtype"), "image/png")

    def s_latin1(self, name, query):
        body = rss(name, title="Caf\u00e9 %s" % name, encoding="iso-8859-1")
        # The XML declaration says Latin-1 too; the HTTP header is what the test is about.
        self.send_body(200, body.encode("iso-8859-1"), "text/xml; charset=ISO-8859-1")

    def s_gzip(self, name, query):
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return self.send_body(406, "gzip only", "text/plain")
        self.send_body(200, gzip.compress(rss(name).encode()),
                       extra=[("Content-Encoding", "gzip")])

    def s_guidswitch(self, name, query):
        scheme = "a" if self.hit("guidswitch/" + name) == 1 else "b"
        self.send_body(200, rss(name, scheme=scheme))

    def s_perm(self, name, query):
        # /perm/NAME -> 301 -> /perm2/NAME -> 308 -> /feed/NAME-moved
        self.redirect(301, "/perm2/%s" % name)

    def s_perm2(self, name, query):
        self.redirect(308, "http://%s/feed/%s-moved" % (self.headers.get("Host"), name))

    def s_movelater(self, name, query):
        # The same feed as /feed/NAME (same ETag), which it moves to after the first request.
        if self.hit("movelater/" + name) == 1:
            return self.conditional_feed(rss(name))
        self.redirect(301, "/feed/%s" % name)

    def s_temp(self, name, query):
        self.redirect(302, "/feed/%s-temp" % name)

    def s_html(self, name, query):
        page = (
            "<!DOCTYPE html><html><head><title>Site</title>"
            '<link rel="stylesheet" href="/style.css">'
            '<link rel="alternate" type="application/rss+xml" title="Posts" href="/feed/%s">'
            '<link rel="alternate" type="application/atom+xml" href="/feed/%s-atom">'
            "</head><body><p>hello</p></body></html>" % (name, name)
        )
        if query == "one":
            page = page.replace('<link rel="alternate" type="application/atom+xml"', "<x")
        self.send_body(200, page, "text/html; charset=utf-8")

    def s_site(self, name, query):
        if len(self.path.strip("/").split("/")) > 2 and self.path.rstrip("/").endswith("/feed"):
            return self.conditional_feed(rss(name))
        self.send_body(200, "<html><head><title>x</title></head><body>no links</body></html>",
                       "text/html")

    # --- faults
    def s_never(self, name, query):
        time.sleep(3600)

    def s_drip(self, name, query):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for _ in range(3600):
            self.wfile.write(b"<")
            self.wfile.flush()
            time.sleep(1)

    def s_reset(self, name, query):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(rss("reset").encode()[:200])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def s_loop(self, name, query):
        self.redirect(302, "/loop/%s" % ("b" if name == "a" else "a"))

    def s_tofile(self, name, query):
        self.redirect(301, "file:///etc/passwd")

    def s_huge(self, name, query):
        # 2 GB announced and generated on the fly, never stored.
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(2 << 30))
        self.end_headers()
        chunk = b"<!-- " + b"x" * 65530 + b"-->"
        for _ in range((2 << 30) // len(chunk)):
            self.wfile.write(chunk)

    def s_hugechunked(self, name, query):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<!-- " + b"x" * 65530 + b"-->"
        for _ in range((2 << 30) // len(chunk)):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def s_bomb(self, name, query):
        # About 1 GB of decoded bytes in a small gzip stream, compressed as it is sent.
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = b"\0" * (1 << 20)
        for _ in range(1024):
            data = comp.compress(zeros)
            if data:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        data = comp.flush()
        self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data))

    def s_html200(self, name, query):
        self.send_body(200, "<html><body><h1>Oops</h1><p>Something went wrong.</p></body></html>",
                       "text/html")

    def s_500(self, name, query):
        self.send_body(500, "<html><body>Internal error</body></html>", "text/html")

    def s_304(self, name, query):
        self.send_response(304)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def s_gone(self, name, query):
        self.send_body(410, "gone", "text/plain")

    def s_429(self, name, query):
        self.send_body(429, "slow down", "text/plain", extra=[("Retry-After", "120")])

    def s_503(self, name, query):
        when = email.utils.formatdate(time.time() + 3600, usegmt=True)
        self.send_body(503, "maintenance", "text/plain", extra=[("Retry-After", when)])

    def s_badchunk(self, name, query):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.write(b"zz\r\nnot hex\r\n0\r\n\r\n")
        self.close_connection = True

    def s_badlength(self, name, query):
        body = rss("badlength").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body) + 5000))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def s_earlyclose(self, name, query):
        self.close_connection = True


    # --- more faults (hardening)
    def s_static(self, name, query):
        path = os.path.join(ROOT or "/nonexistent", os.path.basename(name))
        try:
            with open(path, "rb") as f:
                body = f.read()
        except OSError:
            return self.send_body(404, "not here", "text/plain")
        ctype = "application/json" if name.endswith(".json") else "application/xml"
        self.send_body(200, body, ctype)

    def s_plain(self, name, query):
        # The same feed at every fetch, without validators (no ETag, no Last-Modified), as
        # many servers send it; hits counted under plain/NAME.
        self.hit("plain/" + name)
        self.send_body(200, rss(name, 3))

    def s_rotating(self, name, query):
        # A feed whose items move on with every fetch (three new ones each time), without
        # validators: every refresh writes to the cache (the crash-safety trials).
        n = self.hit("rotating/" + name)
        parts = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>',
                 "<title>Rotating %s %d</title><link>http://example.org/%s</link>" % (name, n, name)]
        for i in range(3 * n, 3 * n + 12):
            parts.append("<item><title>Item %d of %s</title><guid>%s-r-%d</guid>"
                         "<link>http://example.org/%s/%d</link><description>%s</description>"
                         "</item>\n" % (i, name, name, i, name, i, ("Body %d. " % i) * 40))
        parts.append("</channel></rss>\n")
        self.send_body(200, "".join(parts))

    def raw(self, data):
        self.wfile.write(data)
        self.wfile.flush()

    def s_slowheaders(self, name, query):
        # A status line, then one byte of header every second, forever.
        self.raw(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(3600):
            self.raw(b"x")
            time.sleep(1)

    def s_bigheader(self, name, query):
        # One header line of 8 MB: more than any client should hold.
        self.raw(b"HTTP/1.1 200 OK\r\nX-Big: ")
        for _ in range(128):
            self.raw(b"y" * 65536)
        self.raw(b"\r\nContent-Length: 0\r\n\r\n")
        self.close_connection = True

    def s_badstatus(self, name, query):
        self.raw(b"HELLO THERE\r\n\r\n<rss/>")
        self.close_connection = True

    def s_endless1xx(self, name, query):
        # Interim responses that never lead to a final one.
        for _ in range(36000):
            self.raw(b"HTTP/1.1 100 Continue\r\n\r\n")
            time.sleep(0.1)

    def s_truncgzip(self, name, query):
        data = gzip.compress(rss("truncgzip").encode())
        data = data[: len(data) // 2]
        self.send_body(200, data, extra=[("Content-Encoding", "gzip")])
        self.close_connection = True

    def s_deflatebomb(self, name, query):
        # About 1 GB of decoded bytes as raw zlib ("deflate"), compressed as it is sent.
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Encoding", "deflate")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        comp = zlib.compressobj(9, zlib.DEFLATED, 15)
        spaces = b" " * (1 << 20)
        for _ in range(1024):
            data = comp.compress(spaces)
            if data:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        data = comp.flush()
        self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data))

    def s_badlengthvalue(self, name, query):
        self.raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                 b"Content-Length: -5\r\nContent-Length: abc\r\n\r\n" + rss("x").encode())
        self.close_connection = True

    def s_scheme(self, name, query):
        targets = {
            "ftp": "ftp://127.0.0.1/feed.xml",
            "gopher": "gopher://127.0.0.1/1",
            "dict": "dict://127.0.0.1:11211/stat",
            "scp": "scp://127.0.0.1/etc/passwd",
            "data": "data:application/rss+xml,%3Crss%2F%3E",
            "javascript": "javascript:alert(1)",
        }
        self.redirect(302, targets.get(name, "file:///etc/passwd"))

    # --- media files (downloads)
    def media_bytes(self, name):
        path = os.path.join(ROOT or "/nonexistent", os.path.basename(name))
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError:
            self.send_body(404, "not here", "text/plain")
            return None

    def send_media(self, body, start=0, cut=None, pause=0.0):
        rng = self.headers.get("Range", "")
        if rng.startswith("bytes=") and rng.endswith("-") and start == 0:
            start = int(rng[6:-1])
        if start >= len(body) and start > 0:
            self.send_response(416)
            self.send_header("Content-Range", "bytes */%d" % len(body))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(206 if start else 200)
        self.send_header("Content-Type", "audio/mpeg")
        self.send_header("Accept-Ranges", "bytes")
        if start:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(body) - 1, len(body)))
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        end = len(body) if cut is None else cut
        pos = start
        while pos < end:
            step = min(16384, end - pos)
            self.wfile.write(body[pos:pos + step])
            self.wfile.flush()
            pos += step
            if pause:
                time.sleep(pause)
        if cut is not None:
            self.close_connection = True

    def s_media(self, name, query):
        body = self.media_bytes(name)
        if body is not None:
            self.send_media(body)

    def s_mediaslow(self, name, query):
        body = self.media_bytes(name)
        if body is not None:
            self.send_media(body, pause=0.05)

    def s_mediacut(self, name, query):
        body = self.media_bytes(name)
        if body is None:
            return
        if "Range" not in self.headers and self.hit("mediacut/" + name) == 1:
            return self.send_media(body, cut=len(body) // 2)
        self.send_media(body)

    def s_mediashort(self, name, query):
        body = self.media_bytes(name)
        if body is not None:
            self.send_response(200)
            self.send_header("Content-Type", "audio/mpeg")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True

    def s_mediachunked(self, name, query):
        body = self.media_bytes(name)
        if body is None:
            return
        self.send_response(200)
        self.send_header("Content-Type", "audio/mpeg")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for pos in range(0, len(body), 16384):
            piece = body[pos:pos + 16384]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")


ENCODED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "hardening",
                       "encoded")
# What each Content-Encoding's fixture is: (file, header value).
ENCODINGS = {
    "gzip": ("feed.xml.gz", "gzip"),
    "deflate": ("feed.xml.zz", "deflate"),
    "br": ("feed.xml.br", "br"),
    "zstd": ("feed.xml.zst", "zstd"),
}
MILLION = None


def encoded_body(kind):
    if kind == "rawdeflate":
        with open(os.path.join(ENCODED, "feed.xml"), "rb") as f:
            comp = zlib.compressobj(9, zlib.DEFLATED, -15)
            return comp.compress(f.read()) + comp.flush(), "deflate"
    name, header = ENCODINGS[kind]
    with open(os.path.join(ENCODED, name), "rb") as f:
        return f.read(), header


def million_items(count=1000000):
    global MILLION
    if count != 1000000:
        return tiny_items(count)
    with LOG_LOCK:
        if MILLION is None:
            MILLION = tiny_items(count)
        return MILLION


def tiny_items(count):
    head = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Million</title>'
            "<link>http://example.org/m</link>\n")
    items = "".join("<item><guid>%d</guid></item>\n" % i for i in range(count))
    return (head + items + "</channel></rss>\n").encode()


def _enc(self, name, query):
    if name == "compress":
        return self.send_body(200, b"\x1f\x9d\x90junk", extra=[("Content-Encoding", "compress")])
    if name not in ENCODINGS and name != "rawdeflate":
        return self.send_body(404, "no such encoding", "text/plain")
    body, header = encoded_body(name)
    self.send_body(200, body, extra=[("Content-Encoding", header)])


def _cut(self, name, query):
    if name not in ENCODINGS and name != "rawdeflate":
        return self.send_body(404, "no such encoding", "text/plain")
    body, header = encoded_body(name)
    self.send_body(200, body[: len(body) // 2], extra=[("Content-Encoding", header)])
    self.close_connection = True


def _million(self, name, query):
    count = int(query[6:]) if query.startswith("items=") else 1000000
    self.send_body(200, million_items(count))


def _toinvalid(self, name, query):
    self.redirect(302, "http://feeds.example.invalid/feed.xml")


Handler.s_enc = _enc
Handler.s_cut = _cut
Handler.s_million = _million
Handler.s_toinvalid = _toinvalid


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # Tests open dozens of connections at once; with the default backlog of 5 the kernel
    # drops SYNs and the clients wait a second to retry.
    request_queue_size = 256

    def handle_error(self, request, client_address):
        # A client that hangs up is no news: tests kill refreshes on purpose.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


ROOT = None


def main():
    global LOG, ROOT
    args = sys.argv[1:]
    while len(args) >= 2 and args[0] in ("--log", "--root"):
        if args[0] == "--log":
            LOG = args[1]
        else:
            ROOT = args[1]
        args = args[2:]
    server = Server(("127.0.0.1", 0), Handler)
    print("%d %d" % (server.server_address[1], os.getpid()), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
