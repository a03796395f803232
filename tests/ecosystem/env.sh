#!/bin/sh
# The environment tidings honours: XDG base directories, and proxies (through libcurl).
. "$TESTS_SRCDIR/lib.sh"
D="$TESTS_SRCDIR/data/ecosystem"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy no_proxy NO_PROXY

# XDG_CONFIG_HOME and XDG_DATA_HOME, without --config and --data.
X="$T_DIR/xdg"
OUT=$(HOME="$T_DIR/home" XDG_CONFIG_HOME="$X/config" XDG_DATA_HOME="$X/data" \
	"$TIDINGS" import "$D/folders.opml" 2>&1)
is "$?" 0 "import with XDG directories"
check "the feeds file is in \$XDG_CONFIG_HOME/tidings" test -f "$X/config/tidings/feeds"
OUT=$(HOME="$T_DIR/home" XDG_CONFIG_HOME="$X/config" XDG_DATA_HOME="$X/data" \
	"$TIDINGS" export 2>&1)
contains "$OUT" "https://deep.example/rss" "export reads it back from there"
check "the cache is in \$XDG_DATA_HOME/tidings" test -f "$X/data/tidings/cache.db"
OUT=$(env -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME="$T_DIR/home" "$TIDINGS" export 2>&1)
lacks "$OUT" "deep.example" "without them, the XDG directories are not read"
check "and ~/.local/share/tidings is used" test -f "$T_DIR/home/.local/share/tidings/cache.db"

# http_proxy: a feed on a host that does not exist is fetched through the proxy.
if ! "$TIDINGS" help refresh >/dev/null 2>&1; then
	echo "# no refresh command: proxy test left out"
	done_testing
	exit $?
fi
mkdir -p "$T_DIR/www"
cp "$D/one.xml" "$T_DIR/www/"
python3 "$D/proxy.py" "$T_DIR/www" "$T_DIR/port" "$T_DIR/proxy.log" &
at_exit "kill $! 2>/dev/null"
i=0
while [ ! -s "$T_DIR/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
PROXY="http://127.0.0.1:$(cat "$T_DIR/port")"

# feeds.example.test (RFC 6761 .test): the proxy is asked, no DNS here. A name under .invalid
# would be refused before any proxy or DNS, as it is below.
echo "http://feeds.example.test/one.xml" >"$CONF/feeds"
OUT=$(http_proxy="$PROXY" "$TIDINGS" --config "$CONF" --data "$DATA" refresh 2>&1)
is "$?" 0 "refresh through http_proxy succeeds"
contains "$(cat "$T_DIR/proxy.log" 2>/dev/null)" "GET http://feeds.example.test/one.xml" \
	"the request went through the proxy"
td list --json
contains "$OUT" "First & best" "and its articles are in the cache"

: >"$T_DIR/proxy.log"
echo "http://feeds.invalid/one.xml" >"$CONF/feeds"
OUT=$(http_proxy="$PROXY" no_proxy="feeds.invalid" "$TIDINGS" --config "$CONF" \
	--data "$DATA" refresh http://feeds.invalid/one.xml 2>&1)
is "$(cat "$T_DIR/proxy.log")" "" "no_proxy names hosts reached directly"

done_testing
