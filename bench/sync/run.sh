#!/bin/sh
# Sync benchmark (issue 14): a FreshRSS on 127.0.0.1 (../shared/servers/start-freshrss) holding
# 5,000 articles (10 feeds of 500, served by tests/servers/faultserver.py), then, each with a
# fresh cache: the first sync, and two syncs with nothing changed; tidings beside newsboat
# 2.21 on the same server. newsboat 2.21 has no FreshRSS back end (urls-source "freshrss"
# came in 2.22; 2.21 refuses it), so it runs its FeedHQ back end, the Google Reader API at a
# URL of our choosing: it logs in and reads the subscriptions, but reads articles from
# /reader/atom/, which FreshRSS does not serve (400), so it gets none. HTTP requests are
# counted in the server's own log (PHP's built-in server logs every request), wall and CPU
# time and peak memory by /usr/bin/time. Usage: bench/sync/run.sh [build/tidings]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
TIDINGS=$(cd "$(dirname "${1:-$top/build/tidings}")" && pwd)/$(basename "${1:-tidings}")
FEEDS=${FEEDS:-10}
ITEMS=${ITEMS:-500}
for p in newsboat time curl; do
	command -v "$p" >/dev/null 2>&1 || [ -x /usr/bin/$p ] ||
		apt-get install -y -qq --no-install-recommends "$p" >/dev/null
done
run=$(mktemp -d)
trap 'kill $fr_pid $feed_pid 2>/dev/null; rm -rf "$run"' EXIT
out=$("$top/../shared/servers/start-freshrss" "$run/fr") || { echo "no FreshRSS here" >&2; exit 77; }
set -- $(echo "$out" | tail -1)
port=$1 fr_pid=$2
api="http://127.0.0.1:$port/api/greader.php"
python3 "$top/tests/servers/faultserver.py" --log "$run/feeds.log" >"$run/feeds.out" &
feed_pid=$!
until [ -s "$run/feeds.out" ]; do sleep 0.1; done
feed_port=$(cut -d' ' -f1 "$run/feeds.out")

auth=$(curl -s "$api/accounts/ClientLogin" -d Email=admin -d Passwd=api-pass-123 | sed -n 's/^Auth=//p')
tok=$(curl -s -H "Authorization: GoogleLogin auth=$auth" "$api/reader/api/0/token")
i=0
while [ $i -lt "$FEEDS" ]; do
	curl -s -o /dev/null -H "Authorization: GoogleLogin auth=$auth" "$api/reader/api/0/subscription/quickadd" \
		--data-urlencode "quickadd=http://127.0.0.1:$feed_port/feed/bench$i?items=$ITEMS" -d "T=$tok"
	i=$((i + 1))
done
count=$(curl -s -H "Authorization: GoogleLogin auth=$auth" \
	"$api/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=100000&output=json" |
	grep -o '"id"' | wc -l)
echo "FreshRSS on port $port holds $count articles in $FEEDS feeds"

requests() { grep -cE ' \[[0-9]+\]: (GET|POST) ' "$run/fr/server.log" || true; }
# measure NAME COMMAND...: one line: name, wall s, CPU s, peak RSS MB, HTTP requests.
measure() {
	local name=$1 before after
	shift
	before=$(requests)
	/usr/bin/time -f "%e %U %S %M" -o "$run/time" "$@" >"$run/out" 2>&1 || {
		echo "$name failed:"; cat "$run/out"; }
	after=$(requests)
	read -r wall user sys rss <"$run/time"
	printf '  %-34s %7.2f s %7.2f s %7.1f MB %6d\n' "$name" "$wall" \
		"$(echo "$user + $sys" | bc)" "$(echo "scale=1; $rss / 1024" | bc)" $((after - before))
}

mkdir -p "$run/t/config" "$run/t/data"
printf 'api-pass-123\n' >"$run/password"
chmod 600 "$run/password"
cat >"$run/t/config/config" <<CONFIG
[sync]
service = greader
url = $api
user = admin
password-file = $run/password
CONFIG
mkdir -p "$run/nb"
: >"$run/nb/urls"
cat >"$run/nb/config" <<CONFIG
urls-source "feedhq"
feedhq-url "$api/"
feedhq-login "admin"
feedhq-password "api-pass-123"
feedhq-min-items $ITEMS
reload-threads 16
CONFIG

echo "                                       wall        CPU      peak RSS  requests"
measure "tidings  first sync" "$TIDINGS" --config "$run/t/config" --data "$run/t/data" sync
grep -o 'synced: [0-9]* new articles' "$run/out" | sed 's/^/    /'
measure "tidings  sync, nothing changed" "$TIDINGS" --config "$run/t/config" --data "$run/t/data" sync
measure "tidings  sync, nothing changed" "$TIDINGS" --config "$run/t/config" --data "$run/t/data" sync
measure "newsboat first reload" newsboat -x reload -u "$run/nb/urls" -C "$run/nb/config" -c "$run/nb/cache.db"
echo "    $(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from rss_item").fetchone()[0])' "$run/nb/cache.db") articles in newsboat's cache;" \
	"FreshRSS answered its article requests with: $(grep -oE '\[[0-9]+\]: GET /api/greader.php//reader/atom' "$run/fr/server.log" | sort | uniq -c | tr -s ' ')"
measure "newsboat reload, nothing changed" newsboat -x reload -u "$run/nb/urls" -C "$run/nb/config" -c "$run/nb/cache.db"
measure "newsboat reload, nothing changed" newsboat -x reload -u "$run/nb/urls" -C "$run/nb/config" -c "$run/nb/cache.db"
