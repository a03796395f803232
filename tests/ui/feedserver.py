#!/usr/bin/env python3
"""A feed server for the reader's tests: serves the files of a directory on 127.0.0.1 at a
free port (printed on the first line of stdout), without validators, so that every request
gets the file as it is now. A file NAME.delay beside NAME holds the seconds to wait before
answering for NAME (a slow web page); other requests are answered meanwhile."""
import http.server
import os
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        name = os.path.basename(self.path.split("?")[0])
        path = os.path.join(sys.argv[1], name)
        if not name or not os.path.isfile(path):
            self.send_error(404)
            return
        if os.path.isfile(path + ".delay"):
            with open(path + ".delay") as f:
                time.sleep(float(f.read()))
        with open(path, "rb") as f:
            body = f.read()
        self.send_response(200)
        kind = "text/html; charset=utf-8" if name.endswith(".html") else "application/rss+xml"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
