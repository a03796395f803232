#!/bin/sh
# Parse benchmark: one generated corpus (gen.py: RSS 2.0 and Atom 1.0 with HTML bodies, about
# 41 MB), parsed in one run by
#   - tidings' parser (bench_parse: feed_parse on every file in one process, as refresh does),
#   - `tidings parse --json` once per file (the command, with its JSON output to /dev/null),
#   - `xmllint --noout` on all files (libxml2 building the tree alone: the floor), and
#   - Debian's sfeed (a hand-written parser), once per file as it reads standard input.
# Each is run REPEAT times (default 3); the best wall and CPU (user + system) times are reported.
#
# usage: bench/parse/run.sh [BUILD_DIR]      (default: build)   WORK=dir keeps the corpus
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=$(cd "${1:-$HERE/../../build}" && pwd)
WORK=${WORK:-${TMPDIR:-/tmp}/tidings-bench-parse}
REPEAT=${REPEAT:-3}

need() { # need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 && return
	echo "installing $2" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get install -y "$2" >/dev/null || { $sudo apt-get update >/dev/null &&
		$sudo apt-get install -y "$2" >/dev/null; }
}
need xmllint libxml2-utils
need sfeed sfeed

[ -d "$WORK" ] && [ -n "$(ls "$WORK"/*.xml 2>/dev/null)" ] || python3 "$HERE/gen.py" "$WORK" >&2
[ -x "$BUILD/bench/parse/bench_parse" ] || make -C "$BUILD" bench/parse/bench_parse >&2
SIZE=$(cat "$WORK"/*.xml | wc -c)
COUNT=$(ls "$WORK"/*.xml | wc -l)

# best_of NAME COMMAND...: runs the command REPEAT times; prints the best wall time and the
# best CPU time (user + system, from /usr/bin/time), which other load on the machine
# disturbs less.
best_of() {
	name=$1
	shift
	best_wall=""
	best_cpu=""
	i=0
	while [ $i -lt "$REPEAT" ]; do
		/usr/bin/time -f '%e %U %S' -o "$WORK.time" "$@" >/dev/null 2>&1 ||
			{ echo "$name failed" >&2; exit 1; }
		read -r wall user sys <"$WORK.time"
		cpu=$(echo "$user + $sys" | bc -l)
		if [ -z "$best_wall" ] || [ "$(echo "$wall < $best_wall" | bc -l)" = 1 ]; then
			best_wall=$wall
		fi
		if [ -z "$best_cpu" ] || [ "$(echo "$cpu < $best_cpu" | bc -l)" = 1 ]; then
			best_cpu=$cpu
		fi
		i=$((i + 1))
	done
	rm -f "$WORK.time"
	printf '%-34s wall %7.3f s   cpu %7.3f s\n' "$name" "$best_wall" "$best_cpu"
	key=$(printf '%s' "$name" | tr -c 'a-z' '_')
	eval "W_$key=$best_wall C_$key=$best_cpu"
}
[ -x /usr/bin/time ] || need /usr/bin/time time
command -v bc >/dev/null || need bc bc

# the per-file loops run in a shell of their own, so that /usr/bin/time measures them whole
tidings_each='for f in "$1"/*.xml; do "$2" parse --json "$f" || exit 1; done'
sfeed_each='for f in "$1"/*.xml; do sfeed <"$f" || exit 1; done'

echo "corpus: $COUNT files, $(echo "$SIZE / 1000000" | bc -l | cut -c1-5) MB in $WORK; best of $REPEAT"
best_of "tidings (feed_parse, in-process)" "$BUILD/bench/parse/bench_parse" "$WORK"/*.xml
best_of "tidings parse --json (per file)" sh -c "$tidings_each" sh "$WORK" "$BUILD/tidings"
best_of "xmllint --noout" xmllint --noout "$WORK"/*.xml
best_of "sfeed (per file)" sh -c "$sfeed_each" sh "$WORK"
key=tidings__feed_parse__in_process_
printf 'tidings / xmllint --noout: %.2f in wall time, %.2f in CPU time (goal: at most 1.5)\n' \
	"$(eval echo "\$W_$key / \$W_xmllint___noout" | bc -l)" \
	"$(eval echo "\$C_$key / \$C_xmllint___noout" | bc -l)"
