#!/bin/sh
# bench/run: runs whatever benchmarks exist, skips or notes the missing, failing and slow ones,
# and writes a report with the machine and the figures. (Fake benchmarks: fast.)
. "$TESTS_SRCDIR/lib.sh"
RUN="$TESTS_SRCDIR/../bench/run"
B="$T_DIR/bench"
mkdir -p "$B/good" "$B/timed" "$B/broken" "$B/empty" "$B/zslow"
cat >"$B/good/run" <<'SH'
#!/bin/sh
echo "some chatter"
echo "| parse 10 feeds, ms (lower is better) | 5 | xmllint | 10 | |"
echo "| figure | tidings | peer | peer's figure | ratio |"
SH
cat >"$B/timed/run.sh" <<'SH'
echo "tidings  a: cold    wall    2.00 s   cpu    1.00 s   peak RSS    10.0 MB"
echo "newsboat a: cold    wall    8.00 s   cpu    4.00 s   peak RSS    40.0 MB"
SH
printf '#!/bin/sh\necho "| half | 1 | p | 2 | 0.50 |"\nexit 3\n' >"$B/broken/run"
mkdir -p "$B/forms" "$B/argp" "$B/argb"
printf '#!/bin/sh\n# usage: bench/argp/run PATH/TO/tidings\necho "arg: $1"\n' >"$B/argp/run"
printf '#!/bin/sh\n# usage: bench/argb/run.sh [BUILD_DIR]\necho "arg: $1"\n' >"$B/argb/run.sh"
chmod +x "$B/argp/run"
cat >"$B/forms/run.py" <<'PY'
print("tidings (in-process)      0.800 s")
print("xmllint --noout           0.400 s")
print("tidings (per file)   wall   2.000 s   cpu   1.000 s")
print("sfeed (per file)     wall   1.000 s   cpu   0.500 s")
print("pages (10 pages)")
print("  tidings         P=0.9 R=0.9 F1=0.9000  median 2.00 ms/page")
print("  Readability.js  P=0.9 R=0.9 F1=0.8000  median 40.00 ms/page")
PY
printf '#!/bin/sh\nexec sleep 600\n' >"$B/zslow/run"
chmod +x "$B/good/run" "$B/broken/run" "$B/zslow/run"

# Enough time that the eight runners (budget: what is left less a second for each one after
# it) still run on a loaded machine, where describing the machine (the peers' --version) alone
# took 14 s; zslow, last, then gets the rest and is stopped.
BENCH_ROOT="$B" BENCH_OUT="$T_DIR/out" BENCH_REPORT="$T_DIR/B.md" BENCH_INSTALL=0 \
	BENCH_TOTAL=40 BENCH_MIN=1 BENCH_RESERVE=1 "$RUN" "$(dirname "$TIDINGS")" >"$T_DIR/stdout" 2>"$T_DIR/stderr"
is "$?" 0 "bench/run finishes though benchmarks fail, time out or are missing"
R=$(cat "$T_DIR/B.md")
contains "$R" "| good | parse 10 feeds, ms (lower is better) | 5 | xmllint | 10 | 0.50 |" \
	"a benchmark's rows are kept, the ratio computed"
lacks "$R" "| good | figure |" "a header row of a benchmark is not a figure"
contains "$R" "| timed | a: cold, wall s | 2.00 | newsboat | 8.00 | 0.25 |" \
	"time -v lines become rows (run.sh works too)"
contains "$R" "| timed | a: cold, peak RSS MB | 10.0 | newsboat | 40.0 | 0.25 |" "with memory"
contains "$R" "| forms | tidings (in-process), s (lower is better) | 0.800 | xmllint --noout | 0.400 | 2.00 |" \
	"best-of timings become rows (run.py works too)"
contains "$R" "| forms | tidings (per file), CPU s (lower is better) | 1.000 | sfeed (per file) | 0.500 | 2.00 |" \
	"wall and CPU timings become rows"
contains "$R" "| forms | pages, 10 pages: F1 (higher is better) | 0.9000 | Readability.js | 0.8000 | 1.12 |" \
	"extraction scores become rows"
contains "$R" "| forms | pages, 10 pages: median ms per page (lower is better) | 2.00 | Readability.js | 40.00 | 0.05 |" \
	"with their speed"
contains "$R" "### good" "each benchmark's own output is in the report"
contains "$R" "broken: failed with status 3" "a failing benchmark is noted"
contains "$R" "| broken | half | 1 | p | 2 | 0.50 |" "and what it printed is kept"
contains "$R" "empty: skipped, no bench/empty/run" "a directory without a runner is skipped"
contains "$R" "zslow: stopped after" "a benchmark over its time is stopped"
contains "$R" "cores available" "the machine is described"
contains "$R" "RAM:" "with its memory"
contains "$R" "$(date -u +%Y-%m-%d)" "and the date"
contains "$(cat "$T_DIR/out/good.log")" "some chatter" "other output is kept in the log"
is "$(cat "$T_DIR/out/argp.log")" "arg: $TIDINGS" "a runner asking for PATH/TO/tidings gets it"
is "$(cat "$T_DIR/out/argb.log")" "arg: $(dirname "$TIDINGS")" \
	"a runner asking for BUILD_DIR gets the build directory"

done_testing
