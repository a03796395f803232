/* Decoding: PNG with libpng's simplified API, JPEG with libjpeg-turbo (scaled while it
 * decodes, its scans counted), WebP with libwebp (scaled while it decodes), each library
 * opened at the first picture of its kind (libs.h). Each format's size
 * is read from its header and checked against the limits before any pixel is allocated; the
 * result is scaled down to the fit box. The libraries' own messages name no file content
 * beyond what they sanitise themselves, and are cleaned again before they are returned. */
#include "image/image.h"

#include "config/config.h"
#include "core/text.h"
#include "core/util.h"

#include "image/libs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A progressive JPEG may carry thousands of tiny scans, each a pass over the whole picture:
 * far more than any real picture has (a few dozen at most). */
#define JPEG_MAX_SCANS 200

void image_limits_from_settings(struct image_limits *lim, int fit_width, int fit_height)
{
	lim->max_bytes = (size_t)settings.image_max_size * 1024 * 1024;
	lim->max_pixels = (int64_t)settings.image_max_pixels * 1000 * 1000;
	lim->fit_width = fit_width;
	lim->fit_height = fit_height;
}

const char *image_format(const void *data, size_t len)
{
	const unsigned char *p = data;

	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "png";
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "jpeg";
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return "webp";
	return NULL;
}

void image_free(struct image *img)
{
	free(img->rgba);
	img->rgba = NULL;
	img->width = img->height = 0;
}

static int fail(char **err, const char *what, const char *detail)
{
	if (err) {
		char *clean = detail ? text_sanitize_str(detail, TEXT_COLLAPSE_SPACE) : NULL;
		*err = clean && clean[0] ? xasprintf("%s: %s", what, clean) : xstrdup(what);
		free(clean);
	}
	return -1;
}

/* Whether a picture of w x h declared pixels may be decoded. */
static int size_allowed(int64_t w, int64_t h, const struct image_limits *lim, char **err)
{
	char msg[128];

	if (w <= 0 || h <= 0)
		return fail(err, "the picture has no pixels", NULL) == 0;
	if (w * h > lim->max_pixels) {
		snprintf(msg, sizeof(msg), "the picture is too large (%lldx%lld pixels)",
		         (long long)w, (long long)h);
		return fail(err, msg, NULL) == 0;
	}
	return 1;
}

/* The fit box's scale for w x h, at most 1. */
static double fit_scale(int w, int h, const struct image_limits *lim)
{
	double sx = lim->fit_width > 0 ? (double)lim->fit_width / w : 1.0;
	double sy = lim->fit_height > 0 ? (double)lim->fit_height / h : 1.0;
	double s = sx < sy ? sx : sy;
	return s < 1.0 ? s : 1.0;
}

/* ---- PNG ---- */

static int decode_png(const void *data, size_t len, const struct image_limits *lim,
                      struct image *out, char **err)
{
	const struct png_api *png = png_api(err);
	png_image pi;

	if (!png)
		return -1;
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	if (!png->png_image_begin_read_from_memory(&pi, data, len))
		return fail(err, "broken PNG", pi.message);
	if (!size_allowed(pi.width, pi.height, lim, err)) {
		png->png_image_free(&pi);
		return -1;
	}
	pi.format = PNG_FORMAT_RGBA;
	out->width = out->source_width = (int)pi.width;
	out->height = out->source_height = (int)pi.height;
	out->rgba = xmalloc(PNG_IMAGE_SIZE(pi));
	if (!png->png_image_finish_read(&pi, NULL, out->rgba, 0, NULL)) {
		image_free(out);
		png->png_image_free(&pi);
		return fail(err, "broken PNG", pi.message);
	}
	png->png_image_free(&pi);
	return 0;
}

/* ---- JPEG ---- */

struct jpeg_fail {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX];
};

static void jpeg_on_error(j_common_ptr c)
{
	struct jpeg_fail *f = (struct jpeg_fail *)c->err;

	c->err->format_message(c, f->message);
	longjmp(f->jump, 1);
}

/* Warnings (corrupt data the library skips) are not printed: the screen is the reader's. */
static void jpeg_on_message(j_common_ptr c)
{
	(void)c;
}

static void jpeg_on_progress(j_common_ptr c)
{
	j_decompress_ptr d = (j_decompress_ptr)c;
	struct jpeg_fail *f = (struct jpeg_fail *)c->err;

	if (c->is_decompressor && d->input_scan_number > JPEG_MAX_SCANS) {
		snprintf(f->message, sizeof(f->message), "more than %d scans", JPEG_MAX_SCANS);
		longjmp(f->jump, 1);
	}
}

/* CMYK as Adobe writes it (inverted) to RGBA, in place: each pixel keeps its 4 bytes. */
static void cmyk_to_rgba(uint8_t *p, size_t pixels)
{
	for (size_t i = 0; i < pixels; i++, p += 4) {
		unsigned k = p[3];
		p[0] = (uint8_t)(p[0] * k / 255);
		p[1] = (uint8_t)(p[1] * k / 255);
		p[2] = (uint8_t)(p[2] * k / 255);
		p[3] = 255;
	}
}

/* The largest power-of-two reduction (libjpeg decodes at 1/1 .. 1/8) still at least as large
 * as the fit box needs. */
static unsigned jpeg_denominator(int w, int h, const struct image_limits *lim)
{
	double s = fit_scale(w, h, lim);
	unsigned denom = 1;

	while (denom < 8 && 1.0 / (denom * 2) >= s)
		denom *= 2;
	return denom;
}

static int decode_jpeg(const void *data, size_t len, const struct image_limits *lim,
                       struct image *out, char **err)
{
	const struct jpeg_api *jpeg = jpeg_api(err);
	/* volatile: read again after longjmp */
	struct jpeg_decompress_struct cinfo;
	struct jpeg_fail f;
	struct jpeg_progress_mgr progress;
	uint8_t *volatile pixels = NULL;
	int cmyk;

	if (!jpeg)
		return -1;
	memset(&f, 0, sizeof(f));
	cinfo.err = jpeg->jpeg_std_error(&f.mgr);
	f.mgr.error_exit = jpeg_on_error;
	f.mgr.output_message = jpeg_on_message;
	if (setjmp(f.jump)) {
		jpeg->jpeg_destroy_decompress(&cinfo);
		free(pixels);
		return fail(err, "broken JPEG", f.message);
	}
	jpeg->jpeg_CreateDecompress(&cinfo, JPEG_LIB_VERSION, sizeof(cinfo));
	progress.progress_monitor = jpeg_on_progress;
	cinfo.progress = &progress;
	jpeg->jpeg_mem_src(&cinfo, data, (unsigned long)len);
	jpeg->jpeg_read_header(&cinfo, TRUE);
	if (!size_allowed(cinfo.image_width, cinfo.image_height, lim, err)) {
		jpeg->jpeg_destroy_decompress(&cinfo);
		return -1;
	}
	cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
	cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
	cinfo.scale_num = 1;
	cinfo.scale_denom = jpeg_denominator((int)cinfo.image_width, (int)cinfo.image_height, lim);
	jpeg->jpeg_start_decompress(&cinfo);
	if (cinfo.output_components != 4) {
		snprintf(f.message, sizeof(f.message), "%d components", cinfo.output_components);
		longjmp(f.jump, 1);
	}
	pixels = xmalloc((size_t)cinfo.output_width * cinfo.output_height * 4);
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW row = pixels + (size_t)cinfo.output_scanline * cinfo.output_width * 4;
		jpeg->jpeg_read_scanlines(&cinfo, &row, 1);
	}
	out->width = (int)cinfo.output_width;
	out->height = (int)cinfo.output_height;
	out->source_width = (int)cinfo.image_width;
	out->source_height = (int)cinfo.image_height;
	out->rgba = pixels;
	if (cmyk)
		cmyk_to_rgba(out->rgba, (size_t)out->width * out->height);
	jpeg->jpeg_finish_decompress(&cinfo);
	jpeg->jpeg_destroy_decompress(&cinfo);
	return 0;
}

/* ---- WebP ---- */

static int decode_webp(const void *data, size_t len, const struct image_limits *lim,
                       struct image *out, char **err)
{
	const struct webp_api *webp = webp_api(err);
	WebPDecoderConfig config;
	int w, h;
	double s;

	if (!webp)
		return -1;
	if (!webp->WebPInitDecoderConfigInternal(&config, WEBP_DECODER_ABI_VERSION))
		return fail(err, "libwebp cannot start", NULL);
	if (webp->WebPGetFeaturesInternal(data, len, &config.input, WEBP_DECODER_ABI_VERSION) !=
	    VP8_STATUS_OK)
		return fail(err, "broken WebP", NULL);
	if (config.input.has_animation)
		return fail(err, "animated WebP is not drawn", NULL);
	w = config.input.width;
	h = config.input.height;
	if (!size_allowed(w, h, lim, err))
		return -1;
	s = fit_scale(w, h, lim);
	if (s < 1.0) {
		config.options.use_scaling = 1;
		config.options.scaled_width = (int)(w * s) > 0 ? (int)(w * s) : 1;
		config.options.scaled_height = (int)(h * s) > 0 ? (int)(h * s) : 1;
	}
	config.output.colorspace = MODE_RGBA;
	if (webp->WebPDecode(data, len, &config) != VP8_STATUS_OK) {
		webp->WebPFreeDecBuffer(&config.output);
		return fail(err, "broken WebP", NULL);
	}
	out->width = config.output.width;
	out->height = config.output.height;
	out->source_width = w;
	out->source_height = h;
	out->rgba = xmalloc((size_t)out->width * out->height * 4);
	for (int y = 0; y < out->height; y++)
		memcpy(out->rgba + (size_t)y * out->width * 4,
		       config.output.u.RGBA.rgba + (size_t)y * config.output.u.RGBA.stride,
		       (size_t)out->width * 4);
	webp->WebPFreeDecBuffer(&config.output);
	return 0;
}

/* ---- the one entry ---- */

int image_decode(const void *data, size_t len, const struct image_limits *lim, struct image *out,
                 char **err)
{
	const char *format = image_format(data, len);
	struct image full;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&full, 0, sizeof(full));
	if (len > lim->max_bytes)
		return fail(err, "the picture is too large", NULL);
	if (!format)
		return fail(err, "not a PNG, JPEG or WebP picture", NULL);
	if (strcmp(format, "png") == 0)
		rc = decode_png(data, len, lim, &full, err);
	else if (strcmp(format, "jpeg") == 0)
		rc = decode_jpeg(data, len, lim, &full, err);
	else
		rc = decode_webp(data, len, lim, &full, err);
	if (rc != 0)
		return -1;
	if (lim->fit_width > 0 && lim->fit_height > 0 &&
	    (full.width > lim->fit_width || full.height > lim->fit_height)) {
		image_scale_to_fit(&full, lim->fit_width, lim->fit_height, out);
		out->source_width = full.source_width;
		out->source_height = full.source_height;
		image_free(&full);
	} else {
		*out = full;
	}
	return 0;
}

/* ---- scaling ---- */

/* Averages the source pixels each target pixel covers, colours weighted by their alpha so that
 * transparent pixels lend no colour. */
static void average_box(const struct image *in, int x0, int x1, int y0, int y1, uint8_t *px)
{
	uint64_t r = 0, g = 0, b = 0, a = 0, n = 0;

	for (int y = y0; y < y1; y++) {
		const uint8_t *p = in->rgba + ((size_t)y * in->width + x0) * 4;
		for (int x = x0; x < x1; x++, p += 4) {
			r += (uint64_t)p[0] * p[3];
			g += (uint64_t)p[1] * p[3];
			b += (uint64_t)p[2] * p[3];
			a += p[3];
			n++;
		}
	}
	px[0] = a ? (uint8_t)(r / a) : 0;
	px[1] = a ? (uint8_t)(g / a) : 0;
	px[2] = a ? (uint8_t)(b / a) : 0;
	px[3] = n ? (uint8_t)(a / n) : 0;
}

void image_scale_to_fit(const struct image *in, int max_w, int max_h, struct image *out)
{
	double sx = (double)max_w / in->width, sy = (double)max_h / in->height;
	double s = sx < sy ? sx : sy;
	int w, h;

	if (s > 1.0)
		s = 1.0;
	w = (int)(in->width * s);
	h = (int)(in->height * s);
	out->source_width = in->source_width;
	out->source_height = in->source_height;
	out->width = w > 0 ? w : 1;
	out->height = h > 0 ? h : 1;
	out->rgba = xmalloc((size_t)out->width * out->height * 4);
	for (int y = 0; y < out->height; y++) {
		int y0 = (int)((int64_t)y * in->height / out->height);
		int y1 = (int)((int64_t)(y + 1) * in->height / out->height);
		if (y1 <= y0)
			y1 = y0 + 1;
		for (int x = 0; x < out->width; x++) {
			int x0 = (int)((int64_t)x * in->width / out->width);
			int x1 = (int)((int64_t)(x + 1) * in->width / out->width);
			if (x1 <= x0)
				x1 = x0 + 1;
			average_box(in, x0, x1, y0, y1,
			            out->rgba + ((size_t)y * out->width + x) * 4);
		}
	}
}

void image_crop_rows(const struct image *in, int first, int count, int total_rows,
                     struct image *out)
{
	int y0 = (int)((int64_t)first * in->height / total_rows);
	int y1 = (int)((int64_t)(first + count) * in->height / total_rows);

	if (y1 > in->height)
		y1 = in->height;
	if (y1 <= y0)
		y1 = y0 + 1 <= in->height ? y0 + 1 : y0;
	out->width = out->source_width = in->width;
	out->height = out->source_height = y1 - y0 > 0 ? y1 - y0 : 1;
	out->rgba = xmalloc((size_t)out->width * out->height * 4);
	if (y1 > y0)
		memcpy(out->rgba, in->rgba + (size_t)y0 * in->width * 4,
		       (size_t)(y1 - y0) * in->width * 4);
	else
		memset(out->rgba, 0, (size_t)out->width * 4);
}

int image_rows_for(int w, int h, int cols, int cell_w, int cell_h)
{
	double px_w = (double)cols * cell_w;
	double px_h = px_w * h / w;
	int rows = (int)((px_h + cell_h - 1) / cell_h);
	return rows > 0 ? rows : 1;
}
