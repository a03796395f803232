#!/bin/sh
# The README's table of default keys matches src/ui/actions.def, the one table the reader,
# its ? help and the man pages (man/gen-man.py) come from.
. "$TESTS_SRCDIR/lib.sh"

TOP="$TESTS_SRCDIR/.."
missing=$(python3 - "$TOP/src/ui/actions.def" "$TOP/README.md" <<'PY'
import re, sys
readme = open(sys.argv[2], encoding="utf-8").read()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r'ACTION\(\w+, "([^"]+)", "([^"]*)", "([^"]*)"\)', line)
    if not m:
        continue
    name, keys, help = m.groups()
    row = "| %s | %s | `%s` |" % (" ".join("`%s`" % k for k in keys.split()), help, name)
    if row not in readme:
        print(row)
PY
)
is "$missing" "" "README lists every action of actions.def with its default keys"

done_testing
