/* Drawing text on the screen. Every string is sanitised here, whatever its origin, and
 * measured in display columns (core/text.h), so a wide character or a stray escape can neither
 * move the cursor nor push a column out of line. */
#include "core/text.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>

/* Terminals disagree on how wide an emoji sequence joined with U+200D (ZWJ) or turned into
 * an emoji with U+FE0F (VS16) is: one draws a family as one glyph of two columns, another as
 * three emoji of two. ncurses counts each character on its own, so where the terminal joins
 * them its idea of the cursor and ncurses' part ways and cells are left stale. Without the
 * joiners every terminal draws the characters one by one, as ncurses counts them. */
static void drop_emoji_joiners(char *s)
{
	char *out = s;

	for (const char *p = s; *p;) {
		if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
		    (unsigned char)p[2] == 0x8D) {
			p += 3; /* U+200D */
			continue;
		}
		if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xB8 &&
		    (unsigned char)p[2] == 0x8F) {
			p += 3; /* U+FE0F */
			continue;
		}
		*out++ = *p++;
	}
	*out = '\0';
}

int draw_text(int y, int x, int width, const char *s, attr_t attr)
{
	char *clean, *shown;
	size_t bytes;
	int cols = 0;

	if (width <= 0 || !s)
		return 0;
	clean = text_sanitize_str(s, 0);
	drop_emoji_joiners(clean);
	bytes = text_fit(clean, width, &cols);
	/* characters newer than the C library's tables, which curses would leave blank */
	if ((shown = text_for_curses(clean))) {
		free(clean);
		clean = shown;
		bytes = text_fit(clean, width, &cols);
	}
	attrset(attr);
	mvaddnstr(y, x, clean, (int)bytes);
	attrset(A_NORMAL);
	free(clean);
	return cols;
}

void draw_fill(int y, int x, int width, attr_t attr)
{
	if (width <= 0)
		return;
	attrset(attr);
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
}

void draw_cell(int y, int x, int width, const char *s, attr_t attr)
{
	int used = draw_text(y, x, width, s, attr);
	draw_fill(y, x + used, width - used, attr);
}
