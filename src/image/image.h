/* The image stage: bytes of a picture in, pixels out (decode.c), and pixels in, terminal
 * output out (draw.c): symbol cells with colours for ncurses, or the kitty graphics protocol
 * or sixel escape sequences for terminals that draw pixels.
 *
 * Decoding uses the well-kept libraries for each format (libpng, libjpeg-turbo, libwebp), never
 * code of our own, and is bounded: the bytes read, the pixels of the picture as its header
 * declares them (checked before anything is allocated) and the work a progressive JPEG may
 * ask for. The result is scaled down to a size the terminal can show, so that what is kept in
 * memory does not grow with the picture. Nothing here touches the network, a file or the
 * terminal: callers hand bytes in and write what comes out. */
#ifndef TIDINGS_IMAGE_IMAGE_H
#define TIDINGS_IMAGE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

/* Pixels, 8-bit RGBA, row after row with no padding. */
struct image {
	int width, height;
	uint8_t *rgba;
	int source_width, source_height; /* the picture's own size, before any scaling */
};

struct image_limits {
	size_t max_bytes;   /* larger input is refused before decoding */
	int64_t max_pixels; /* width * height as the header declares them */
	int fit_width;      /* the result is scaled down (keeping its shape) to fit these */
	int fit_height;
};

/* The limits of the settings in force (image-max-size, image-max-pixels) with a fit box of
 * fit_width x fit_height pixels. */
void image_limits_from_settings(struct image_limits *lim, int fit_width, int fit_height);

/* The format the first bytes announce ("png", "jpeg", "webp"), or NULL when it is none we
 * decode. */
const char *image_format(const void *data, size_t len);

/* Decodes a PNG, JPEG or WebP within lim into *out (free with image_free). Returns 0, or -1
 * with *err (malloc'd, one line: not a picture we read, too large, broken). */
int image_decode(const void *data, size_t len, const struct image_limits *lim, struct image *out,
                 char **err);
void image_free(struct image *img);

/* The picture scaled down (area averaging) to fit max_w x max_h, keeping its shape; a
 * picture that fits already is copied. */
void image_scale_to_fit(const struct image *in, int max_w, int max_h, struct image *out);

/* How the picture is drawn. */
enum image_mode {
	IMAGE_MODE_SYMBOLS, /* Unicode block symbols in coloured cells */
	IMAGE_MODE_KITTY,   /* the kitty graphics protocol */
	IMAGE_MODE_SIXEL,   /* DEC sixel graphics */
};

/* How many cell rows a picture of w x h pixels takes at cols columns, for cells of
 * cell_w x cell_h pixels (at least 1). */
int image_rows_for(int w, int h, int cols, int cell_w, int cell_h);

/* One cell of a picture drawn with symbols: a character and its colours, as indexes into the
 * terminal's palette (-1: the terminal's default, as for a transparent part). */
struct image_cell {
	uint32_t ch; /* a Unicode code point one column wide: a block or a space */
	int fg, bg;
};

/* The picture drawn in cols x rows cells with block symbols; colours is the number of
 * colours the terminal has: 256 or more uses the 240 of the palette that themes leave alone
 * (16..255), 16 or 8 the basic ones, fewer only the symbols' shapes. Returns a malloc'd array
 * of cols * rows cells, row after row. */
struct image_cell *image_draw_symbols(const struct image *img, int cols, int rows, int colours);

/* The picture as the escape sequences that draw it at the cursor in cols x rows cells of
 * cell_w x cell_h pixels (mode is IMAGE_MODE_KITTY or IMAGE_MODE_SIXEL). What comes back is
 * made only from the pixels, never from anything else in the file: no metadata reaches the
 * terminal. Returns a malloc'd NUL-terminated string (*len its length), or NULL. */
char *image_draw_pixels(const struct image *img, enum image_mode mode, int cols, int rows,
                        int cell_w, int cell_h, size_t *len);

/* The rows [first, first + count) of cell rows of a picture drawn in total_rows rows: the
 * part of the pixels they show (for a picture scrolled partly off the pane). */
void image_crop_rows(const struct image *in, int first, int count, int total_rows,
                     struct image *out);

#endif
