#!/bin/sh
# HTTPS against nginx on 127.0.0.1 with a certificate of the test's own: the certificate is
# verified (refused without its authority, accepted with ca-file), HTTP/2 is used where the
# server offers it, and the feeds of one host share one connection.
. "$TESTS_SRCDIR/lib.sh"

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ] || ! command -v openssl >/dev/null; then
	echo "1..0 # SKIP needs nginx and openssl (apt-get install nginx openssl)"
	exit 0
fi

W="$T_DIR/www"
mkdir -p "$W/tmp"
chmod 755 "$T_DIR" "$W" # nginx's workers run as another user when started by root
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$W/key.pem" -out "$W/cert.pem" 2>/dev/null
for n in 1 2 3; do
	cat >"$W/feed$n.xml" <<FEED
<?xml version="1.0"?><rss version="2.0"><channel><title>Secure $n</title>
<link>https://127.0.0.1/</link><description>d</description>
<item><title>Item of feed $n</title><guid>s$n</guid><link>https://127.0.0.1/$n</link></item>
</channel></rss>
FEED
done
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$W/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $W/nginx.pid;
error_log $W/error.log warn;
events { worker_connections 64; }
http {
	log_format t '\$server_protocol \$status \$connection \$request_uri';
	access_log $W/access.log t;
	types { application/rss+xml xml; }
	client_body_temp_path $W/tmp;
	proxy_temp_path $W/tmp;
	fastcgi_temp_path $W/tmp;
	uwsgi_temp_path $W/tmp;
	scgi_temp_path $W/tmp;
	server {
		listen 127.0.0.1:$PORT ssl http2;
		ssl_certificate $W/cert.pem;
		ssl_certificate_key $W/key.pem;
		root $W;
	}
}
CONF
"$NGINX" -c "$W/nginx.conf" -p "$W" -e "$W/error.log" 2>/dev/null &
NGINX_PID=$!
at_exit "kill $NGINX_PID 2>/dev/null"
no_proxy='*'
export no_proxy
for _ in $(seq 50); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null && break
	sleep 0.1
done

for n in 1 2 3; do echo "https://127.0.0.1:$PORT/feed$n.xml"; done >"$CONF/feeds"

td refresh
is "$RC" 1 "a certificate of an unknown authority fails the refresh"
contains "$ERR$OUT" "certificate" "and the error says it is the certificate"
td list
is "$(printf '%s\n' "$OUT" | grep -c "Item of feed")" 0 "nothing was stored"

echo "ca-file = $W/cert.pem" >"$CONF/config"
td refresh
is "$RC" 0 "with its authority in ca-file the refresh succeeds"
td list
is "$(printf '%s\n' "$OUT" | grep -c "Item of feed")" 3 "every feed's item is stored"
# The refused handshakes never became requests.
is "$(grep -c "feed.\.xml" "$W/access.log")" 3 "nginx logged the three requests"
is "$(grep -c "^HTTP/2.0 200 " "$W/access.log")" 3 "they went over HTTP/2"
is "$(grep "^HTTP/2.0 " "$W/access.log" | awk '{print $3}' | sort -u | wc -l)" 1 \
	"they shared one connection"

echo "ca-file = $W/missing.pem" >"$CONF/config"
td refresh
is "$RC" 1 "a ca-file that does not exist fails the refresh instead of trusting anything"

done_testing
