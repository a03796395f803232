/* The image stage: decoding within limits (PNG, WebP, refusals) and what is drawn from the
 * pixels: symbol cells with palette colours, kitty graphics and sixel sequences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "image/image.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <webp/encode.h>

/* w x h RGBA pixels: the left half red, the right half blue, opaque. */
static uint8_t *split_pixels(int w, int h)
{
	uint8_t *p = malloc((size_t)w * h * 4);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t *px = p + ((size_t)y * w + x) * 4;
			px[0] = x < w / 2 ? 255 : 0;
			px[1] = 0;
			px[2] = x < w / 2 ? 0 : 255;
			px[3] = 255;
		}
	return p;
}

static void *split_png(int w, int h, size_t *len)
{
	png_image pi;
	uint8_t *px = split_pixels(w, h);
	void *out;

	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = (png_uint_32)w;
	pi.height = (png_uint_32)h;
	pi.format = PNG_FORMAT_RGBA;
	assert_true(png_image_write_get_memory_size(pi, *len, 0, px, 0, NULL));
	out = malloc(*len);
	assert_true(png_image_write_to_memory(&pi, out, len, 0, px, 0, NULL));
	free(px);
	return out;
}

static struct image_limits roomy(void)
{
	struct image_limits lim = {.max_bytes = 1 << 20, .max_pixels = 1 << 20};
	return lim;
}

static void test_png_decodes_to_its_pixels(void **state)
{
	size_t len;
	void *png = split_png(8, 4, &len);
	struct image_limits lim = roomy();
	struct image img;
	char *err = NULL;

	assert_string_equal(image_format(png, len), "png");
	assert_int_equal(image_decode(png, len, &lim, &img, &err), 0);
	assert_int_equal(img.width, 8);
	assert_int_equal(img.height, 4);
	assert_int_equal(img.source_width, 8);
	assert_memory_equal(img.rgba, "\xff\x00\x00\xff", 4);
	assert_memory_equal(img.rgba + 7 * 4, "\x00\x00\xff\xff", 4);
	image_free(&img);
	free(png);
}

static void test_webp_decodes_scaled_to_the_fit_box(void **state)
{
	uint8_t *px = split_pixels(64, 32), *webp = NULL;
	size_t len = WebPEncodeLosslessRGBA(px, 64, 32, 64 * 4, &webp);
	struct image_limits lim = roomy();
	struct image img;
	char *err = NULL;

	assert_true(len > 0);
	lim.fit_width = 16;
	lim.fit_height = 16;
	assert_string_equal(image_format(webp, len), "webp");
	assert_int_equal(image_decode(webp, len, &lim, &img, &err), 0);
	assert_int_equal(img.width, 16);
	assert_int_equal(img.height, 8);
	assert_int_equal(img.source_width, 64);
	assert_int_equal(img.source_height, 32);
	assert_memory_equal(img.rgba, "\xff\x00\x00\xff", 4);
	assert_memory_equal(img.rgba + 15 * 4, "\x00\x00\xff\xff", 4);
	image_free(&img);
	WebPFree(webp);
	free(px);
}

static void test_limits_refuse_before_decoding(void **state)
{
	size_t len;
	void *png = split_png(100, 100, &len);
	struct image_limits lim = roomy();
	struct image img;
	char *err = NULL;

	lim.max_pixels = 9999;
	assert_int_equal(image_decode(png, len, &lim, &img, &err), -1);
	assert_non_null(strstr(err, "too large (100x100 pixels)"));
	assert_null(img.rgba);
	free(err);
	err = NULL;
	lim = roomy();
	lim.max_bytes = len - 1;
	assert_int_equal(image_decode(png, len, &lim, &img, &err), -1);
	assert_non_null(strstr(err, "too large"));
	free(err);
	free(png);
}

static void test_broken_and_unknown_input_fail_cleanly(void **state)
{
	size_t len;
	unsigned char *png = split_png(16, 16, &len);
	struct image_limits lim = roomy();
	struct image img;
	char *err = NULL;
	static const char gif[] = "GIF89a\x01\x00\x01\x00";
	static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0x00,
	                                     0x10, 'J',  'F',  'I',  'F'};

	assert_int_equal(image_decode(png, len / 2, &lim, &img, &err), -1);
	assert_non_null(strstr(err, "broken PNG"));
	free(err);
	png[20] ^= 0xff; /* the header's CRC no longer holds */
	assert_int_equal(image_decode(png, len, &lim, &img, &err), -1);
	free(err);
	assert_int_equal(image_decode(gif, sizeof(gif) - 1, &lim, &img, &err), -1);
	assert_string_equal(err, "not a PNG, JPEG or WebP picture");
	free(err);
	assert_int_equal(image_decode(jpeg, sizeof(jpeg), &lim, &img, &err), -1);
	assert_non_null(strstr(err, "broken JPEG"));
	free(err);
	free(png);
}

static void test_symbols_take_palette_colours(void **state)
{
	struct image img = {.width = 16, .height = 16, .rgba = split_pixels(16, 16)};
	struct image_cell *cells = image_draw_symbols(&img, 2, 1, 256);

	/* red and blue of the 6x6x6 cube: 196 and 21, as a full cell either way */
	assert_true(cells[0].fg == 196 || cells[0].bg == 196);
	assert_true(cells[1].fg == 21 || cells[1].bg == 21);
	free(cells);
	cells = image_draw_symbols(&img, 2, 1, 2);
	assert_int_equal(cells[0].fg, -1);
	assert_int_equal(cells[0].bg, -1);
	free(cells);
	image_free(&img);
}

/* Every escape in s starts one of the sequences the protocol allows, nothing else. */
static void assert_escapes_only(const char *s, size_t len, const char *allowed)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\033')
			continue;
		assert_true(i + 1 < len);
		assert_non_null(strchr(allowed, s[i + 1]));
	}
}

static void test_kitty_output(void **state)
{
	struct image img = {.width = 16, .height = 16, .rgba = split_pixels(16, 16)};
	size_t len = 0;
	char *out = image_draw_pixels(&img, IMAGE_MODE_KITTY, 2, 1, 8, 16, &len);

	assert_non_null(out);
	assert_int_equal(strlen(out), len);
	/* a transmit-and-show of 32-bit pixels, 2x1 cells, sent in chunks */
	assert_memory_equal(out, "\033_Ga=T,f=32,", 12);
	assert_non_null(strstr(out, "c=2,r=1"));
	assert_memory_equal(out + len - 2, "\033\\", 2);
	/* the first pixels are red: "/wAA//8AAP" is base64 of ff 00 00 ff ff 00 00 ff */
	assert_non_null(strstr(out, ";/wAA//8AAP"));
	assert_escapes_only(out, len, "_\\");
	free(out);
	image_free(&img);
}

static void test_sixel_output(void **state)
{
	struct image img = {.width = 16, .height = 16, .rgba = split_pixels(16, 16)};
	size_t len = 0;
	char *out = image_draw_pixels(&img, IMAGE_MODE_SIXEL, 2, 1, 8, 12, &len);
	const char *data;

	assert_non_null(out);
	/* DCS ... q, raster attributes, a palette with red and blue, ST */
	assert_memory_equal(out, "\033P", 2);
	data = strchr(out, 'q');
	assert_non_null(data);
	assert_memory_equal(data, "q\"1;1;16;12", 11);
	assert_non_null(strstr(out, ";2;100;0;0"));
	assert_non_null(strstr(out, ";2;0;0;100"));
	assert_memory_equal(out + len - 2, "\033\\", 2);
	assert_escapes_only(out, len, "P\\");
	free(out);
	image_free(&img);
}

static void test_rows_and_crop(void **state)
{
	struct image img = {.width = 16, .height = 32, .rgba = split_pixels(16, 32)};
	struct image part;

	assert_int_equal(image_rows_for(160, 80, 20, 8, 16), 5);
	assert_int_equal(image_rows_for(1, 1000, 1, 8, 16), 500);
	image_crop_rows(&img, 1, 2, 4, &part);
	assert_int_equal(part.width, 16);
	assert_int_equal(part.height, 16);
	image_free(&part);
	image_free(&img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_png_decodes_to_its_pixels),
	    cmocka_unit_test(test_webp_decodes_scaled_to_the_fit_box),
	    cmocka_unit_test(test_limits_refuse_before_decoding),
	    cmocka_unit_test(test_broken_and_unknown_input_fail_cleanly),
	    cmocka_unit_test(test_symbols_take_palette_colours),
	    cmocka_unit_test(test_kitty_output),
	    cmocka_unit_test(test_sixel_output),
	    cmocka_unit_test(test_rows_and_crop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
