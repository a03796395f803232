/* The reading pane: a header (title, feed, author, date, link, media) and the article rendered by
 * the render stage, its full text when there is one. The article is read and laid out once per
 * selection; a resize only re-wraps it, keeping the paragraph at the top of the pane there. */
#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "render/render.h"
#include "tasks/article.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>

static void header_clear(struct reader_pane *rp)
{
	for (int i = 0; i < rp->header_count; i++)
		free(rp->header[i]);
	free(rp->header);
	free(rp->header_roles);
	rp->header = NULL;
	rp->header_roles = NULL;
	rp->header_count = 0;
	rp->header_width = 0;
}

void reader_pane_reset(struct reader_pane *rp)
{
	header_clear(rp);
	pictures_clear(rp);
	term_layout_free(rp->body);
	doc_free(rp->doc);
	if (rp->loaded)
		item_row_free(&rp->item);
	rp->body = NULL;
	rp->doc = NULL;
	rp->loaded = 0;
	rp->item_id = 0;
	rp->scroll = 0;
	rp->showing_fulltext = 0;
}

void reader_pane_free(struct reader_pane *rp)
{
	reader_pane_reset(rp);
}

static void header_add(struct reader_pane *rp, const char *text, enum color_role role)
{
	rp->header = xrealloc(rp->header, sizeof(char *) * (size_t)(rp->header_count + 1));
	rp->header_roles =
	    xrealloc(rp->header_roles, sizeof(enum color_role) * (size_t)(rp->header_count + 1));
	rp->header[rp->header_count] = text_sanitize_str(text, TEXT_COLLAPSE_SPACE);
	rp->header_roles[rp->header_count] = role;
	rp->header_count++;
}

/* Adds s as lines of at most width columns, breaking at spaces where one is near. */
static void header_add_wrapped(struct reader_pane *rp, const char *s, int width,
                               enum color_role role)
{
	char *clean = text_sanitize_str(s, TEXT_COLLAPSE_SPACE);
	const char *p = clean;

	while (*p) {
		int cols;
		size_t fit = text_fit(p, width, &cols);
		char *line;
		if (fit == 0)
			fit = strlen(p) > 0 ? 1 : 0; /* a character wider than the pane */
		if (p[fit] != '\0') {
			size_t cut = fit;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut > fit / 2)
				fit = cut;
		}
		line = xstrndup(p, fit);
		header_add(rp, line, role);
		free(line);
		p += fit;
		while (*p == ' ')
			p++;
	}
	free(clean);
}

static void header_build(struct reader_pane *rp, int width)
{
	struct article_meta meta;
	struct article_header h;

	header_clear(rp);
	rp->header_width = width;
	article_meta_of_row(&rp->item, &meta);
	article_header_build(&h, &meta);
	for (int i = 0; i < h.count; i++) {
		char *line = xasprintf("%s%s", h.fields[i].label, h.fields[i].value);
		header_add_wrapped(rp, line, width,
		                   h.fields[i].kind == HEADER_TITLE ? COLOR_HEADER_TITLE
		                                                    : COLOR_HEADER_LABEL);
		free(line);
	}
	article_header_free(&h);
	if (rp->showing_fulltext)
		header_add(rp, "(full text)", COLOR_HEADER_LABEL);
	header_add(rp, "", COLOR_NORMAL);
}

static void load(struct ui *ui, int64_t id, int width)
{
	struct reader_pane *rp = &ui->reader;
	const char *html;

	reader_pane_reset(rp);
	rp->item_id = id;
	if (store_item_get(ui->cache, id, &rp->item) != 1)
		return;
	item_row_name_feed(&rp->item, ui->feeds_file);
	rp->loaded = 1;
	rp->showing_fulltext = article_shows_fulltext(&rp->item, rp->feed_text_for == id);
	html = article_body_html(&rp->item, rp->feed_text_for == id);
	rp->doc = doc_from_html(html, strlen(html), rp->item.link);
	/* code lines wider than the pane go on over the next lines, as in text output */
	rp->body = term_layout_new_flags(rp->doc, width, TERM_WRAP_CODE);
	header_build(rp, width);
	pictures_article_loaded(ui);
}

/* Re-wraps for a new width, keeping the block at the top of the pane at the top. */
static void rewrap(struct ui *ui, int width)
{
	struct reader_pane *rp = &ui->reader;
	int top_block = -1, body_top = rp->scroll - rp->header_count;

	if (body_top >= 0 && body_top < rp->row_count)
		top_block = rp->body->lines[rp->row_line[body_top]].block;
	header_build(rp, width);
	term_layout_set_width(rp->body, width);
	pictures_rows_build(ui);
	if (top_block < 0) {
		if (rp->scroll > rp->header_count)
			rp->scroll = rp->header_count;
		return;
	}
	for (int i = 0; i < rp->row_count; i++)
		if (rp->body->lines[rp->row_line[i]].block == top_block) {
			rp->scroll = rp->header_count + i;
			break;
		}
}

/* Makes the pane show the selected article at this width. */
static void ensure(struct ui *ui, int width)
{
	const struct view_row *sel = items_pane_selected(ui);
	struct reader_pane *rp = &ui->reader;

	if (!sel) {
		reader_pane_reset(rp);
		return;
	}
	if (sel->id != rp->item_id)
		load(ui, sel->id, width);
	else if (rp->loaded && rp->header_width != width)
		rewrap(ui, width);
}

void reader_pane_load_selected(struct ui *ui)
{
	int w = ui->layout.reader.w > 30 ? ui->layout.reader.w - 2 : ui->layout.reader.w;

	ensure(ui, w > 10 ? w : COLS > 10 ? COLS : 10);
}

int reader_pane_line_count(struct ui *ui)
{
	struct reader_pane *rp = &ui->reader;

	if (!rp->loaded)
		return 0;
	return rp->header_count + (rp->body ? rp->row_count : 0);
}

static attr_t seg_attr(unsigned a)
{
	attr_t attr = color_attr(COLOR_NORMAL);

	if (a & TERM_HEADING)
		attr = color_attr(COLOR_HEADING);
	else if (a & (TERM_LINK | TERM_LINKNUM))
		attr = color_attr(COLOR_LINK);
	else if (a & TERM_CODE)
		attr = color_attr(COLOR_CODE);
	else if (a & TERM_QUOTE)
		attr = color_attr(COLOR_QUOTE);
	else if (a & (TERM_RULE | TERM_MARKER | TERM_IMAGE | TERM_CAPTION | TERM_TRUNC))
		attr = color_attr(COLOR_HEADER_LABEL);
	if (a & TERM_BOLD)
		attr |= A_BOLD;
	if (a & TERM_ITALIC)
		attr |= A_ITALIC;
	return attr;
}

static void draw_body_line(const struct term_line *line, int y, int x, int width)
{
	int used = 0;

	for (int s = 0; s < line->seg_count && used < width; s++)
		used += draw_text(y, x + used, width - used, line->segs[s].text,
		                  seg_attr(line->segs[s].attr));
}

/* A row of a picture: the quote bars or indentation its label line had, then the picture. */
static void draw_picture_row(struct ui *ui, int row, int y, int x, int width, int bottom)
{
	struct reader_pane *rp = &ui->reader;
	const struct term_line *line = &rp->body->lines[rp->row_line[row]];
	int indent = pictures_label_indent(line), used = 0;

	for (int s = 0; s < line->seg_count && used < indent; s++) {
		const struct term_seg *seg = &line->segs[s];
		/* a list's bullet once, on the picture's first row; quote bars on every row */
		if ((seg->attr & TERM_MARKER) && rp->row_sub[row] > 0)
			used += seg->cols;
		else
			used +=
			    draw_text(y, x + used, indent - used, seg->text, seg_attr(seg->attr));
	}
	if (indent < width)
		pictures_draw_row(ui, rp->row_pic[row], rp->row_sub[row], y, x + indent,
		                  width - indent, bottom);
}

/* An empty view says why, and on a first start how to subscribe. */
static void draw_empty(struct ui *ui, struct rect r)
{
	const char *feeds = ui->paths && ui->paths->feeds_file ? ui->paths->feeds_file : "feeds";
	int no_feeds = !ui->feeds_file || ui->feeds_file->entry_count == 0;
	char *file_line = xasprintf("   %s", feeds);
	const char *lines[] = {
	    "No feeds yet. To subscribe:",
	    "",
	    " a   and type a feed's or a site's URL;",
	    " or put feed URLs, one a line, in",
	    file_line,
	    " or run: tidings import FILE.opml",
	    "     (tidings import --from-newsboat",
	    "      moves a newsboat setup over).",
	    "",
	    "R then fetches their articles.",
	};
	int n = no_feeds ? (int)ARRAY_LEN(lines) : 0;

	if (!no_feeds)
		draw_text(r.y, r.x, r.w,
		          ui->unread_only ? "No unread articles here (l shows them all)."
		                          : "No articles here (R fetches new ones).",
		          color_attr(COLOR_HEADER_LABEL));
	for (int i = 0; i < n && i < r.h; i++)
		draw_text(r.y + i, r.x, r.w, lines[i],
		          i == 0 ? color_attr(COLOR_HEADER_LABEL) : color_attr(COLOR_NORMAL));
	free(file_line);
}

void reader_pane_draw(struct ui *ui, struct rect r, int focused)
{
	struct reader_pane *rp = &ui->reader;
	int total;

	(void)focused;
	for (int i = 0; i < r.h; i++)
		draw_fill(r.y + i, r.x, r.w, color_attr(COLOR_NORMAL));
	/* A column of margin on each side, where there is room for it. */
	if (r.w > 30) {
		r.x += 1;
		r.w -= 2;
	}
	if (r.w <= 0 || r.h <= 0)
		return;
	ensure(ui, r.w);
	if (!rp->loaded) {
		if (!ui->items.total)
			draw_empty(ui, r);
		return;
	}
	total = reader_pane_line_count(ui);
	if (rp->scroll > total - 1)
		rp->scroll = total > 0 ? total - 1 : 0;
	pictures_request_near(ui, r.h);
	for (int i = 0; i < r.h && rp->scroll + i < total; i++) {
		int line = rp->scroll + i, row = line - rp->header_count;
		if (line < rp->header_count)
			draw_text(r.y + i, r.x, r.w, rp->header[line],
			          color_attr(rp->header_roles[line]));
		else if (rp->row_sub[row] >= 0)
			draw_picture_row(ui, row, r.y + i, r.x, r.w, r.y + r.h);
		else
			draw_body_line(&rp->body->lines[rp->row_line[row]], r.y + i, r.x, r.w);
	}
}

void reader_pane_scroll(struct ui *ui, int delta, int height)
{
	struct reader_pane *rp = &ui->reader;
	int max = reader_pane_line_count(ui) - height;

	rp->scroll += delta;
	if (rp->scroll > max)
		rp->scroll = max;
	if (rp->scroll < 0)
		rp->scroll = 0;
}
