/* libbrotlidec and libzstd, loaded at the first answer compressed with them. Like libcurl
 * (curl_load.c), they are not linked: this file defines the functions fetch.c calls and the
 * first call opens the library with dlopen() and forwards to it, so that the commands and the
 * reader's start that fetch nothing do not load three more libraries (about 0.9 ms of CPU at
 * every start). Should a library be missing, its calls fail as the library fails when it
 * cannot start: no decoder (NULL), an error code; the answer is then reported as one that
 * cannot be decoded. */
#include <brotli/decode.h>
#include <zstd.h>

#include "core/library.h"

#include <pthread.h>

#define BROTLI_FUNCTIONS(X)                                                                        \
	X(BrotliDecoderState *, BrotliDecoderCreateInstance,                                       \
	  (brotli_alloc_func alloc_func, brotli_free_func free_func, void *opaque))                \
	X(void, BrotliDecoderDestroyInstance, (BrotliDecoderState * state))                        \
	X(BrotliDecoderResult, BrotliDecoderDecompressStream,                                      \
	  (BrotliDecoderState * state, size_t * available_in, const uint8_t **next_in,             \
	   size_t *available_out, uint8_t **next_out, size_t *total_out))

#define ZSTD_FUNCTIONS(X)                                                                          \
	X(ZSTD_DStream *, ZSTD_createDStream, (void))                                              \
	X(size_t, ZSTD_freeDStream, (ZSTD_DStream * zds))                                          \
	X(size_t, ZSTD_initDStream, (ZSTD_DStream * zds))                                          \
	X(size_t, ZSTD_DCtx_setParameter, (ZSTD_DCtx * dctx, ZSTD_dParameter param, int value))    \
	X(size_t, ZSTD_decompressStream,                                                           \
	  (ZSTD_DStream * zds, ZSTD_outBuffer * output, ZSTD_inBuffer * input))                    \
	X(unsigned, ZSTD_isError, (size_t code))

#define POINTER(ret, name, params) ret(*name) params;
static struct {
	BROTLI_FUNCTIONS(POINTER)
} brotli;
static struct {
	ZSTD_FUNCTIONS(POINTER)
} zstd;
#undef POINTER

#define NAME(ret, name, params) #name,
static const char *const brotli_names[] = {BROTLI_FUNCTIONS(NAME)};
static const char *const zstd_names[] = {ZSTD_FUNCTIONS(NAME)};
#undef NAME

static pthread_once_t brotli_once = PTHREAD_ONCE_INIT, zstd_once = PTHREAD_ONCE_INIT;
static int brotli_loaded, zstd_loaded;

/* The structs hold function pointers only, one per name, in order. */
static void load_brotli(void)
{
	brotli_loaded = library_open(BROTLIDEC_SONAME, brotli_names,
	                             sizeof(brotli_names) / sizeof(*brotli_names), &brotli);
}

static void load_zstd(void)
{
	zstd_loaded =
	    library_open(ZSTD_SONAME, zstd_names, sizeof(zstd_names) / sizeof(*zstd_names), &zstd);
}

static int brotli_ready(void)
{
	pthread_once(&brotli_once, load_brotli);
	return brotli_loaded;
}

static int zstd_ready(void)
{
	pthread_once(&zstd_once, load_zstd);
	return zstd_loaded;
}

BrotliDecoderState *BrotliDecoderCreateInstance(brotli_alloc_func alloc_func,
                                                brotli_free_func free_func, void *opaque)
{
	return brotli_ready() ? brotli.BrotliDecoderCreateInstance(alloc_func, free_func, opaque)
	                      : NULL;
}

void BrotliDecoderDestroyInstance(BrotliDecoderState *state)
{
	if (brotli_ready())
		brotli.BrotliDecoderDestroyInstance(state);
}

BrotliDecoderResult BrotliDecoderDecompressStream(BrotliDecoderState *state, size_t *available_in,
                                                  const uint8_t **next_in, size_t *available_out,
                                                  uint8_t **next_out, size_t *total_out)
{
	if (!brotli_ready())
		return BROTLI_DECODER_RESULT_ERROR;
	return brotli.BrotliDecoderDecompressStream(state, available_in, next_in, available_out,
	                                            next_out, total_out);
}

ZSTD_DStream *ZSTD_createDStream(void)
{
	return zstd_ready() ? zstd.ZSTD_createDStream() : NULL;
}

size_t ZSTD_freeDStream(ZSTD_DStream *zds)
{
	return zstd_ready() ? zstd.ZSTD_freeDStream(zds) : 0;
}

/* (size_t)-1 is an error code to ZSTD_isError: zstd's error codes are the largest values. */
size_t ZSTD_initDStream(ZSTD_DStream *zds)
{
	return zstd_ready() ? zstd.ZSTD_initDStream(zds) : (size_t)-1;
}

size_t ZSTD_DCtx_setParameter(ZSTD_DCtx *dctx, ZSTD_dParameter param, int value)
{
	return zstd_ready() ? zstd.ZSTD_DCtx_setParameter(dctx, param, value) : (size_t)-1;
}

size_t ZSTD_decompressStream(ZSTD_DStream *zds, ZSTD_outBuffer *output, ZSTD_inBuffer *input)
{
	return zstd_ready() ? zstd.ZSTD_decompressStream(zds, output, input) : (size_t)-1;
}

unsigned ZSTD_isError(size_t code)
{
	return zstd_ready() ? zstd.ZSTD_isError(code) : 1;
}
