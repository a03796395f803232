#!/bin/bash
# The floor plan of src/ holds: every #include "DIR/..." between folders is one the layer
# table allows (the same table as HACKING.md's), so no folder cycle can form between stages;
# and no SQL (no sqlite3_ call, no SQL statement in a string) appears outside src/store/.
. "$TESTS_SRCDIR/lib.sh"
SRC=$TESTS_SRCDIR/../src

# What each folder may include besides itself. Stages sit on core and config; tasks combine
# stages; the reader and the command line call tasks.
declare -A MAY=(
	[core]=""
	[config]="core"
	[fetch]="core config"
	[parse]="core config"
	[store]="core config parse filter"
	[extract]="core config parse"
	[render]="core config parse"
	[image]="core config"
	[filter]="core config"
	[sync]="core config fetch parse store"
	[tasks]="core config fetch parse store extract render image filter sync"
	[ui]="core config store render image tasks filter"
	[cli]="core config fetch parse store extract render image filter sync tasks ui"
)

bad=""
unknown=""
for dir in "$SRC"/*/; do
	from=$(basename "$dir")
	if [ -z "${MAY[$from]+set}" ]; then
		unknown="$unknown $from"
		continue
	fi
	while IFS=: read -r file to; do
		[ "$to" = "$from" ] && continue
		case " ${MAY[$from]} " in
		*" $to "*) ;;
		*) bad="$bad
${file#"$SRC"/} includes $to/" ;;
		esac
	done < <(grep -o '^#include "[a-z_]*/' "$dir"*.[ch] "$dir"*.def 2>/dev/null |
		sed 's|#include "\([a-z_]*\)/$|\1|')
done
is "$unknown" "" "every folder of src/ is in the layer table (tests/arch/layers.sh, HACKING.md)"
is "$bad" "" "every #include between folders is one the layer table allows"

# The table itself has no cycle: a depth-first walk from each folder never comes back to it.
cycle=""
reaches() { # reaches FROM TARGET SEEN: whether TARGET is reachable from FROM
	local next
	for next in ${MAY[$1]}; do
		[ "$next" = "$2" ] && return 0
		case " $3 " in *" $next "*) continue ;; esac
		reaches "$next" "$2" "$3 $next" && return 0
	done
	return 1
}
for f in "${!MAY[@]}"; do
	reaches "$f" "$f" "$f" && cycle="$cycle $f"
done
is "$cycle" "" "no folder can reach itself through the layer table"

# SQL lives in src/store/ only: no SQLite call and no statement in a string elsewhere.
sql=$(grep -rnE 'sqlite3_[a-z_]+\(|"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT)[[:space:]]' \
	--include='*.c' --include='*.h' "$SRC" | grep -v "^$SRC/store/" | sed "s|^$SRC/||")
is "$sql" "" "no SQL outside src/store/"

# The cache is opaque: only src/store/ sees inside struct cache.
inside=$(grep -rn --include='*.c' --include='*.h' -e '->db\b' "$SRC" | grep -v "^$SRC/store/" |
	sed "s|^$SRC/||")
is "$inside" "" "no c->db outside src/store/"
members=$(grep -n 'sqlite3 \*db;' "$SRC/store/cache.h")
is "$members" "" "struct cache is defined in store/ only, not in its public header"

done_testing
