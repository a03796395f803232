/* The plain text back end: the terminal layout without its attributes. */
#include "core/util.h"
#include "render/render.h"

char *render_text(const struct doc *d, int width)
{
	struct term_layout *l = term_layout_new_flags(d, width, TERM_WRAP_CODE);
	struct buf out;

	buf_init(&out);
	for (int i = 0; i < l->line_count; i++) {
		const struct term_line *ln = &l->lines[i];
		size_t start = out.len;
		for (int s = 0; s < ln->seg_count; s++)
			buf_append(&out, ln->segs[s].text, ln->segs[s].len);
		/* margins and padding may leave spaces at the end */
		while (out.len > start && out.data[out.len - 1] == ' ')
			out.len--;
		buf_putc(&out, '\n');
	}
	term_layout_free(l);
	if (!out.data)
		return xstrdup("");
	return buf_steal(&out);
}
