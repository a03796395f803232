#!/bin/sh
# The program's start loads only what every command needs: libcurl, libbrotlidec and libzstd
# (the network), the picture libraries (libpng, libjpeg, libwebp, libchafa with GLib) and,
# with libxml2's static library, ICU, libstdc++ and liblzma are opened at their first use,
# never linked. The commands scripts run often (list, show with HTML to render, feeds,
# search, mark) open none of them.
. "$TESTS_SRCDIR/lib.sh"

if ! command -v readelf >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP needs readelf and sqlite3"
	exit 0
fi

needed=$(readelf -d "$TIDINGS" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p' | tr '\n' ' ')
lazy="libcurl libbrotli libzstd libpng libjpeg libwebp libchafa libglib"
case $needed in
*libxml2*) ;;
*) lazy="$lazy libicu libstdc++ liblzma" ;; # libxml2 is linked from its static library
esac
for lib in $lazy; do
	lacks "$needed" "$lib" "the program is not linked with $lib"
done

mkdir -p "$CONF" "$DATA"
td feeds
sqlite3 "$DATA/cache.db" "
INSERT INTO feeds(id, url, title) VALUES (1, 'http://feed.example/rss', 'Feed');
INSERT INTO items(id, feed_id, guid, link, title, content, published, sort_time, first_seen)
VALUES (7, 1, 'g7', 'http://feed.example/7', 'Seven',
	'<p>An <b>article</b> with <a href=\"http://x.example/\">a link</a> and a picture:'
	|| ' <img src=\"http://x.example/p.png\" alt=\"a quokka\"></p>', 1700000000, 1700000000,
	1700000000);
INSERT INTO fts_pending(id) VALUES (7);"
td check

# loaded CMD...: the shared objects the dynamic loader opened for one command
loaded() {
	LD_DEBUG=files "$TIDINGS" --config "$CONF" --data "$DATA" "$@" 2>&1 >/dev/null |
		sed -n 's/.*file=\([^ ]*\).*/\1/p' | sort -u | tr '\n' ' '
}

# What the linked libraries bring themselves is loaded at every start (a sanitizer build's
# runtime brings libstdc++).
tree=$(ldd "$TIDINGS" 2>/dev/null | awk '{ print $1 }' | tr '\n' ' ')
opened=""
for lib in $lazy; do
	case $tree in *"$lib"*) ;; *) opened="$opened $lib" ;; esac
done
for cmd in "list --limit 5" "show 7 --width 60" "show 7 --json" "feeds" "search quokka" \
	"mark read 7"; do
	# shellcheck disable=SC2086
	files=$(loaded $cmd)
	check "$cmd: the loader's trace names what it opened" test -n "$files"
	for lib in $opened; do
		lacks "$files" "$lib" "$cmd opens no $lib"
	done
done
# the HTML was rendered all the same
td show 7 --width 60
contains "$OUT" "An article with a link[1] and a picture:" "show renders the article's HTML"
contains "$OUT" "[image: a quokka]" "and its picture's label"

# A feed in an encoding only ICU converts (SCSU: libxml2 has no converter of its own for it,
# glibc's iconv none either) is read all the same: ICU is opened for it.
printf '<?xml version="1.0" encoding="SCSU"?>\n<rss version="2.0"><channel><title>Plain</title>%s\n' \
	'<item><title>Item one</title><link>http://x.example/1</link></item></channel></rss>' \
	>"$T_DIR/scsu.xml"
td parse "$T_DIR/scsu.xml"
contains "$OUT" "Item one" "a feed in SCSU is parsed (ICU's converter)"
case " $lazy " in
*" libicu "*)
	files=$(loaded parse "$T_DIR/scsu.xml")
	contains "$files" "libicuuc" "and libicuuc is opened for it, at that first use"
	;;
esac

done_testing
