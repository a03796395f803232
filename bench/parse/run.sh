#!/bin/sh
# Parse benchmark: one generated corpus (gen.py: RSS 2.0 and Atom 1.0 with HTML bodies, about
# 41 MB), parsed in one run by
#   - tidings' parser (bench_parse: feed_parse on every file in one process, as refresh does),
#   - `tidings parse --json` once per file (the command, with its JSON output to /dev/null),
#   - `xmllint --noout` on all files (libxml2 building the tree alone: the floor), and
#   - Debian's sfeed (a hand-written parser), once per file as it reads standard input.
# Each is run REPEAT times (default 3) and the best wall time is reported.
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

now() { date +%s.%N; }
# best_of NAME COMMAND...: runs the command REPEAT times, prints the best wall time
best_of() {
	name=$1
	shift
	best=""
	i=0
	while [ $i -lt "$REPEAT" ]; do
		t0=$(now)
		"$@" >/dev/null 2>&1 || { echo "$name failed" >&2; exit 1; }
		t1=$(now)
		t=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
		i=$((i + 1))
	done
	printf '%-34s %8.3f s\n' "$name" "$best"
	eval "T_$(echo "$name" | tr -c 'a-z' '_')=$best"
}
command -v bc >/dev/null || need bc bc

tidings_each() { for f in "$WORK"/*.xml; do "$BUILD/tidings" parse --json "$f" || return 1; done; }
sfeed_each() { for f in "$WORK"/*.xml; do sfeed <"$f" || return 1; done; }

echo "corpus: $COUNT files, $(echo "$SIZE / 1000000" | bc -l | cut -c1-5) MB in $WORK; best of $REPEAT"
best_of "tidings (feed_parse, in-process)" "$BUILD/bench/parse/bench_parse" "$WORK"/*.xml
best_of "tidings parse --json (per file)" tidings_each
best_of "xmllint --noout" xmllint --noout "$WORK"/*.xml
best_of "sfeed (per file)" sfeed_each
printf 'tidings / xmllint --noout: %.2f (goal: at most 1.5)\n' \
	"$(echo "$T_tidings__feed_parse__in_process_ / $T_xmllint___noout" | bc -l)"
