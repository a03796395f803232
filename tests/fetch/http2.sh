#!/bin/sh
# HTTPS against nginx on 127.0.0.1 with a certificate of the test's own: the certificate is
# verified (refused without its authority, accepted with ca-file), HTTP/2 is used where the
# server offers it, and the feeds of one host share one connection.
. "$TESTS_SRCDIR/lib.sh"

. "$TESTS_SRCDIR/servers/nginx_tls.sh"

for n in 1 2 3; do
	cat >"$W/feed$n.xml" <<FEED
<?xml version="1.0"?><rss version="2.0"><channel><title>Secure $n</title>
<link>https://127.0.0.1/</link><description>d</description>
<item><title>Item of feed $n</title><guid>s$n</guid><link>https://127.0.0.1/$n</link></item>
</channel></rss>
FEED
done
nginx_tls_start http2 "log_format t '\$server_protocol \$status \$connection \$request_uri';
	access_log $W/access.log t;" ""

for n in 1 2 3; do echo "$TLS/feed$n.xml"; done >"$CONF/feeds"

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
