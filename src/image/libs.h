/* The picture libraries, opened when the first picture is decoded or drawn. The program is
 * not linked with libpng, libjpeg, libwebp or libchafa (which brings GLib and PCRE2): most
 * commands and most of the reader's screens show no picture, and loading and relocating
 * these libraries at every start cost about 0.6 ms of CPU and 1.2 MB of the reader's memory.
 * Each library is opened on its own, the first time a picture of its kind needs it; each
 * struct below holds the functions used from it, under their own names. Should a library be
 * missing, its *_api() returns NULL with a one-line reason in *err, and that picture is
 * not shown. Private to src/image. */
#ifndef TIDINGS_IMAGE_LIBS_H
#define TIDINGS_IMAGE_LIBS_H

#include <chafa.h>
#include <png.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <webp/decode.h>

/* Every function called: return type, name, parameters. Inline functions and macros of the
 * headers (jpeg_create_decompress, WebPInitDecoderConfig, WebPGetFeatures) are written out
 * in decode.c through the functions they call. */
#define PNG_FUNCTIONS(X)                                                                           \
	X(int, png_image_begin_read_from_memory,                                                   \
	  (png_imagep image, png_const_voidp memory, size_t size))                                 \
	X(int, png_image_finish_read,                                                              \
	  (png_imagep image, png_const_colorp background, void *buffer, png_int_32 row_stride,     \
	   void *colormap))                                                                        \
	X(void, png_image_free, (png_imagep image))

#define JPEG_FUNCTIONS(X)                                                                          \
	X(struct jpeg_error_mgr *, jpeg_std_error, (struct jpeg_error_mgr * err))                  \
	X(void, jpeg_CreateDecompress, (j_decompress_ptr cinfo, int version, size_t structsize))   \
	X(void, jpeg_destroy_decompress, (j_decompress_ptr cinfo))                                 \
	X(void, jpeg_mem_src, (j_decompress_ptr cinfo, const unsigned char *buf, unsigned long n)) \
	X(int, jpeg_read_header, (j_decompress_ptr cinfo, boolean require_image))                  \
	X(boolean, jpeg_start_decompress, (j_decompress_ptr cinfo))                                \
	X(JDIMENSION, jpeg_read_scanlines,                                                         \
	  (j_decompress_ptr cinfo, JSAMPARRAY scanlines, JDIMENSION max_lines))                    \
	X(boolean, jpeg_finish_decompress, (j_decompress_ptr cinfo))

#define WEBP_FUNCTIONS(X)                                                                          \
	X(int, WebPInitDecoderConfigInternal, (WebPDecoderConfig * config, int version))           \
	X(VP8StatusCode, WebPGetFeaturesInternal,                                                  \
	  (const uint8_t *data, size_t size, WebPBitstreamFeatures *features, int version))        \
	X(VP8StatusCode, WebPDecode,                                                               \
	  (const uint8_t *data, size_t size, WebPDecoderConfig *config))                           \
	X(void, WebPFreeDecBuffer, (WebPDecBuffer * buffer))

/* g_string_free is GLib's, found through libchafa, which depends on it. */
#define CHAFA_FUNCTIONS(X)                                                                         \
	X(ChafaCanvasConfig *, chafa_canvas_config_new, (void))                                    \
	X(void, chafa_canvas_config_unref, (ChafaCanvasConfig * config))                           \
	X(void, chafa_canvas_config_set_canvas_mode,                                               \
	  (ChafaCanvasConfig * config, ChafaCanvasMode mode))                                      \
	X(void, chafa_canvas_config_set_geometry, (ChafaCanvasConfig * config, gint w, gint h))    \
	X(void, chafa_canvas_config_set_cell_geometry,                                             \
	  (ChafaCanvasConfig * config, gint w, gint h))                                            \
	X(void, chafa_canvas_config_set_pixel_mode,                                                \
	  (ChafaCanvasConfig * config, ChafaPixelMode mode))                                       \
	X(void, chafa_canvas_config_set_symbol_map,                                                \
	  (ChafaCanvasConfig * config, const ChafaSymbolMap *map))                                 \
	X(ChafaSymbolMap *, chafa_symbol_map_new, (void))                                          \
	X(void, chafa_symbol_map_unref, (ChafaSymbolMap * map))                                    \
	X(void, chafa_symbol_map_add_by_tags, (ChafaSymbolMap * map, ChafaSymbolTags tags))        \
	X(void, chafa_symbol_map_remove_by_tags, (ChafaSymbolMap * map, ChafaSymbolTags tags))     \
	X(ChafaCanvas *, chafa_canvas_new, (const ChafaCanvasConfig *config))                      \
	X(void, chafa_canvas_unref, (ChafaCanvas * canvas))                                        \
	X(void, chafa_canvas_draw_all_pixels,                                                      \
	  (ChafaCanvas * canvas, ChafaPixelType src_pixel_type, const guint8 *src_pixels,          \
	   gint src_width, gint src_height, gint src_rowstride))                                   \
	X(gunichar, chafa_canvas_get_char_at, (ChafaCanvas * canvas, gint x, gint y))              \
	X(void, chafa_canvas_get_raw_colors_at,                                                    \
	  (ChafaCanvas * canvas, gint x, gint y, gint * fg_out, gint * bg_out))                    \
	X(GString *, chafa_canvas_print, (ChafaCanvas * canvas, ChafaTermInfo * term_info))        \
	X(ChafaTermDb *, chafa_term_db_new, (void))                                                \
	X(void, chafa_term_db_unref, (ChafaTermDb * term_db))                                      \
	X(ChafaTermInfo *, chafa_term_db_get_fallback_info, (ChafaTermDb * term_db))               \
	X(void, chafa_term_info_unref, (ChafaTermInfo * term_info))                                \
	X(gchar *, g_string_free, (GString * string, gboolean free_segment))

#define IMAGE_LIBS_POINTER(ret, name, params) ret(*name) params;
struct png_api {
	PNG_FUNCTIONS(IMAGE_LIBS_POINTER)
};
struct jpeg_api {
	JPEG_FUNCTIONS(IMAGE_LIBS_POINTER)
};
struct webp_api {
	WEBP_FUNCTIONS(IMAGE_LIBS_POINTER)
};
struct chafa_api {
	CHAFA_FUNCTIONS(IMAGE_LIBS_POINTER)
};

/* The library's functions, the library opened at the first call (from any thread); NULL
 * when it cannot be, with *err (malloc'd, one line) when err is not NULL. */
const struct png_api *png_api(char **err);
const struct jpeg_api *jpeg_api(char **err);
const struct webp_api *webp_api(char **err);
const struct chafa_api *chafa_api(char **err);

#endif
