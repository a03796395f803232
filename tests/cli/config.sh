#!/bin/sh
# Configuration: defaults with no file, typos reported with file and line, XDG paths.
. "$TESTS_SRCDIR/lib.sh"

td config
is "$RC" 0 "no config file: defaults work"
contains "$OUT" "max-parallel = 256" "config prints defaults"
is "$(ls -A "$CONF")" "" "a first run creates nothing in the config directory"

printf 'max-parallel = 3\n[general]\nsave-format = text\n' >"$CONF/config"
td config
contains "$OUT" "max-parallel = 3" "config file values are used"
contains "$OUT" "save-format = text" "values in [general] are used"

printf '# my settings\nmax-parallel = 3\nrefresh-intreval = 5\n' >"$CONF/config"
td config
is "$RC" 2 "a typo in the config exits non-zero"
contains "$ERR" "$CONF/config:3:" "the error names the file and line"
contains "$ERR" "refresh-intreval" "the error names the bad key"

printf 'mouse = maybe\n' >"$CONF/config"
td feeds
is "$RC" 2 "a bad value stops every command, not only config"
contains "$ERR" "$CONF/config:1: mouse" "a bad value names file, line and setting"

rm "$CONF/config"
# XDG paths when no --config/--data is given
HOMEDIR="$T_DIR/home"
mkdir -p "$HOMEDIR/xdgconf/tidings"
printf 'https://example.invalid/feed\n' >"$HOMEDIR/xdgconf/tidings/feeds"
OUT=$(env -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME="$HOMEDIR" XDG_CONFIG_HOME="$HOMEDIR/xdgconf" "$TIDINGS" feeds 2>&1)
contains "$OUT" "https://example.invalid/feed" "XDG_CONFIG_HOME locates the feeds file"
check "HOME/.local/share/tidings holds the cache" test -f "$HOMEDIR/.local/share/tidings/cache.db"

# config prints the reader's [keys] and [colors] too, as they are set, and its output reads back.
printf '[keys]\nquit = "Q, C-q"\n[colors]\nunread = color208 default bold\n' >"$CONF/config"
td config
is "$RC" 0 "config with [keys] and [colors] succeeds"
contains "$OUT" "[keys]" "config prints the [keys] section"
contains "$OUT" 'quit = "Q, C-q"' "with a rebound key as set"
contains "$OUT" 'down = "j, Down"' "and the default keys"
contains "$OUT" "[colors]" "config prints the [colors] section"
contains "$OUT" "unread = color208 default bold" "with a colour as set"
contains "$OUT" "title-bar = black cyan" "and the default colours"
printf '%s\n' "$OUT" >"$T_DIR/printed"
cp "$T_DIR/printed" "$CONF/config"
td config
is "$OUT" "$(cat "$T_DIR/printed")" "what config prints reads back the same"
td config --defaults
contains "$OUT" 'quit = "Q"' "--defaults gives the default keys"
contains "$OUT" "unread = default default bold" "and the default colours"
rm "$CONF/config"

done_testing
