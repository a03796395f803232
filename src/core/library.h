/* Shared libraries opened at their first use (dlopen), so that a program start that never
 * needs them does not load them: the one way tidings fills a table of a library's functions
 * (fetch/decoders_load.c, core/icu_load.c, core/lzma_load.c). */
#ifndef TIDINGS_CORE_LIBRARY_H
#define TIDINGS_CORE_LIBRARY_H

#include <stddef.h>

/* Opens soname and stores the address of each of the count functions named in names at api,
 * a struct of count function pointers in the same order. Returns 1 when every one is there;
 * else 0, with api zeroed and the library closed. */
int library_open(const char *soname, const char *const *names, size_t count, void *api);

#endif
