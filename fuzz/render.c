/* Fuzzes the HTML-to-document model and its back ends: any HTML becomes a doc, and nothing
 * the terminal layout, the plain text or the Markdown back end makes of it may hold a control
 * character (render/render.h promises that; it is what keeps a page from driving the
 * terminal). The first input byte picks the layout width. */
#include "fuzz/fuzz.h"
#include "render/doc.h"
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

/* Aborts on a C0 control other than '\n' (and '\t' when allowed), DEL, a C1 control (as
 * UTF-8: C2 80..C2 9F) or a bidirectional override/isolate (E2 80 AA..AE, E2 81 A6..A9). */
static void check_printable(const char *s, size_t len, int allow_tab)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		if ((p[i] < 0x20 && p[i] != '\n' && !(allow_tab && p[i] == '\t')) || p[i] == 0x7f)
			abort();
		if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			abort();
		if (p[i] == 0xe2 && i + 2 < len &&
		    ((p[i + 1] == 0x80 && p[i + 2] >= 0xaa && p[i + 2] <= 0xae) ||
		     (p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)))
			abort();
	}
}

static void check_layout(const struct term_layout *l)
{
	for (int i = 0; i < l->line_count; i++) {
		const struct term_line *line = &l->lines[i];
		if (line->cols > l->width)
			abort();
		for (int j = 0; j < line->seg_count; j++) {
			const struct term_seg *seg = &line->segs[j];
			if (strlen(seg->text) != seg->len || memchr(seg->text, '\n', seg->len))
				abort();
			check_printable(seg->text, seg->len, 0);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int width = size ? 10 + data[0] % 120 : 80;
	struct doc *d = doc_from_html((const char *)data, size, "http://example.org/dir/page.html");
	struct term_layout *l = term_layout_new(d, width);
	char *text, *md;

	check_layout(l);
	term_layout_set_width(l, width / 2 + 5);
	check_layout(l);
	term_layout_free(l);

	text = render_text(d, width);
	check_printable(text, strlen(text), 0);
	md = render_markdown_body(d);
	check_printable(md, strlen(md), 1);
	free(text);
	free(md);
	doc_free(d);
	return 0;
}
