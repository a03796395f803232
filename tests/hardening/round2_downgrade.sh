#!/bin/sh
# A permanent redirect from https to plain http is followed for that fetch but never stored
# as the subscription's new URL: anyone on the path could otherwise move a feed off TLS for
# good. A permanent move from https to https is still remembered. nginx serves TLS on
# 127.0.0.1 with a certificate of the test's own; the http side is the fault server.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ] || ! command -v openssl >/dev/null; then
	echo "1..0 # SKIP needs nginx and openssl (apt-get install nginx openssl)"
	exit 0
fi
HTTP_BASE=$BASE
W="$T_DIR/www"
mkdir -p "$W/tmp"
chmod 755 "$T_DIR" "$W" # nginx's workers run as another user when started by root
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$W/key.pem" -out "$W/cert.pem" 2>/dev/null
cat >"$W/secure.xml" <<FEED
<?xml version="1.0"?><rss version="2.0"><channel><title>Secure</title>
<link>https://127.0.0.1/</link><description>d</description>
<item><title>Secure item</title><guid>s1</guid><link>https://127.0.0.1/1</link></item>
</channel></rss>
FEED
TLS_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TLS="https://127.0.0.1:$TLS_PORT"
cat >"$W/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $W/nginx.pid;
error_log $W/error.log warn;
events { worker_connections 64; }
http {
	access_log off;
	types { application/rss+xml xml; }
	client_body_temp_path $W/tmp;
	proxy_temp_path $W/tmp;
	fastcgi_temp_path $W/tmp;
	uwsgi_temp_path $W/tmp;
	scgi_temp_path $W/tmp;
	server {
		listen 127.0.0.1:$TLS_PORT ssl;
		ssl_certificate $W/cert.pem;
		ssl_certificate_key $W/key.pem;
		root $W;
		location = /down { return 301 $HTTP_BASE/feed/down; }
		location = /down308 { return 308 $HTTP_BASE/feed/down308; }
		location = /up { return 301 $TLS/secure.xml; }
	}
}
CONF
"$NGINX" -c "$W/nginx.conf" -p "$W" -e "$W/error.log" 2>/dev/null &
NGINX_PID=$!
at_exit "kill $NGINX_PID 2>/dev/null"
for _ in $(seq 100); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $TLS_PORT), 1)" 2>/dev/null && break
	sleep 0.1
done

printf 'ca-file = %s\nfetch-timeout = 10\n' "$W/cert.pem" >"$CONF/config"
printf '%s\n' "$TLS/down" "$TLS/down308" "$TLS/up" >"$CONF/feeds"
td refresh
is "$RC" 0 "the refresh succeeds"
FEEDS=$(cat "$CONF/feeds")
contains "$FEEDS" "$TLS/down" "a 301 to http leaves the https URL in the feeds file"
contains "$FEEDS" "$TLS/down308" "so does a 308 to http"
lacks "$FEEDS" "$HTTP_BASE" "no plain http URL was stored"
contains "$FEEDS" "$TLS/secure.xml" "a permanent move to https is remembered"
td refresh
is "$(grep -c '^/feed/down ' "$FAULT_LOG")" 2 "the next refresh asks the https URL again (and is sent on)"
done_testing
