/* liblzma, loaded when libxml2 first asks for it. With libxml2's static library (configure.ac,
 * src/core/icu_load.c), linking liblzma would load it at every start (about 0.4 ms of CPU)
 * although libxml2 calls it only to read an xz-compressed file it opens by name, which
 * tidings never asks of it (it hands libxml2 bytes in memory). This file defines the four
 * functions libxml2.a calls and the first one opens liblzma with dlopen() and forwards to it;
 * should it be missing, they fail as liblzma fails on a bad call (LZMA_PROG_ERROR). */
#include <lzma.h>

#include "core/library.h"

#include <pthread.h>

#define LIBLZMA_SONAME "liblzma.so.5"

#define LZMA_FUNCTIONS(X)                                                                          \
	X(lzma_ret, lzma_auto_decoder, (lzma_stream * strm, uint64_t memlimit, uint32_t flags))    \
	X(lzma_ret, lzma_code, (lzma_stream * strm, lzma_action action))                           \
	X(void, lzma_end, (lzma_stream * strm))                                                    \
	X(lzma_ret, lzma_properties_decode,                                                        \
	  (lzma_filter * filter, const lzma_allocator *allocator, const uint8_t *props,            \
	   size_t props_size))

#define POINTER(ret, name, params) ret(*name) params;
static struct {
	LZMA_FUNCTIONS(POINTER)
} xz_real;
#undef POINTER

static pthread_once_t xz_once = PTHREAD_ONCE_INIT;
static int xz_loaded;

/* The struct holds function pointers only, one per name, in order. */
static const char *const xz_names[] = {
#define NAME(ret, name, params) #name,
    LZMA_FUNCTIONS(NAME)
#undef NAME
};

static void xz_load(void)
{
	xz_loaded = library_open(LIBLZMA_SONAME, xz_names, sizeof(xz_names) / sizeof(xz_names[0]),
	                         &xz_real);
}

static int xz_ready(void)
{
	pthread_once(&xz_once, xz_load);
	return xz_loaded;
}

lzma_ret lzma_auto_decoder(lzma_stream *strm, uint64_t memlimit, uint32_t flags)
{
	return xz_ready() ? xz_real.lzma_auto_decoder(strm, memlimit, flags) : LZMA_PROG_ERROR;
}

lzma_ret lzma_code(lzma_stream *strm, lzma_action action)
{
	return xz_ready() ? xz_real.lzma_code(strm, action) : LZMA_PROG_ERROR;
}

void lzma_end(lzma_stream *strm)
{
	if (xz_ready())
		xz_real.lzma_end(strm);
}

lzma_ret lzma_properties_decode(lzma_filter *filter, const lzma_allocator *allocator,
                                const uint8_t *props, size_t props_size)
{
	return xz_ready() ? xz_real.lzma_properties_decode(filter, allocator, props, props_size)
	                  : LZMA_PROG_ERROR;
}
