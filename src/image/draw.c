/* Drawing with libchafa: it chooses, for each cell, the block symbol and the two colours that
 * look most like the pixels under it (symbols), or encodes the pixels for the kitty graphics
 * protocol or as sixels. Its output is made from pixels and the fixed sequences of its
 * terminal table only. libchafa is opened at the first picture drawn (libs.h); without it a
 * picture is drawn as blank cells, or not at all with pixels. */
#include "image/image.h"

#include "core/util.h"
#include "image/libs.h"

#include <stdlib.h>
#include <string.h>

static ChafaCanvasMode canvas_mode_for(int colours)
{
	if (colours >= 256)
		return CHAFA_CANVAS_MODE_INDEXED_240;
	if (colours >= 16)
		return CHAFA_CANVAS_MODE_INDEXED_16;
	if (colours >= 8)
		return CHAFA_CANVAS_MODE_INDEXED_8;
	return CHAFA_CANVAS_MODE_FGBG;
}

static ChafaCanvas *canvas_for(const struct chafa_api *chafa, const struct image *img,
                               ChafaCanvasConfig *cfg)
{
	ChafaCanvas *canvas = chafa->chafa_canvas_new(cfg);

	if (canvas)
		chafa->chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED,
		                                    img->rgba, img->width, img->height,
		                                    img->width * 4);
	return canvas;
}

static void blank_cells(struct image_cell *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cells[i] = (struct image_cell){' ', -1, -1};
}

struct image_cell *image_draw_symbols(const struct image *img, int cols, int rows, int colours)
{
	const struct chafa_api *chafa = chafa_api(NULL);
	ChafaCanvasMode mode = canvas_mode_for(colours);
	struct image_cell *cells = xcalloc((size_t)cols * rows, sizeof(*cells));
	ChafaCanvasConfig *cfg;
	ChafaSymbolMap *map;
	ChafaCanvas *canvas;

	if (!chafa) {
		blank_cells(cells, (size_t)cols * rows);
		return cells;
	}
	cfg = chafa->chafa_canvas_config_new();
	map = chafa->chafa_symbol_map_new();

	/* Blocks (halves, quadrants, eighths) are in every terminal font, one column wide. */
	chafa->chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_SPACE);
	chafa->chafa_symbol_map_remove_by_tags(map,
	                                       CHAFA_SYMBOL_TAG_WIDE | CHAFA_SYMBOL_TAG_AMBIGUOUS);
	chafa->chafa_canvas_config_set_symbol_map(cfg, map);
	chafa->chafa_canvas_config_set_geometry(cfg, cols, rows);
	chafa->chafa_canvas_config_set_canvas_mode(cfg, mode);
	canvas = canvas_for(chafa, img, cfg);
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			struct image_cell *c = &cells[(size_t)y * cols + x];
			gint fg = -1, bg = -1;
			c->ch = canvas ? chafa->chafa_canvas_get_char_at(canvas, x, y) : ' ';
			if (canvas && mode != CHAFA_CANVAS_MODE_FGBG)
				chafa->chafa_canvas_get_raw_colors_at(canvas, x, y, &fg, &bg);
			/* Anything outside a column's width or the palette becomes a space. */
			if (c->ch < 0x20 || (c->ch >= 0x7f && c->ch < 0xa0) || c->ch > 0xffff)
				c->ch = ' ';
			c->fg = fg >= 0 && fg < 256 ? fg : -1;
			c->bg = bg >= 0 && bg < 256 ? bg : -1;
		}
	if (canvas)
		chafa->chafa_canvas_unref(canvas);
	chafa->chafa_symbol_map_unref(map);
	chafa->chafa_canvas_config_unref(cfg);
	return cells;
}

char *image_draw_pixels(const struct image *img, enum image_mode mode, int cols, int rows,
                        int cell_w, int cell_h, size_t *len)
{
	const struct chafa_api *chafa = chafa_api(NULL);
	ChafaCanvasConfig *cfg;
	ChafaTermDb *db;
	ChafaTermInfo *info;
	ChafaCanvas *canvas;
	char *out = NULL;

	if (!chafa)
		return NULL;
	cfg = chafa->chafa_canvas_config_new();
	db = chafa->chafa_term_db_new();
	/* The table's generic entry knows the kitty and sixel sequences; which one is used is
	 * the pixel mode's choice, never the environment's. */
	info = chafa->chafa_term_db_get_fallback_info(db);
	chafa->chafa_canvas_config_set_geometry(cfg, cols, rows);
	chafa->chafa_canvas_config_set_cell_geometry(cfg, cell_w, cell_h);
	chafa->chafa_canvas_config_set_canvas_mode(cfg, CHAFA_CANVAS_MODE_TRUECOLOR);
	chafa->chafa_canvas_config_set_pixel_mode(
	    cfg, mode == IMAGE_MODE_KITTY ? CHAFA_PIXEL_MODE_KITTY : CHAFA_PIXEL_MODE_SIXELS);
	canvas = canvas_for(chafa, img, cfg);
	if (canvas) {
		GString *s = chafa->chafa_canvas_print(canvas, info);
		*len = s->len;
		out = xmalloc(s->len + 1);
		memcpy(out, s->str, s->len);
		out[s->len] = '\0';
		chafa->g_string_free(s, TRUE);
		chafa->chafa_canvas_unref(canvas);
	}
	chafa->chafa_term_info_unref(info);
	chafa->chafa_term_db_unref(db);
	chafa->chafa_canvas_config_unref(cfg);
	return out;
}
