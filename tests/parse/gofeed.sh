#!/bin/sh
# Conformance: `tidings parse --json` against gofeed's expected results (MIT, in
# $SHARED_DIR/corpora/gofeed/testdata). Thresholds come from the measured pass rates (every
# folder at least 94%, 97.2% overall when this was written); known_failures.txt lists the
# files tidings reads differently on purpose, with the reason, and any other failure fails.
. "$TESTS_SRCDIR/lib.sh"

CORPUS="$SHARED_DIR/corpora/gofeed/testdata"
if [ ! -d "$CORPUS" ] || ! command -v python3 >/dev/null; then
	echo "1..0 # SKIP no gofeed corpus at $CORPUS or no python3"
	exit 0
fi
exec python3 "$TESTS_SRCDIR/parse/gofeed_compare.py" "$TIDINGS" "$CORPUS" \
	"$TESTS_SRCDIR/parse/known_failures.txt" 0.94 0.97
