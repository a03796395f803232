/* Drawing text on the screen. Every string is sanitised here, whatever its origin, and
 * measured in display columns (core/text.h), so a wide character or a stray escape can neither
 * move the cursor nor push a column out of line. */
#include "core/text.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>

int draw_text(int y, int x, int width, const char *s, attr_t attr)
{
	char *clean, *shown;
	size_t bytes;
	int cols = 0;

	if (width <= 0 || !s)
		return 0;
	clean = text_sanitize_str(s, 0);
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
