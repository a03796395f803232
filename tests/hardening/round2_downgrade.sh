#!/bin/sh
# A permanent redirect from https to plain http is followed for that fetch but never stored
# as the subscription's new URL: anyone on the path could otherwise move a feed off TLS for
# good. A permanent move from https to https is still remembered. nginx serves TLS on
# 127.0.0.1 with a certificate of the test's own; the http side is the fault server.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/fetch/server.sh"

HTTP_BASE=$BASE
. "$TESTS_SRCDIR/servers/nginx_tls.sh"
cat >"$W/secure.xml" <<FEED
<?xml version="1.0"?><rss version="2.0"><channel><title>Secure</title>
<link>https://127.0.0.1/</link><description>d</description>
<item><title>Secure item</title><guid>s1</guid><link>https://127.0.0.1/1</link></item>
</channel></rss>
FEED
nginx_tls_start "" "access_log off;" "location = /down { return 301 $HTTP_BASE/feed/down; }
		location = /down308 { return 308 $HTTP_BASE/feed/down308; }
		location = /up { return 301 $TLS/secure.xml; }"

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
