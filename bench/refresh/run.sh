#!/bin/sh
# Refresh benchmark: `tidings refresh` against `newsboat -x reload` (reload-threads 16), each
# with its own cache, on feeds served from 127.0.0.1. Four cases (README says more):
#   web:      500 x 50 feeds that look like the web (gen_web.py: real vocabulary, RSS 2.0
#             escaped and CDATA, Atom HTML and XHTML, RSS 1.0, JSON Feed) from nginx with
#             validators: (a) empty cache, (b) nothing changed, (c) a fifth of the feeds changed
#   noval:    the same feeds from nginx without ETag or Last-Modified, nothing changed:
#             every answer is a full 200 (tidings skips bodies it has stored already)
#   lorem:    the first corpus (gen.py: RSS 2.0 CDATA, lorem-ipsum words), (a) and (b)
#   slow:     500 small feeds on 410 hosts answering after 50 ms to 4 s (slowhosts.py),
#             against the ideal: the slowest host's latency
# Reports wall time, CPU time (user + system) and peak RSS from /usr/bin/time -v; tidings'
# runs are repeated REPEAT times (default 3) and the median kept, newsboat's are run once
# (each takes 10-60 s).
#
# usage: bench/refresh/run.sh [PATH/TO/tidings]     (default: build/tidings)
# FEEDS and ITEMS change the size, PORT the first of four ports, WORK keeps the files in a
# given directory, SKIP_NEWSBOAT=1 times tidings alone, CASES chooses ("web noval lorem slow").
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TIDINGS=${1:-${TIDINGS:-$HERE/../../build/tidings}}
FEEDS=${FEEDS:-500}
ITEMS=${ITEMS:-50}
PORT=${PORT:-18089}
REPEAT=${REPEAT:-3}
CASES=${CASES:-web noval lorem slow}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")}
TIDINGS=$(cd "$(dirname "$TIDINGS")" && pwd)/$(basename "$TIDINGS")
export SHARED_DIR="${SHARED_DIR:-$HERE/../../../shared}"

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
no_proxy='*'
export no_proxy

mkdir -p "$WORK/tmp"
chmod 755 "$WORK" # nginx's workers run as another user when started by root
PIDS=""
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; wait 2>/dev/null || true' EXIT

# measure LABEL COMMAND...: one run under /usr/bin/time -v; prints "wall cpu rss".
measure1() {
	/usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>&1 || true
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = 0;
			for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
		/User time/ { user = $2 } /System time/ { sys = $2 }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%.2f %.2f %.1f\n", wall, user + sys, rss / 1024 }' "$WORK/time.txt"
}
line() { # line PROGRAM LABEL "wall cpu rss"
	set -- "$1" "$2" $3
	printf '%-8s %-40s wall %7.2f s   cpu %7.2f s   peak RSS %7.1f MB\n' "$1" "$2" "$3" "$4" "$5" |
		tee -a "$WORK/lines"
}
median3() { # the median line of "wall cpu rss" lines, by wall time
	sort -n | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'
}

# tidings_run LABEL CONFDIR DATADIR [PREP]: REPEAT runs, each after PREP (a shell command
# that restores the starting state); prints the median.
tidings_run() {
	label=$1 conf=$2 data=$3 prep=${4:-}
	i=0
	: >"$WORK/runs"
	while [ $i -lt "$REPEAT" ]; do
		[ -n "$prep" ] && sh -c "$prep"
		measure1 "$TIDINGS" --config "$conf" --data "$data" refresh >>"$WORK/runs"
		tail -1 "$WORK/out.txt" | cut -c1-100 >&2
		i=$((i + 1))
	done
	line tidings "$label" "$(median3 <"$WORK/runs")"
	echo "   runs (wall cpu rss): $(tr '\n' ';' <"$WORK/runs")" >&2
}
newsboat_run() { # LABEL DIR
	[ -n "${SKIP_NEWSBOAT:-}" ] && return
	line newsboat "$1" "$(measure1 env HOME="$2" newsboat -u "$2/urls" -c "$2/cache.db" \
		-C "$2/config" -x reload)"
}
count_items() { # tidings-data newsboat-dir
	echo "   articles: tidings $(sqlite3 "$1/cache.db" 'SELECT count(*) FROM items' 2>/dev/null ||
		echo ?), newsboat $(sqlite3 "$2/cache.db" 'SELECT count(*) FROM rss_item' 2>/dev/null ||
		echo ?)"
}

# start_nginx DIR PORT VALIDATORS(1|0)
start_nginx() {
	if [ "$3" = 1 ]; then extra="etag on; if_modified_since exact;"; else
		# SSI processing drops ETag and Last-Modified (ssi_last_modified is off): a
		# server that sends no validators, as many do.
		extra="etag off; if_modified_since off; ssi on; ssi_types *;"
	fi
	sed -e "s|@WORK@|$1|g" -e "s|@PORT@|$2|g" -e "s|@EXTRA@|$extra|" \
		"$HERE/nginx.conf" >"$1/nginx-$2.conf"
	"$NGINX" -c "$1/nginx-$2.conf" -p "$1" -e "$1/nginx-error-$2.log" &
	PIDS="$PIDS $!"
	for _ in $(seq 100); do
		curl -sf -o /dev/null "http://127.0.0.1:$2/feeds.list" && return 0
		sleep 0.1
	done
	echo "nginx did not answer on port $2" >&2
	return 1
}

# setup NAME DIR PORT: feeds files for both programs from DIR/feeds.list.
setup() {
	name=$1 dir=$2 port=$3
	mkdir -p "$WORK/$name/td-config" "$WORK/$name/td-data" "$WORK/$name/nb"
	sed "s|^|http://127.0.0.1:$port/feeds/|" "$dir/feeds.list" >"$WORK/$name/td-config/feeds"
	printf 'max-parallel = 16\nmax-per-host = 16\n' >"$WORK/$name/td-config/config"
	cp "$WORK/$name/td-config/feeds" "$WORK/$name/nb/urls"
	printf 'reload-threads 16\n' >"$WORK/$name/nb/config"
}

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
has() { case " $CASES " in *" $1 "*) return 0 ;; esac; return 1; }

if has web || has noval; then
	python3 "$HERE/gen_web.py" "$WORK/web" "$FEEDS" "$ITEMS" 0 >&2
	start_nginx "$WORK/web" "$PORT" 1
	start_nginx "$WORK/web" $((PORT + 1)) 0
	curl -sI "http://127.0.0.1:$((PORT + 1))/feeds/0.xml" | grep -ci "^etag\|^last-modified" |
		grep -qx 0 || echo "the no-validator server sends validators" >&2
fi
if has web; then
	echo "web: $(wc -l <"$WORK/web/feeds.list") feeds x $ITEMS items looking like the web, nginx with validators"
	setup web "$WORK/web" "$PORT"
	W=$WORK/web-case
	mkdir -p "$W"
	# (a) the empty cache, REPEAT times; (b) the warm cache, nothing changed.
	tidings_run "web a: empty cache" "$WORK/web/td-config" "$WORK/web/td-data" \
		"rm -rf '$WORK/web/td-data'; mkdir -p '$WORK/web/td-data'"
	tidings_run "web b: warm, nothing changed" "$WORK/web/td-config" "$WORK/web/td-data"
	newsboat_run "web a: empty cache" "$WORK/web/nb"
	newsboat_run "web b: warm, nothing changed" "$WORK/web/nb"
	count_items "$WORK/web/td-data" "$WORK/web/nb"
	# (c) a fifth of the feeds move on by two items: a copy of each warm cache per run.
	cp -r "$WORK/web/td-data" "$W/td-warm"
	cp "$WORK/web/nb/cache.db" "$W/nb-warm.db"
	python3 "$HERE/gen_web.py" "$WORK/web" "$FEEDS" "$ITEMS" 1 >&2
	tidings_run "web c: warm, a fifth of the feeds changed" "$WORK/web/td-config" \
		"$WORK/web/td-data" "rm -rf '$WORK/web/td-data'; cp -r '$W/td-warm' '$WORK/web/td-data'"
	newsboat_run "web c: warm, a fifth of the feeds changed" "$WORK/web/nb"
	count_items "$WORK/web/td-data" "$WORK/web/nb"
	python3 "$HERE/gen_web.py" "$WORK/web" "$FEEDS" "$ITEMS" 0 >&2
fi
if has noval; then
	echo "noval: the same feeds from nginx without ETag and Last-Modified"
	setup noval "$WORK/web" $((PORT + 1))
	# One refresh fills each cache; the timed ones find the same bodies again.
	"$TIDINGS" --config "$WORK/noval/td-config" --data "$WORK/noval/td-data" refresh >/dev/null
	[ -n "${SKIP_NEWSBOAT:-}" ] || env HOME="$WORK/noval/nb" newsboat -u "$WORK/noval/nb/urls" \
		-c "$WORK/noval/nb/cache.db" -C "$WORK/noval/nb/config" -x reload >/dev/null 2>&1 || true
	tidings_run "noval: warm, no validators, nothing changed" "$WORK/noval/td-config" \
		"$WORK/noval/td-data"
	newsboat_run "noval: warm, no validators, nothing changed" "$WORK/noval/nb"
	# The floor: the same 500 fetches alone (curl, one process, 16 at a time).
	sed 's|^|url = |' "$WORK/noval/td-config/feeds" >"$WORK/noval/curl.cfg"
	: >"$WORK/runs"
	i=0
	while [ $i -lt "$REPEAT" ]; do
		measure1 curl -s --parallel --parallel-max 16 -K "$WORK/noval/curl.cfg" \
			-o /dev/null >>"$WORK/runs"
		i=$((i + 1))
	done
	set -- $(median3 <"$WORK/runs")
	echo "| noval: the 500 fetches alone (curl --parallel), wall s | - | curl | $1 | - |"
fi
if has lorem; then
	python3 "$HERE/gen.py" "$WORK/lorem" "$FEEDS" "$ITEMS" >&2
	(cd "$WORK/lorem/feeds" && ls | sort -n) >"$WORK/lorem/feeds.list"
	start_nginx "$WORK/lorem" $((PORT + 2)) 1
	echo "lorem: $FEEDS feeds x $ITEMS items, RSS 2.0 CDATA, lorem-ipsum words, nginx with validators"
	setup lorem "$WORK/lorem" $((PORT + 2))
	tidings_run "lorem a: empty cache" "$WORK/lorem/td-config" "$WORK/lorem/td-data" \
		"rm -rf '$WORK/lorem/td-data'; mkdir -p '$WORK/lorem/td-data'"
	tidings_run "lorem b: warm, nothing changed" "$WORK/lorem/td-config" "$WORK/lorem/td-data"
	newsboat_run "lorem a: empty cache" "$WORK/lorem/nb"
	newsboat_run "lorem b: warm, nothing changed" "$WORK/lorem/nb"
	count_items "$WORK/lorem/td-data" "$WORK/lorem/nb"
fi
if has slow; then
	# Small feeds (10 items), so that waiting, not parsing, is what the run is about.
	python3 "$HERE/gen_web.py" "$WORK/slow" "$FEEDS" 10 0 >&2
	SP=$((PORT + 3))
	python3 "$HERE/slowhosts.py" "$WORK/slow" "$SP" --ips >"$WORK/slow/server.out" 2>&1 &
	PIDS="$PIDS $!"
	for _ in $(seq 300); do grep -q ready "$WORK/slow/server.out" 2>/dev/null && break; sleep 0.1; done
	ideal=$(awk '/ready/ { printf "%.2f", $2 / 1000 }' "$WORK/slow/server.out")
	mkdir -p "$WORK/slow/td-config" "$WORK/slow/td-ip" "$WORK/slow/nb"
	# feed i on host h: hosts 0-9 carry ten feeds each, every other host one (slowhosts.py).
	awk -v p="$SP" '{ i = NR - 1; h = i < 100 ? int(i / 10) : i - 90;
		print "http://feed" h ".test:" p "/feeds/" $0 }' "$WORK/slow/feeds.list" \
		>"$WORK/slow/td-config/feeds"
	awk -v p="$SP" '{ i = NR - 1; h = i < 100 ? int(i / 10) : i - 90;
		printf "http://127.1.%d.%d:%s/feeds/%s\n", int(h / 250), h % 250 + 1, p, $0 }' \
		"$WORK/slow/feeds.list" >"$WORK/slow/td-ip/feeds"
	cp "$WORK/slow/td-ip/feeds" "$WORK/slow/nb/urls"
	TIDINGS_TEST_RESOLVE=$(awk -F'[/:]' '{ print $4 }' "$WORK/slow/td-config/feeds" | sort -u |
		sed "s/\$/:$SP:127.0.0.1/" | tr '\n' ' ')
	export TIDINGS_TEST_RESOLVE
	echo "slow: $FEEDS feeds x 10 items on 410 hosts (latency 50 ms to 4 s), slowest host $ideal s"
	stats() { curl -s "http://127.0.0.1:$SP/stats"; }
	stats >/dev/null
	for par in 64 256; do
		printf 'max-parallel = %s\n' $par >"$WORK/slow/td-config/config"
		cp "$WORK/slow/td-config/config" "$WORK/slow/td-ip/config"
		tidings_run "slow: max-parallel $par, feedN.test names" "$WORK/slow/td-config" \
			"$WORK/slow/td-data" "rm -rf '$WORK/slow/td-data'"
		echo "   server saw (all runs): $(stats)" >&2
		tidings_run "slow: max-parallel $par, 127.1.x.y addresses" "$WORK/slow/td-ip" \
			"$WORK/slow/td-data" "rm -rf '$WORK/slow/td-data'"
		echo "   server saw (all runs): $(stats)" >&2
	done
	for par in 64 256; do
		printf 'reload-threads %s\n' $par >"$WORK/slow/nb/config"
		rm -f "$WORK/slow/nb/cache.db"
		newsboat_run "slow: max-parallel $par, 127.1.x.y addresses" "$WORK/slow/nb"
		echo "   server saw: $(stats)" >&2
	done
	for par in 64 256; do
		wall=$(awk -v l="slow: max-parallel $par, feedN.test names" \
			'index($0, l) { sub(/.* wall +/, ""); print $1 }' "$WORK/lines")
		echo "| slow: 500 feeds on 410 hosts, max-parallel $par, wall s against the slowest host's latency | $wall | ideal | $ideal | - |"
	done
fi
