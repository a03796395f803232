#!/usr/bin/env python3
"""A small Google Reader API server that misbehaves on request, for the sync fault tests.

Binds 127.0.0.1 on a free port and prints "PORT PID" on its first line. The API is at
/api/greader.php (user "admin", password "secret"). It has one subscription ("feed/1",
folder "news") with three articles, and keeps their read and starred state in memory. A feed
subscribed through quickadd is listed under its URL with "?moved" appended (as a server that
followed a redirect would).

Control (no authentication):
  GET /control/mode/ok        behave (the default)
  GET /control/mode/500       answer every API call, login included, with 500
  GET /control/mode/hang      accept and never answer
  GET /control/expire         forget every session token (the next call gets 401)
  GET /control/state          JSON: read and starred item numbers, logins, edit-tag calls

Python 3 standard library only.
"""
import http.server
import json
import os
import socketserver
import sys
import threading
import time
import urllib.parse

PREFIX = "/api/greader.php"
ITEM = "tag:google.com,2005:reader/item/%016x"
LOCK = threading.Lock()
STATE = {"mode": "ok", "tokens": set(), "read": set(), "starred": set(), "logins": 0,
         "edits": 0, "next": 0, "added": []}
ITEMS = [1, 2, 3]


def item_number(ident):
    if ident.startswith("tag:google.com,2005:reader/item/"):
        return int(ident.rsplit("/", 1)[1], 16)
    return int(ident)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype="text/plain"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def form(self):
        n = int(self.headers.get("Content-Length") or 0)
        return urllib.parse.parse_qs(self.rfile.read(n).decode(), keep_blank_values=True)

    def control(self, path):
        parts = path.split("/")
        with LOCK:
            if parts[2] == "mode":
                STATE["mode"] = parts[3]
            elif parts[2] == "expire":
                STATE["tokens"].clear()
            state = {"read": sorted(STATE["read"]), "starred": sorted(STATE["starred"]),
                     "logins": STATE["logins"], "edits": STATE["edits"]}
        self.send(200, json.dumps(state), "application/json")

    def authorised(self):
        auth = self.headers.get("Authorization", "")
        token = auth.split("auth=", 1)[1] if "auth=" in auth else None
        with LOCK:
            return token in STATE["tokens"]

    def handle_any(self, post):
        url = urllib.parse.urlsplit(self.path)
        if url.path.startswith("/control/"):
            return self.control(url.path)
        form = self.form() if post else {}
        mode = STATE["mode"]
        if mode == "hang":
            time.sleep(3600)
            return
        if mode == "500":
            return self.send(500, "Internal Server Error: the database is on fire\n")
        if not url.path.startswith(PREFIX):
            return self.send(404, "not found\n")
        path = url.path[len(PREFIX):]
        query = urllib.parse.parse_qs(url.query)
        if path == "/accounts/ClientLogin":
            if form.get("Email") != ["admin"] or form.get("Passwd") != ["secret"]:
                return self.send(401, "Error=BadAuthentication\n")
            with LOCK:
                STATE["logins"] += 1
                STATE["next"] += 1
                token = "admin/tok%d" % STATE["next"]
                STATE["tokens"].add(token)
            return self.send(200, "SID=%s\nLSID=null\nAuth=%s\n" % (token, token))
        if not self.authorised():
            return self.send(401, "Unauthorized!\n")
        api = path[len("/reader/api/0/"):] if path.startswith("/reader/api/0/") else None
        if api == "token":
            return self.send(200, "T-token\n")
        if api == "subscription/list":
            subs = [{"id": "feed/1", "title": "Fault feed",
                     "url": "http://127.0.0.1:9/fault.xml", "htmlUrl": "http://127.0.0.1:9/",
                     "categories": [{"id": "user/-/label/news", "label": "news"}]}]
            with LOCK:
                # Feeds subscribed through quickadd, known by the URL the server settled on.
                for n, url in enumerate(STATE["added"]):
                    subs.append({"id": "feed/%d" % (n + 2), "title": url,
                                 "url": url + "?moved", "categories": []})
            return self.send(200, json.dumps({"subscriptions": subs}), "application/json")
        if api and api.startswith("stream/contents/"):
            items = []
            with LOCK:
                for n in ITEMS:
                    cats = ["user/-/state/com.google/reading-list"]
                    if n in STATE["read"]:
                        cats.append("user/-/state/com.google/read")
                    if n in STATE["starred"]:
                        cats.append("user/-/state/com.google/starred")
                    items.append({"id": ITEM % n, "crawlTimeMsec": "1700000000000",
                                  "published": 1700000000 + n, "title": "Article %d" % n,
                                  "canonical": [{"href": "http://127.0.0.1:9/a/%d" % n}],
                                  "summary": {"content": "<p>Body %d</p>" % n},
                                  "categories": cats, "origin": {"streamId": "feed/1"}})
            return self.send(200, json.dumps({"items": items}), "application/json")
        if api == "stream/items/ids":
            with LOCK:
                if query.get("s") == ["user/-/state/com.google/starred"]:
                    ids = sorted(STATE["starred"])
                else:
                    ids = [n for n in ITEMS if n not in STATE["read"]]
            refs = [{"id": str(n)} for n in ids]
            return self.send(200, json.dumps({"itemRefs": refs}), "application/json")
        if post and form.get("T") != ["T-token"]:
            return self.send(401, "Unauthorized!\n")
        if api == "edit-tag":
            with LOCK:
                STATE["edits"] += 1
                for tag, add in ((form.get("a"), True), (form.get("r"), False)):
                    if not tag:
                        continue
                    s = STATE["read"] if tag[0].endswith("/read") else STATE["starred"]
                    for i in form.get("i", []):
                        (s.add if add else s.discard)(item_number(i))
            return self.send(200, "OK")
        if api == "subscription/quickadd":
            with LOCK:
                STATE["added"].append(form["quickadd"][0])
                stream = "feed/%d" % (len(STATE["added"]) + 1)
            return self.send(200, json.dumps({"numResults": 1, "streamId": stream}),
                             "application/json")
        if api == "subscription/edit":
            return self.send(200, "OK")
        return self.send(404, "not found\n")

    def do_GET(self):
        self.handle_any(False)

    def do_POST(self):
        self.handle_any(True)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], os.getpid(), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
