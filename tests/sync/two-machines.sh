#!/bin/sh
# Two caches, A and B, synced through a real FreshRSS: a feed added on one appears on the
# other with its folder and articles; read, unread, saved and unsaved marks made on either
# side arrive on the other; a local mark still in the outbox is not overwritten by the
# server's state; removing a feed on one side removes it on the other.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/sync/freshrss.sh"

FEED="$FEEDS/feed/alpha?items=4"
L0="Item 0 of alpha" L1="Item 1 of alpha" L2="Item 2 of alpha" L3="Item 3 of alpha"

on A add "$FEED" news
is "$RC" 0 "A subscribes to a feed in the folder news"
contains "$OUT" "1 subscribed" "and add subscribes the server to it at once"
on A sync
is "$RC" 0 "A syncs"
on B sync
is "$RC" 0 "B syncs"
contains "$OUT" "4 new articles" "B gets the feed's four articles"
contains "$(cat "$T_DIR/B/config/feeds")" "$FEED news" "B has the feed, in the folder news (a tag)"
on B list
contains "$OUT" "Item 3 of alpha" "B lists the articles"
on A sync
contains "$OUT" "0 new articles" "A's own articles are matched by feed and link, not added twice"

# A -> B: read and saved.
on A mark read "$(id_of A "$L0")"
on A mark saved "$(id_of A "$L1")"
on A sync
contains "$OUT" "2 marks sent" "A sends its two marks"
on B sync
is "$(flags_of B "$L0")" "1 0" "read on A is read on B"
is "$(flags_of B "$L1")" "0 1" "saved on A is saved on B"

# B -> A: unread, unsaved, and read through standard input.
on B mark unread "$(id_of B "$L0")"
on B mark unsaved "$(id_of B "$L1")"
id_of B "$L2" >"$T_DIR/ids"
on B mark read - <"$T_DIR/ids"
is "$RC" 0 "mark reads ids from standard input with -"
on B sync
on A sync
is "$(flags_of A "$L0")" "0 0" "unread on B is unread on A"
is "$(flags_of A "$L1")" "0 0" "unsaved on B is unsaved on A"
is "$(flags_of A "$L2")" "1 0" "read on B (ids from stdin) is read on A"

# A mark waiting in A's outbox wins over the server's older state.
on A mark read "$(id_of A "$L3")"
on B mark saved "$(id_of B "$L3")"
on B sync
on A sync
is "$(flags_of A "$L3")" "1 1" "A keeps its own mark and takes B's saved"
on B sync
is "$(flags_of B "$L3")" "1 1" "and B gets A's read"

# --feed marks a whole feed; an unknown id marks nothing.
on A mark read --feed "$FEED"
is "$RC" 0 "mark read --feed F"
on A sync
on B sync
on B list --unread
is "$OUT" "" "every article of the feed is read on B"
on B mark unread "$(id_of B "$L0")" 999999
is "$RC" 1 "marking an id that is not in the cache fails"
contains "$ERR" "no article 999999" "and names it"
is "$(flags_of B "$L0")" "1 0" "and marks nothing"
on B mark maybe 1
is "$RC" 2 "an unknown state is a usage error"

# Removing on B removes on A.
on B remove "$FEED"
is "$RC" 0 "B removes the feed"
contains "$OUT" "1 unsubscribed" "and remove unsubscribes the server at once"
on A sync
contains "$OUT" "1 removed here" "A removes the feed the server no longer has"
lacks "$(cat "$T_DIR/A/config/feeds")" "$FEED" "it is gone from A's feeds file"
on A list
is "$(printf '%s\n' "$OUT" | grep -c .)" 1 "and its articles from A's cache, but one"
contains "$OUT" "$L3" "the one saved on A, which outlives its feed"
on A sync --status
contains "$OUT" "outbox: 0 waiting" "nothing waits in A's outbox"
contains "$OUT" "last error: none" "and no error is recorded"

# refresh syncs when [sync] is set (so that cron keeps working).
on A add "$FEEDS/feed/beta?items=2" tech
on A refresh
is "$RC" 0 "refresh syncs"
contains "$OUT" "synced:" "and says so"
on B refresh
contains "$(cat "$T_DIR/B/config/feeds")" "$FEEDS/feed/beta?items=2 tech" "B gets the feed through refresh"

# import subscribes the server to every feed of an OPML file, in its folder.
cat >"$T_DIR/subs.opml" <<OPML
<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
<outline text="Science"><outline type="rss" text="Gamma" xmlUrl="$FEEDS/feed/gamma?items=1"/></outline>
</body></opml>
OPML
on B import "$T_DIR/subs.opml"
is "$RC" 0 "B imports an OPML file"
contains "$OUT" "1 subscribed" "and subscribes the server to its feed"
on A sync
contains "$(cat "$T_DIR/A/config/feeds")" "$FEEDS/feed/gamma?items=1 Science" "A gets the imported feed, in its folder"

done_testing
