#!/bin/sh
# The body finder's rules, one small page each: tests/data/extract/rules/NAME.html is a page
# written to show one rule, NAME.txt the body text tidings extract must give for it (the
# "text" of --format json), word for word. A page's first comment says what it shows.
. "$TESTS_SRCDIR/lib.sh"

D="$TESTS_SRCDIR/data/extract/rules"

for page in "$D"/*.html; do
	name=$(basename "$page" .html)
	td extract --format json --base-url "https://gazette.example/2024/$name.html" "$page"
	check "$name: extract exits 0" test "$RC" -eq 0
	printf '%s' "$OUT" | python3 -c "import json,sys; print(json.load(sys.stdin)['text'])" \
		>"$T_DIR/$name.txt"
	if cmp -s "$T_DIR/$name.txt" "$D/$name.txt"; then ok 0 "$name: body as expected"; else
		ok 1 "$name: body as expected"
		diff "$D/$name.txt" "$T_DIR/$name.txt" | sed 's/^/# /' | head -40
	fi
done
done_testing
