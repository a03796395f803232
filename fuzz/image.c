/* Fuzzes picture input: any bytes through the decoders (PNG, JPEG, WebP) within limits, and
 * whatever decodes through everything the reader draws from it: symbol cells, a cropped part,
 * and the kitty and sixel sequences. Aborts when a limit is passed (the result larger than
 * the fit box, more pixels than allowed) or when the terminal output holds an escape that
 * does not belong to the protocol's own framing: nothing of the file but its pixels may
 * reach the terminal. */
#include "fuzz/fuzz.h"
#include "image/image.h"

#include <stdlib.h>
#include <string.h>

static void check_escapes(const char *s, size_t len, const char *allowed)
{
	if (!s)
		return;
	if (strlen(s) != len)
		abort();
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x1b && (i + 1 >= len || !strchr(allowed, s[i + 1])))
			abort();
		if ((c < 0x20 && c != 0x1b) || c == 0x7f)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_limits lim = {
	    .max_bytes = 1 << 20, .max_pixels = 4 << 20, .fit_width = 96, .fit_height = 64};
	struct image img, part;
	struct image_cell *cells;
	size_t len = 0;
	char *out;

	if (image_decode(data, size, &lim, &img, NULL) != 0)
		return 0;
	if (img.width < 1 || img.height < 1 || img.width > lim.fit_width ||
	    img.height > lim.fit_height || !img.rgba ||
	    (int64_t)img.source_width * img.source_height > lim.max_pixels)
		abort();
	cells = image_draw_symbols(&img, 6, 3, 256);
	for (int i = 0; i < 18; i++)
		if (cells[i].ch < 0x20 || cells[i].fg > 255 || cells[i].bg > 255)
			abort();
	free(cells);
	image_crop_rows(&img, 1, 2, 3, &part);
	out = image_draw_pixels(&part, IMAGE_MODE_KITTY, 4, 2, 8, 16, &len);
	check_escapes(out, len, "_\\");
	free(out);
	out = image_draw_pixels(&part, IMAGE_MODE_SIXEL, 4, 2, 8, 12, &len);
	check_escapes(out, len, "P\\");
	free(out);
	image_free(&part);
	image_free(&img);
	return 0;
}
