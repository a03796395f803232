#!/bin/sh
# Refresh benchmark: 500 feeds x 50 items (about 37 MB) served by Debian's nginx on 127.0.0.1,
# fetched by `tidings refresh` and by `newsboat -x reload` (reload-threads 16), each with its
# own fresh cache: (a) the empty cache, (b) a second and a third refresh with nothing changed.
# Reports wall time, CPU time (user + system) and peak RSS from /usr/bin/time -v.
#
# usage: bench/refresh/run.sh [PATH/TO/tidings]     (default: build/tidings)
# FEEDS and ITEMS change the size, PORT the port, WORK keeps the files in a given directory,
# SKIP_NEWSBOAT=1 times tidings alone.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TIDINGS=${1:-${TIDINGS:-$HERE/../../build/tidings}}
FEEDS=${FEEDS:-500}
ITEMS=${ITEMS:-50}
PORT=${PORT:-18089}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")}
TIDINGS=$(cd "$(dirname "$TIDINGS")" && pwd)/$(basename "$TIDINGS")

need() { # need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ] && return
	echo "installing $2" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get install -y "$2" >/dev/null || { $sudo apt-get update >/dev/null &&
		$sudo apt-get install -y "$2" >/dev/null; }
}
need nginx nginx
need newsboat newsboat
need curl curl
[ -x /usr/bin/time ] || need time time
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

mkdir -p "$WORK/tmp"
# nginx's workers run as another user when started by root.
chmod 755 "$WORK"
python3 "$HERE/gen.py" "$WORK" "$FEEDS" "$ITEMS" >&2
sed -e "s|@WORK@|$WORK|g" -e "s|@PORT@|$PORT|g" "$HERE/nginx.conf" >"$WORK/nginx.conf"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/nginx-error.log" &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null; wait $NGINX_PID 2>/dev/null || true' EXIT
no_proxy='*'
export no_proxy
for _ in $(seq 100); do
	curl -sf -o /dev/null "http://127.0.0.1:$PORT/feeds/0.xml" && break
	sleep 0.1
done
curl -sfI "http://127.0.0.1:$PORT/feeds/0.xml" | grep -i "^etag" >&2 || echo "nginx did not answer" >&2

urls="$WORK/urls"
: >"$urls"
i=0
while [ $i -lt "$FEEDS" ]; do
	echo "http://127.0.0.1:$PORT/feeds/$i.xml" >>"$urls"
	i=$((i + 1))
done

mkdir -p "$WORK/td-config" "$WORK/td-data" "$WORK/nb"
cp "$urls" "$WORK/td-config/feeds"
printf 'max-parallel = 16\nmax-per-host = 16\n' >"$WORK/td-config/config"
cp "$urls" "$WORK/nb/urls"
printf 'reload-threads 16\n' >"$WORK/nb/config"

# measure LABEL COMMAND...: one run under /usr/bin/time -v, one line of figures.
measure() {
	label=$1
	shift
	/usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>&1 || true
	awk -v label="$label" -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = 0;
			for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
		/User time/ { user = $2 } /System time/ { sys = $2 }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%-26s wall %7.2f s   cpu %7.2f s   peak RSS %7.1f MB\n",
			label, wall, user + sys, rss / 1024 }' "$WORK/time.txt"
}

echo "$FEEDS feeds x $ITEMS items from nginx on 127.0.0.1, $(nproc) cores"
for run in "a: empty cache" "b: second, unchanged" "b: third, unchanged"; do
	measure "tidings  $run" "$TIDINGS" --config "$WORK/td-config" --data "$WORK/td-data" refresh
	tail -1 "$WORK/out.txt" | cut -c1-100 >&2
done
[ -n "${SKIP_NEWSBOAT:-}" ] ||
for run in "a: empty cache" "b: second, unchanged" "b: third, unchanged"; do
	measure "newsboat $run" env HOME="$WORK/nb" newsboat -u "$WORK/nb/urls" \
		-c "$WORK/nb/cache.db" -C "$WORK/nb/config" -x reload
done
echo "articles: tidings $(sqlite3 "$WORK/td-data/cache.db" 'SELECT count(*) FROM items' 2>/dev/null || echo ?)," \
	"newsboat $(sqlite3 "$WORK/nb/cache.db" 'SELECT count(*) FROM rss_item' 2>/dev/null || echo ?)"
