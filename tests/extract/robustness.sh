#!/bin/sh
# tidings extract never crashes or hangs on any HTML file of $SHARED_DIR/corpora (gzipped
# ones unpacked first): it prints an article or says there is none, within 20 seconds.
. "$TESTS_SRCDIR/lib.sh"

CORPORA="$SHARED_DIR/corpora"
if [ ! -d "$CORPORA" ]; then
	echo "1..0 # SKIP needs \$SHARED_DIR/corpora"
	exit 0
fi

bad=""
count=0
find "$CORPORA" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.html.gz' \) | sort >"$T_DIR/list"
while IFS= read -r f; do
	case "$f" in
	*.gz) gzip -dc "$f" >"$T_DIR/page.html"; page="$T_DIR/page.html" ;;
	*) page="$f" ;;
	esac
	timeout 20 "$TIDINGS" --config "$CONF" --data "$DATA" extract --format json "$page" \
		>/dev/null 2>"$T_DIR/err"
	rc=$?
	count=$((count + 1))
	if [ $rc -gt 1 ]; then
		bad="$bad $f(rc=$rc)"
	fi
done <"$T_DIR/list"
check "corpora hold HTML files ($count)" test "$count" -gt 200
is "$bad" "" "every page extracts or says there is no article, no crash, no hang"
done_testing
