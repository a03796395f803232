#!/bin/sh
# Dates as the W3C feed validator's test cases write them (rss20/data-types-datetime in
# $SHARED_DIR/corpora/feedvalidator): every item of everything.xml whose description names the
# instant it means ("should be February, 9th 2006, 23:59:45 GMT") comes out as that instant,
# and the invalid ones that carry no real date come out unknown, never 1970.
. "$TESTS_SRCDIR/lib.sh"

DIR="$SHARED_DIR/corpora/feedvalidator/testcases/rss20/data-types-datetime"
if [ ! -d "$DIR" ] || ! command -v python3 >/dev/null; then
	echo "1..0 # SKIP no feedvalidator corpus at $DIR or no python3"
	exit 0
fi
td parse --json "$DIR/everything.xml"
is "$RC" 0 "the validator's date test feed parses"
RESULT=$(printf '%s' "$OUT" | python3 -c '
import datetime, json, re, sys
months = ("January February March April May June July August September October "
          "November December").split()
checked = bad = 0
for it in json.load(sys.stdin)["items"]:
    m = re.search(r"should be (\w+), (\d+)\w\w (\d+), (\d+):(\d+):(\d+) GMT", it["summary"] or "")
    if not m:
        continue  # military zones: the validator itself allows several readings
    want = datetime.datetime(int(m[3]), months.index(m[1]) + 1, int(m[2]), int(m[4]),
                             int(m[5]), int(m[6])).strftime("%Y-%m-%dT%H:%M:%SZ")
    checked += 1
    if want != it["published"]:
        bad += 1
        print("# %s: want %s got %s" % (it["title"], want, it["published"]))
print("%d checked, %d wrong" % (checked, bad))
')
contains "$RESULT" "27 checked, 0 wrong" "every dated item has the instant its description names"
printf '%s\n' "$RESULT" | grep '^#' || true

for f in invalid_pubdate_day.xml; do
	td parse --json "$DIR/$f"
	lacks "$OUT" '"updated": "1970' "$f: an impossible date is not 1970"
	contains "$OUT" '"updated": null' "$f: an impossible date (31 June) is unknown"
done
done_testing
