#!/usr/bin/env python3
"""A feed server on 127.0.0.1 that plays many slow hosts, for the many-slow-hosts refresh.

  slowhosts.py DIR PORT [--ips]

DIR/feeds.list names the feeds (DIR/feeds/NAME, as gen_web.py writes them); feed i is served
at http://HOST:PORT/feeds/NAME by its own host, where HOST is feedH.test (to be mapped to
127.0.0.1 by the client, never through DNS) or, with --ips, the address 127.1.H/250.H%250+1
(one listening socket per host, for clients that can only be given addresses, such as
newsboat). Hosts 0-9 carry ten feeds each (a site with many feeds: the per-host limit and
keep-alive show there), every other host one feed. Each host answers every request after its
own latency: 50-200 ms on the ten busy hosts, 50-500 ms on the others, and 2-4 s on five of
them (LATENCY_SCALE multiplies them all; 0 serves at once). No validators are sent.

It prints "ready IDEAL_MS" once listening, where IDEAL_MS is the slowest host's latency.
GET /stats on 127.0.0.1:PORT (host "control") returns, as JSON, the requests and connections
seen since the last /stats, per host the most requests in flight at once, and resets them.
A request for a feed on the wrong host is answered 404."""
import asyncio
import json
import os
import random
import sys

BUSY_HOSTS, BUSY_FEEDS = 10, 10
SLOW_HOSTS = 5


def layout(count):
    """host of each feed, latency of each host (seconds)."""
    host_of, h = [], 0
    for i in range(count):
        if i < BUSY_HOSTS * BUSY_FEEDS:
            host_of.append(i // BUSY_FEEDS)
        else:
            host_of.append(BUSY_HOSTS + i - BUSY_HOSTS * BUSY_FEEDS)
    hosts = max(host_of) + 1 if host_of else 0
    rng = random.Random(21)
    lat = []
    for h in range(hosts):
        lat.append(rng.uniform(0.05, 0.2) if h < BUSY_HOSTS else rng.uniform(0.05, 0.5))
    single = list(range(BUSY_HOSTS, hosts))
    for h in rng.sample(single, min(SLOW_HOSTS, len(single))):
        lat[h] = rng.uniform(2.0, 4.0)
    scale = float(os.environ.get("LATENCY_SCALE", "1"))  # 0: the same hosts, no waiting
    return host_of, [x * scale for x in lat]


def ip_of(h):
    return "127.1.%d.%d" % (h // 250, h % 250 + 1)


class Server:
    def __init__(self, root, names):
        self.root = root
        self.names = names
        self.host_of, self.lat = layout(len(names))
        self.feed_of_name = {n: i for i, n in enumerate(names)}
        self.reset()

    def reset(self):
        self.requests = 0
        self.connections = 0
        self.inflight = {}
        self.peak = {}

    def host_index(self, host_header, local_ip):
        name = host_header.split(":")[0].lower()
        if name.startswith("feed") and name.endswith(".test"):
            try:
                return int(name[4:-5])
            except ValueError:
                return None
        if local_ip and local_ip.startswith("127.1."):
            _, _, a, b = local_ip.split(".")
            return int(a) * 250 + int(b) - 1
        return None

    async def answer(self, method, path, host_header, local_ip):
        if path == "/stats":
            peak = max(self.peak.values()) if self.peak else 0
            body = json.dumps({"requests": self.requests, "connections": self.connections,
                               "peak_per_host": peak,
                               "ideal_ms": round(max(self.lat) * 1000)}).encode()
            self.reset()
            return 200, body, "application/json"
        h = self.host_index(host_header, local_ip)
        name = path.rsplit("/", 1)[-1]
        i = self.feed_of_name.get(name)
        if h is None or i is None or self.host_of[i] != h or not path.startswith("/feeds/"):
            return 404, b"not here\n", "text/plain"
        self.requests += 1
        self.inflight[h] = self.inflight.get(h, 0) + 1
        self.peak[h] = max(self.peak.get(h, 0), self.inflight[h])
        try:
            await asyncio.sleep(self.lat[h])
        finally:
            self.inflight[h] -= 1
        with open(os.path.join(self.root, "feeds", name), "rb") as fh:
            body = fh.read()
        ctype = "application/feed+json" if name.endswith(".json") else "application/xml"
        return 200, body, ctype

    async def handle(self, reader, writer):
        self.connections += 1
        sock = writer.get_extra_info("sockname")
        local_ip = sock[0] if sock else None
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split(" ")
                if len(parts) != 3:
                    break
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                status, body, ctype = await self.answer(parts[0], parts[1],
                                                        headers.get("host", ""), local_ip)
                close = headers.get("connection", "").lower() == "close"
                writer.write(("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
                              "%s\r\n" % (status, "OK" if status == 200 else "Not Found",
                                          ctype, len(body),
                                          "Connection: close\r\n" if close else "")).encode()
                             + (body if parts[0] != "HEAD" else b""))
                await writer.drain()
                if close:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()


async def main():
    root, port = sys.argv[1], int(sys.argv[2])
    ips = "--ips" in sys.argv[3:]
    with open(os.path.join(root, "feeds.list")) as fh:
        names = [line.strip() for line in fh if line.strip()]
    srv = Server(root, names)
    servers = [await asyncio.start_server(srv.handle, "127.0.0.1", port, backlog=1024)]
    if ips:
        for h in range(len(srv.lat)):
            servers.append(await asyncio.start_server(srv.handle, ip_of(h), port, backlog=64))
    print("ready %d" % round(max(srv.lat) * 1000), flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
