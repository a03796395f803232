#!/bin/sh
# Housekeeping: tidings delete (ids through the one resolver) and the reader's D remove
# articles for good (a feed that still lists them does not bring them back), keep-articles-days
# deletes old articles at each refresh (never saved ones; unread ones only with expire-unread),
# and tidings vacuum gives the free pages back.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/ui/tmux.sh"
D="$TESTS_SRCDIR/data/filter"

cp "$D/news.xml" "$T_DIR/"
printf 'file://%s/news.xml\n' "$T_DIR" >"$CONF/feeds"
td refresh
is "$RC" 0 "seven articles fetched"
id_of() { db "SELECT id FROM items WHERE title = '$1'"; }

apple=$(id_of "Apple pie recipe")
td delete "$apple"
is "$RC" 0 "delete an article by its id"
contains "$OUT" "1 article deleted" "says so"
td list
lacks "$OUT" "Apple pie recipe" "it is gone"
td delete 99999 "$(id_of 'banana split')"
is "$RC" 1 "an id not in the cache fails"
contains "$ERR" "no article 99999 in the cache (nothing was deleted)" "and deletes nothing"
td list
contains "$OUT" "banana split" "the other article is kept"
td delete apple
is "$RC" 2 "a word is not an article id"
td refresh
td list
lacks "$OUT" "Apple pie recipe" "a refresh does not bring a deleted article back"
td search apple
lacks "$OUT" "Apple pie recipe" "nor does search find it"

# The reader's Delete key.
ui_start 100 24
check_screen "banana split" "the reader shows the articles"
keys g DC
check_screen "deleted: Podcast episode 7" "the Delete key deletes the selected article"
is "$(db 'SELECT count(*) FROM items')" 5 "from the cache"
keys Q
wait_exit

# keep-articles-days: the feed's articles are from 2018 to 2025; saved and unread ones stay.
db "UPDATE items SET read = 1 WHERE title <> 'banana split'"
db "UPDATE items SET saved = 1 WHERE title = '42 things about numbers'"
printf 'keep-articles-days = 30\n' >"$CONF/config"
td refresh
is "$RC" 0 "refresh with keep-articles-days"
contains "$OUT" "3 old articles deleted (keep-articles-days)" "says how many it deleted"
td list
contains "$OUT" "42 things about numbers" "a saved article is kept"
contains "$OUT" "banana split" "an unread one is kept"
is "$(printf '%s\n' "$OUT" | wc -l)" 2 "the other old ones are deleted"
printf 'keep-articles-days = 30\nexpire-unread = yes\n' >"$CONF/config"
td refresh
td list
lacks "$OUT" "banana split" "with expire-unread, unread ones go too"
contains "$OUT" "42 things about numbers" "saved ones never"

td vacuum
is "$RC" 0 "vacuum"
contains "$OUT" "KiB after" "reports the cache's size"
td vacuum extra
is "$RC" 2 "vacuum takes no argument"
done_testing
