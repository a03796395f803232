"""Serves a directory on 127.0.0.1 at a free port for the tests; writes the port to a file.
Usage: serve.py DIR PORTFILE. Stops by itself after five minutes."""
import functools
import http.server
import sys
import threading

directory, port_file = sys.argv[1], sys.argv[2]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(
    ("127.0.0.1", 0), functools.partial(Quiet, directory=directory))
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os  # noqa: E402
os.rename(port_file + ".tmp", port_file)
threading.Timer(300, server.shutdown).start()
server.serve_forever()
