/* Pictures in the reading pane. Each picture of the article (a DOC_IMAGE block with a source)
 * is drawn in place of its "[image: alt]" line once it has arrived: with symbols in coloured
 * cells through ncurses, or with pixels (kitty graphics, sixel) written straight to the
 * terminal after ncurses has refreshed the screen, over blank rows kept for it. Until then,
 * and when it cannot be had, the label line stays.
 *
 * The text comes first: pictures are asked for only when the article is on screen, only
 * those near the rows shown, a few at a time; they are fetched and decoded by the picture
 * loader (tasks/pictures.h) off the loop. When one arrives above the rows shown, the scroll
 * position moves with it, so the text in view stays where it is.
 *
 * How to draw is the images setting's choice; with auto it comes from the terminal's answers
 * to two queries sent at start (the kitty graphics protocol's query, and DA1, whose answer
 * lists sixel as 4), never from $TERM: the answers come in as keys, which the probe takes
 * out of the key stream; a terminal that does not answer within a second gets symbols. */
#include "config/config.h"
#include "core/util.h"
#include "image/image.h"
#include "render/render.h"
#include "tasks/pictures.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Pictures of one article considered at all: a page of thousands keeps labels past these. */
#define PICTURES_MAX 1000
/* Pictures being fetched or decoded at once for the article shown. */
#define PICTURES_IN_FLIGHT 6
/* How long the probe waits for the terminal's answers. */
#define PROBE_WAIT_MS 1000
/* Cell size assumed when the terminal does not say (a common 1:2 cell). */
#define CELL_W 8
#define CELL_H 16

enum pic_state { PIC_IDLE, PIC_WANTED, PIC_READY, PIC_SIZED, PIC_FAILED };

struct pane_picture {
	int block;
	const char *url; /* the doc's */
	enum pic_state state;
	int src_w, src_h; /* known once it has arrived */
	struct image img; /* PIC_READY */
	int cols, rows;   /* its place at the pane's width */
	/* symbols drawn for cols x rows */
	struct image_cell *cells;
	int cells_cols, cells_rows;
	/* pixels encoded for rows [out_first, out_first + out_count) at out_cols */
	char *out;
	size_t out_len;
	int out_first, out_count, out_cols;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- how to draw ---- */

static void cell_size(struct ui *ui, int *w, int *h)
{
	int pw = 0, ph = 0;

	if (ui->pictures.mode == PICTURES_KITTY || ui->pictures.mode == PICTURES_SIXEL)
		ui_cell_pixels(&pw, &ph);
	*w = pw > 0 ? pw : CELL_W;
	*h = ph > 0 ? ph : CELL_H;
}

static int pixel_mode(const struct ui *ui)
{
	return ui->pictures.mode == PICTURES_KITTY || ui->pictures.mode == PICTURES_SIXEL;
}

static void free_drawn(struct pane_picture *p)
{
	free(p->cells);
	p->cells = NULL;
	free(p->out);
	p->out = NULL;
	p->out_len = 0;
}

/* Drops what is in memory of every picture (the mode changed): they are asked for again. */
static void drop_all(struct ui *ui)
{
	struct reader_pane *rp = &ui->reader;

	for (int i = 0; i < rp->pic_count; i++) {
		free_drawn(&rp->pics[i]);
		image_free(&rp->pics[i].img);
		rp->pics[i].state = PIC_IDLE;
	}
	if (ui->pictures.loader)
		picture_loader_forget(ui->pictures.loader);
}

static void set_mode(struct ui *ui, enum pictures_mode mode)
{
	struct pictures *ps = &ui->pictures;

	if (ps->mode == mode)
		return;
	/* Pictures drawn with pixels are not ncurses': take them off the screen by hand. */
	if (ps->mode == PICTURES_KITTY && ps->shown_count) {
		static const char clear_all[] = "\033_Ga=d,d=A\033\\";
		ui_write_terminal(clear_all, sizeof(clear_all) - 1);
	} else if (ps->mode == PICTURES_SIXEL && ps->shown_count) {
		clearok(curscr, TRUE);
	}
	ps->shown_count = 0;
	ps->dirty = 1;
	ps->mode = mode;
	drop_all(ui);
	if (ui->reader.body)
		pictures_rows_build(ui);
}

static enum pictures_mode probed_mode(const struct pictures *p, int sixel)
{
	return p->kitty_answered ? PICTURES_KITTY : sixel ? PICTURES_SIXEL : PICTURES_SYMBOLS;
}

/* Sends the queries: kitty's (a 1x1 picture it is asked about, never shown), then DA1, which
 * every terminal answers, so its answer also says that kitty's would have come by now. tmux
 * and GNU screen take an APC string for the window's title, and pass no kitty graphics on
 * anyway: inside them (they say so in $TMUX and $STY), only DA1 is sent. */
static void probe_send(struct ui *ui)
{
	static const char kitty_query[] = "\033_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\033\\";
	static const char da1[] = "\033[c";
	const char *tmux = getenv("TMUX"), *screen = getenv("STY");

	ui->pictures.probe_sent = 1;
	ui->pictures.probe_deadline = now_ms() + PROBE_WAIT_MS;
	ui->pictures.mode = PICTURES_PROBING;
	if (!(tmux && tmux[0]) && !(screen && screen[0]))
		ui_write_terminal(kitty_query, sizeof(kitty_query) - 1);
	ui_write_terminal(da1, sizeof(da1) - 1);
}

/* The mode for the images setting in force; with auto, the probe's (sent once). */
static void follow_setting(struct ui *ui)
{
	const char *s = settings.images ? settings.images : "auto";
	struct pictures *p = &ui->pictures;

	if (p->setting && strcmp(p->setting, s) == 0)
		return;
	free(p->setting);
	p->setting = xstrdup(s);
	if (strcmp(s, "off") == 0)
		set_mode(ui, PICTURES_OFF);
	else if (strcmp(s, "symbols") == 0)
		set_mode(ui, PICTURES_SYMBOLS);
	else if (strcmp(s, "kitty") == 0)
		set_mode(ui, PICTURES_KITTY);
	else if (strcmp(s, "sixel") == 0)
		set_mode(ui, PICTURES_SIXEL);
	else if (!p->started)
		set_mode(ui, PICTURES_OFF); /* not interactive: no queries; asked again later */
	else if (!p->probe_sent)
		probe_send(ui);
	else if (!p->probe_deadline)
		set_mode(ui, probed_mode(p, p->mode == PICTURES_SIXEL));
}

void pictures_start(struct ui *ui)
{
	ui->pictures.started = 1;
	free(ui->pictures.setting);
	ui->pictures.setting = NULL;
	follow_setting(ui);
}

static void probe_end(struct ui *ui, int sixel)
{
	ui->pictures.probe_deadline = 0;
	if (ui->pictures.mode == PICTURES_PROBING)
		set_mode(ui, probed_mode(&ui->pictures, sixel));
}

/* ---- the probe's answers, taken from the keys ---- */

enum probe_state { PS_IDLE, PS_ESC, PS_CSI, PS_CSI_Q, PS_APC, PS_APC_G, PS_APC_ESC };

static int probe_hold(struct pictures *p, int key)
{
	if (p->probe_len == (int)ARRAY_LEN(p->probe_keys))
		return -1;
	p->probe_keys[p->probe_len++] = key;
	return 0;
}

/* Whether a DA1 answer ("ESC [ ? 62 ; 4 ; 22 c") lists 4, sixel graphics. */
static int da1_has_sixel(const struct pictures *p)
{
	int value = 0, digits = 0;

	for (int i = 3; i < p->probe_len; i++) {
		int k = p->probe_keys[i];
		if (k >= '0' && k <= '9') {
			value = value * 10 + (k - '0');
			digits++;
			continue;
		}
		if (digits && value == 4)
			return 1;
		value = digits = 0;
	}
	return 0;
}

/* Whether kitty's answer ("ESC _ G i=31;OK ESC \") says OK. */
static int kitty_ok(const struct pictures *p)
{
	for (int i = 0; i + 1 < p->probe_len; i++)
		if (p->probe_keys[i] == ';' && p->probe_keys[i + 1] == 'O' &&
		    i + 2 < p->probe_len && p->probe_keys[i + 2] == 'K')
			return 1;
	return 0;
}

/* Gives the keys held back to the reader, as typed. */
static void probe_give_back(struct ui *ui)
{
	struct pictures *p = &ui->pictures;
	int keys[ARRAY_LEN(p->probe_keys)], n = p->probe_len;

	memcpy(keys, p->probe_keys, sizeof(int) * (size_t)n);
	p->probe_len = 0;
	p->probe_state = PS_IDLE;
	p->probe_replaying = 1;
	for (int i = 0; i < n; i++)
		ui_handle_key(ui, OK, (wint_t)keys[i]);
	p->probe_replaying = 0;
}

static void probe_answer_done(struct ui *ui, int is_da1)
{
	struct pictures *p = &ui->pictures;

	if (is_da1)
		probe_end(ui, da1_has_sixel(p));
	else if (kitty_ok(p))
		p->kitty_answered = 1;
	p->probe_len = 0;
	p->probe_state = PS_IDLE;
}

int pictures_probe_key(struct ui *ui, int kind, wint_t ch)
{
	struct pictures *p = &ui->pictures;
	int k = (int)ch;

	if (p->probe_replaying)
		return 0;
	if (kind != OK) {
		if (p->probe_state != PS_IDLE)
			probe_give_back(ui);
		return 0;
	}
	if (p->probe_state == PS_IDLE) {
		if (k != 27)
			return 0;
		p->probe_state = PS_ESC;
		probe_hold(p, k);
		return 1;
	}
	if (probe_hold(p, k) != 0) {
		probe_give_back(ui);
		return 0; /* this key goes its own way */
	}
	switch (p->probe_state) {
	case PS_ESC:
		p->probe_state = k == '[' ? PS_CSI : k == '_' ? PS_APC : PS_IDLE;
		break;
	case PS_CSI:
		p->probe_state = k == '?' ? PS_CSI_Q : PS_IDLE;
		break;
	case PS_CSI_Q:
		if (k == 'c') {
			probe_answer_done(ui, 1);
			return 1;
		}
		if (!((k >= '0' && k <= '9') || k == ';'))
			p->probe_state = PS_IDLE;
		break;
	case PS_APC:
		p->probe_state = k == 'G' ? PS_APC_G : PS_IDLE;
		break;
	case PS_APC_G:
		if (k == 27)
			p->probe_state = PS_APC_ESC;
		break;
	case PS_APC_ESC:
		if (k == '\\') {
			probe_answer_done(ui, 0);
			return 1;
		}
		p->probe_state = PS_IDLE;
		break;
	default:
		break;
	}
	if (p->probe_state == PS_IDLE) {
		probe_give_back(ui); /* not an answer: they were keys */
		return 1;
	}
	return 1;
}

void pictures_probe_flush(struct ui *ui)
{
	/* A lone Esc is a key; a longer start of an answer waits for the rest. */
	if (ui->pictures.probe_state == PS_ESC)
		probe_give_back(ui);
}

/* ---- the article's pictures ---- */

void pictures_clear(struct reader_pane *rp)
{
	for (int i = 0; i < rp->pic_count; i++) {
		free_drawn(&rp->pics[i]);
		image_free(&rp->pics[i].img);
	}
	free(rp->pics);
	free(rp->row_line);
	free(rp->row_pic);
	free(rp->row_sub);
	rp->pics = NULL;
	rp->pic_count = 0;
	rp->row_line = rp->row_pic = rp->row_sub = NULL;
	rp->row_count = rp->row_cap = 0;
}

void pictures_article_loaded(struct ui *ui)
{
	struct reader_pane *rp = &ui->reader;
	const struct doc *d = rp->doc;

	if (ui->pictures.loader)
		picture_loader_forget(ui->pictures.loader);
	for (int i = 0; d && i < d->block_count && rp->pic_count < PICTURES_MAX; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->type != DOC_IMAGE || !b->src || !b->src[0])
			continue;
		rp->pics = xrealloc(rp->pics, sizeof(*rp->pics) * (size_t)(rp->pic_count + 1));
		memset(&rp->pics[rp->pic_count], 0, sizeof(*rp->pics));
		rp->pics[rp->pic_count].block = i;
		rp->pics[rp->pic_count].url = b->src;
		rp->pic_count++;
	}
	pictures_rows_build(ui);
}

/* Its size in cells at width columns: its own size at the cell size, or narrower to keep
 * within image-max-rows. */
static void place(struct ui *ui, struct pane_picture *p, int width)
{
	int cw, ch, cols, rows, max_rows = settings.image_max_rows;

	cell_size(ui, &cw, &ch);
	cols = (p->src_w + cw - 1) / cw;
	if (cols > width)
		cols = width;
	if (cols < 1)
		cols = 1;
	rows = image_rows_for(p->src_w, p->src_h, cols, cw, ch);
	if (rows > max_rows) {
		rows = max_rows;
		cols = (int)((double)rows * ch * p->src_w / p->src_h / cw);
		if (cols < 1)
			cols = 1;
		if (cols > width)
			cols = width;
	}
	if (cols != p->cols || rows != p->rows)
		free_drawn(p);
	p->cols = cols;
	p->rows = rows;
}

/* Columns before the label on its line: quote bars and list indentation, kept beside the
 * picture so that a picture in a quote stays in the quote. */
int pictures_label_indent(const struct term_line *line)
{
	int cols = 0;

	for (int s = 0; s < line->seg_count && !(line->segs[s].attr & TERM_IMAGE); s++)
		cols += line->segs[s].cols;
	return cols;
}

static int line_is_label(const struct term_line *line)
{
	for (int s = 0; s < line->seg_count; s++)
		if (line->segs[s].attr & TERM_IMAGE)
			return 1;
	return 0;
}

static void row_add(struct reader_pane *rp, int line, int pic, int sub)
{
	if (rp->row_count == rp->row_cap) {
		rp->row_cap = rp->row_cap ? rp->row_cap * 2 : 256;
		rp->row_line = xrealloc(rp->row_line, sizeof(int) * (size_t)rp->row_cap);
		rp->row_pic = xrealloc(rp->row_pic, sizeof(int) * (size_t)rp->row_cap);
		rp->row_sub = xrealloc(rp->row_sub, sizeof(int) * (size_t)rp->row_cap);
	}
	rp->row_line[rp->row_count] = line;
	rp->row_pic[rp->row_count] = pic;
	rp->row_sub[rp->row_count] = sub;
	rp->row_count++;
}

void pictures_rows_build(struct ui *ui)
{
	struct reader_pane *rp = &ui->reader;
	const struct term_layout *body = rp->body;
	int p = 0, placed_block = -1, drawn = ui->pictures.mode >= PICTURES_SYMBOLS;

	rp->row_count = 0;
	for (int i = 0; body && i < body->line_count; i++) {
		const struct term_line *line = &body->lines[i];
		struct pane_picture *pic;
		while (p < rp->pic_count && rp->pics[p].block < line->block)
			p++;
		if (p >= rp->pic_count || rp->pics[p].block != line->block ||
		    !line_is_label(line)) {
			row_add(rp, i, -1, -1);
			continue;
		}
		pic = &rp->pics[p];
		if (!drawn || (pic->state != PIC_READY && pic->state != PIC_SIZED)) {
			row_add(rp, i, p, -1);
			continue;
		}
		if (placed_block == line->block)
			continue; /* the rest of a long label: the picture stands for it */
		placed_block = line->block;
		place(ui, pic, body->width - pictures_label_indent(line));
		for (int s = 0; s < pic->rows; s++)
			row_add(rp, i, p, s);
	}
}

/* ---- asking for them ---- */

static void on_picture(const char *url, struct image *img, const char *err, void *user);

static struct picture_loader *loader(struct ui *ui)
{
	if (!ui->pictures.loader) {
		const char *dir =
		    ui->paths && ui->paths->image_cache_dir ? ui->paths->image_cache_dir : "";
		size_t limit = dir[0] ? (size_t)settings.image_cache_size * 1024 * 1024 : 0;
		ui->pictures.loader = picture_loader_open(dir, limit, on_picture, ui);
	}
	return ui->pictures.loader;
}

static void want(struct ui *ui, struct pane_picture *p, int width)
{
	struct image_limits lim;
	int cw, ch;

	cell_size(ui, &cw, &ch);
	/* Pixels enough for the widest and tallest place the picture can take. */
	image_limits_from_settings(&lim, width * cw, settings.image_max_rows * ch);
	if (!loader(ui) || picture_loader_want(ui->pictures.loader, p->url, &lim) != 0) {
		p->state = PIC_FAILED;
		return;
	}
	p->state = PIC_WANTED;
}

void pictures_request_near(struct ui *ui, int height)
{
	struct reader_pane *rp = &ui->reader;
	int in_flight = 0, top = rp->scroll - rp->header_count, from, to;

	if (ui->pictures.mode < PICTURES_SYMBOLS || !rp->pic_count || !rp->body)
		return;
	for (int i = 0; i < rp->pic_count; i++)
		in_flight += rp->pics[i].state == PIC_WANTED;
	/* the rows shown, then a screen below and one above */
	from = top - height;
	to = top + 2 * height;
	for (int pass = 0; pass < 2; pass++) {
		int a = pass == 0 ? top : from, b = pass == 0 ? to : top;
		for (int r = a < 0 ? 0 : a; r < b && r < rp->row_count; r++) {
			struct pane_picture *p;
			if (rp->row_pic[r] < 0)
				continue;
			p = &rp->pics[rp->row_pic[r]];
			if (in_flight < PICTURES_IN_FLIGHT &&
			    (p->state == PIC_IDLE || p->state == PIC_SIZED)) {
				want(ui, p, rp->body->width);
				in_flight += p->state == PIC_WANTED;
			}
		}
	}
	/* Pixels of pictures far from the rows shown go; their size stays, and their place. A
	 * picture is judged by all its rows, so that one reaching into the window stays. */
	for (int r = 0; r < rp->row_count; r++) {
		struct pane_picture *p;
		int last = r;
		if (rp->row_pic[r] < 0 || (r > 0 && rp->row_pic[r - 1] == rp->row_pic[r]))
			continue;
		while (last + 1 < rp->row_count && rp->row_pic[last + 1] == rp->row_pic[r])
			last++;
		p = &rp->pics[rp->row_pic[r]];
		if (p->state == PIC_READY && (last < top - 4 * height || r >= top + 5 * height)) {
			image_free(&p->img);
			free_drawn(p);
			p->state = PIC_SIZED;
		}
	}
}

/* The body row at the top of the pane as (line, sub), to find it again after the rows change. */
static void anchor_get(const struct reader_pane *rp, int *line, int *sub)
{
	int top = rp->scroll - rp->header_count;

	*line = *sub = -1;
	if (top >= 0 && top < rp->row_count) {
		*line = rp->row_line[top];
		*sub = rp->row_sub[top];
	}
}

static void anchor_restore(struct reader_pane *rp, int line, int sub)
{
	if (line < 0)
		return;
	for (int r = 0; r < rp->row_count; r++)
		if (rp->row_line[r] == line) {
			int s = sub > 0 ? sub : 0;
			while (s > 0 && !(r + s < rp->row_count && rp->row_line[r + s] == line))
				s--;
			rp->scroll = rp->header_count + r + s;
			return;
		}
}

static void on_picture(const char *url, struct image *img, const char *err, void *user)
{
	struct ui *ui = user;
	struct reader_pane *rp = &ui->reader;
	int line, sub, changed = 0, taken = 0;

	(void)err; /* the label stays: the reason is not worth a status line per picture */
	anchor_get(rp, &line, &sub);
	for (int i = 0; i < rp->pic_count; i++) {
		struct pane_picture *p = &rp->pics[i];
		if (p->state != PIC_WANTED || strcmp(p->url, url) != 0)
			continue;
		changed = 1;
		if (!img) {
			p->state = PIC_FAILED;
			continue;
		}
		free_drawn(p);
		image_free(&p->img);
		p->src_w = img->source_width;
		p->src_h = img->source_height;
		if (!taken) {
			p->img = *img;
			taken = 1;
		} else {
			/* the same picture twice in one article: a copy each */
			p->img = *img;
			p->img.rgba = xmalloc((size_t)img->width * img->height * 4);
			memcpy(p->img.rgba, img->rgba, (size_t)img->width * img->height * 4);
		}
		p->state = PIC_READY;
	}
	if (img && !taken)
		image_free(img);
	if (changed) {
		pictures_rows_build(ui);
		anchor_restore(rp, line, sub);
	}
}

/* ---- drawing ---- */

static int colours_in_use(void)
{
	const char *no_color = getenv("NO_COLOR");

	if (!has_colors() || (no_color && no_color[0]))
		return 2;
	return COLORS;
}

static void draw_symbols(struct pane_picture *p, int sub, int y, int x, int width)
{
	int colours = colours_in_use();

	if (!p->cells || p->cells_cols != p->cols || p->cells_rows != p->rows) {
		free(p->cells);
		p->cells = image_draw_symbols(&p->img, p->cols, p->rows, colours);
		p->cells_cols = p->cols;
		p->cells_rows = p->rows;
	}
	for (int c = 0; c < p->cols && c < width; c++) {
		const struct image_cell *cell = &p->cells[(size_t)sub * p->cols + c];
		wchar_t wc[2] = {(wchar_t)cell->ch, 0};
		int pair = 0;
		cchar_t cc;
		if (colours > 2 && (cell->fg >= 0 || cell->bg >= 0)) {
			pair = alloc_pair(cell->fg, cell->bg);
			if (pair < 0)
				pair = 0;
		}
		setcchar(&cc, wc, A_NORMAL, 0, &pair);
		mvadd_wch(y, x + c, &cc);
	}
}

void pictures_draw_row(struct ui *ui, int pic, int sub, int y, int x, int width, int bottom)
{
	struct pane_picture *p = &ui->reader.pics[pic];
	struct pictures *ps = &ui->pictures;

	if (p->state != PIC_READY)
		return; /* its place is kept, blank, until it is back */
	if (ps->mode == PICTURES_SYMBOLS) {
		draw_symbols(p, sub, y, x, width);
		return;
	}
	/* Pixels: the first row shown of it notes the place, down to the pane's bottom. */
	if (ps->place_count > 0) {
		struct picture_place *last = &ps->places[ps->place_count - 1];
		if (last->pic == pic && last->y + last->count == y)
			return;
	}
	if (ps->place_count == PICTURES_MAX_PLACES)
		return;
	ps->places[ps->place_count++] = (struct picture_place){
	    .pic = pic,
	    .y = y,
	    .x = x,
	    .first = sub,
	    .count = (p->rows - sub < bottom - y) ? p->rows - sub : bottom - y,
	};
}

void pictures_frame_begin(struct ui *ui)
{
	follow_setting(ui);
	ui->pictures.place_count = 0;
}

void pictures_invalidate(struct ui *ui)
{
	ui->pictures.dirty = 1;
}

static int same_places(const struct pictures *p, int64_t item)
{
	if (p->dirty || p->shown_item != item || p->place_count != p->shown_count)
		return 0;
	return memcmp(p->places, p->shown, sizeof(p->places[0]) * (size_t)p->place_count) == 0;
}

/* The escape sequences of the rows of p a place shows, encoded once for that part. */
static const char *encoded(struct ui *ui, struct pane_picture *p, const struct picture_place *pl,
                           size_t *len)
{
	if (!p->out || p->out_first != pl->first || p->out_count != pl->count ||
	    p->out_cols != p->cols) {
		struct image part;
		int cw, ch;
		free(p->out);
		cell_size(ui, &cw, &ch);
		image_crop_rows(&p->img, pl->first, pl->count, p->rows, &part);
		p->out = image_draw_pixels(&part,
		                           ui->pictures.mode == PICTURES_KITTY ? IMAGE_MODE_KITTY
		                                                               : IMAGE_MODE_SIXEL,
		                           p->cols, pl->count, cw, ch, &p->out_len);
		image_free(&part);
		p->out_first = pl->first;
		p->out_count = pl->count;
		p->out_cols = p->cols;
	}
	*len = p->out_len;
	return p->out;
}

void pictures_frame_end(struct ui *ui)
{
	struct pictures *ps = &ui->pictures;
	struct reader_pane *rp = &ui->reader;
	char move[32];

	if (!pixel_mode(ui))
		return;
	/* A menu, prompt or help screen over the panes hides them (kitty draws over text). */
	if (ui->mode_count > 0)
		ps->place_count = 0;
	if (same_places(ps, rp->item_id))
		return;
	if (ps->mode == PICTURES_KITTY) {
		static const char clear_all[] = "\033_Ga=d,d=A\033\\";
		ui_write_terminal(clear_all, sizeof(clear_all) - 1);
	} else if (ps->shown_count) {
		/* sixels are in the cells: ncurses writes the old places' lines again */
		for (int i = 0; i < ps->shown_count; i++)
			wredrawln(stdscr, ps->shown[i].y, ps->shown[i].count);
		refresh();
	}
	for (int i = 0; i < ps->place_count; i++) {
		const struct picture_place *pl = &ps->places[i];
		size_t len = 0;
		const char *s = encoded(ui, &rp->pics[pl->pic], pl, &len);
		if (!s)
			continue;
		int n = snprintf(move, sizeof(move), "\0337\033[%d;%dH", pl->y + 1, pl->x + 1);
		ui_write_terminal(move, (size_t)n);
		ui_write_terminal(s, len);
		ui_write_terminal("\0338", 2);
	}
	memcpy(ps->shown, ps->places, sizeof(ps->places[0]) * (size_t)ps->place_count);
	ps->shown_count = ps->place_count;
	ps->shown_item = rp->item_id;
	ps->dirty = 0;
}

/* ---- the loop ---- */

int pictures_fds(struct ui *ui, struct pollfd *fds, int max, int *timeout_ms)
{
	int n = 0;

	*timeout_ms = -1;
	if (ui->pictures.loader && picture_loader_pending(ui->pictures.loader))
		n = picture_loader_wait_fds(ui->pictures.loader, fds, max, timeout_ms);
	else if (ui->pictures.loader && max > 0)
		n = picture_loader_wait_fds(ui->pictures.loader, fds, 1, timeout_ms);
	if (ui->pictures.probe_deadline) {
		int64_t left = ui->pictures.probe_deadline - now_ms();
		int wait = left > 0 ? (int)left : 0;
		if (*timeout_ms < 0 || wait < *timeout_ms)
			*timeout_ms = wait;
	}
	return n;
}

void pictures_step(struct ui *ui)
{
	if (ui->pictures.probe_deadline && now_ms() >= ui->pictures.probe_deadline)
		probe_end(ui, 0);
	if (ui->pictures.loader)
		picture_loader_step(ui->pictures.loader);
}

void pictures_stop(struct ui *ui)
{
	if (pixel_mode(ui) && ui->pictures.mode == PICTURES_KITTY && ui->pictures.shown_count) {
		static const char clear_all[] = "\033_Ga=d,d=A\033\\";
		ui_write_terminal(clear_all, sizeof(clear_all) - 1);
	}
	picture_loader_free(ui->pictures.loader);
	ui->pictures.loader = NULL;
	free(ui->pictures.setting);
	ui->pictures.setting = NULL;
}
