"""A stand-in HTTP proxy on 127.0.0.1 for the tests: answers every GET with the file of DIR
named by the last part of the requested URL, and logs the request line, so that a test can
see that tidings went through it. Usage: proxy.py DIR PORTFILE LOGFILE. Stops by itself after
five minutes."""
import http.server
import os
import sys
import threading

directory, port_file, log_file = sys.argv[1], sys.argv[2], sys.argv[3]


class Proxy(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(log_file, "a") as log:
            log.write(self.requestline + "\n")
        path = os.path.join(directory, os.path.basename(self.path.split("?")[0]))
        if not os.path.isfile(path):
            self.send_error(404)
            return
        with open(path, "rb") as f:
            body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
threading.Timer(300, server.shutdown).start()
server.serve_forever()
