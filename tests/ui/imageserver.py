#!/usr/bin/env python3
"""Pictures for the reader's picture tests and benchmark, generated here (no files).

Binds 127.0.0.1 on a free port and prints "PORT PID" on its first line. Paths:

  /split.png        160x80 PNG: the left half red, the right half blue
  /n/N.png          64x32 PNG whose colour follows N (any number: a page of many pictures)
  /huge.png         a 50 MiB answer that starts like a PNG (past every size limit)
  /wide.png         a PNG header declaring 100000x100000 pixels, then nothing sensible
  /slow.png         split.png after 3 seconds
Every answer is counted; /count says how many pictures were asked for, /count?/PATH how many
times PATH was. Everything else is 404. Python 3 standard library only.
"""
import http.server
import socketserver
import struct
import sys
import threading
import time
import zlib

COUNT = 0
COUNTS = {}
LOCK = threading.Lock()


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))


def png(width, height, pixel):
    """An 8-bit RGB PNG whose pixel (x, y) is pixel(x, y) -> (r, g, b)."""
    rows = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(width))
                    for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


SPLIT = png(160, 80, lambda x, y: (255, 0, 0) if x < 80 else (0, 0, 255))
WIDE = (b"\x89PNG\r\n\x1a\n" +
        chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)) +
        chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
NUMBERED = {}


def numbered(n):
    if n not in NUMBERED:
        c = ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256)
        NUMBERED[n] = png(64, 32, lambda x, y: c if x < 32 else (255 - c[0], 255 - c[1], 255 - c[2]))
    return NUMBERED[n]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, body, kind="image/png"):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        global COUNT
        path, _, query = self.path.partition("?")
        if path == "/count":
            self.send(str(COUNTS.get(query, 0) if query else COUNT).encode(), "text/plain")
            return
        with LOCK:
            COUNT += 1
            COUNTS[path] = COUNTS.get(path, 0) + 1
        if path == "/split.png":
            self.send(SPLIT)
        elif path == "/slow.png":
            time.sleep(3)
            self.send(SPLIT)
        elif path == "/wide.png":
            self.send(WIDE)
        elif path.startswith("/n/") and path.endswith(".png") and path[3:-4].isdigit():
            self.send(numbered(int(path[3:-4])))
        elif path == "/huge.png":
            size = 50 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            block = (SPLIT * (1 + 65536 // len(SPLIT)))[:65536]
            try:
                for _ in range(size // 65536):
                    self.wfile.write(block)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a reader that moved on hangs up: not worth a traceback


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], __import__("os").getpid(), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
