/* Shared by the fuzz targets: each target file defines LLVMFuzzerTestOneInput and is linked
 * either with libFuzzer (--enable-fuzzing) or with fuzz/replay.c, which runs saved inputs
 * through it in `make check` so that every crash ever found stays a regression test. */
#ifndef TIDINGS_FUZZ_FUZZ_H
#define TIDINGS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Silences log_error/log_warn: the fuzzer's own output is what matters. Call once. */
void fuzz_quiet_logs(void);

/* Holds data in an anonymous in-memory file and returns a path that opens it
 * ("/proc/self/fd/N"), for readers that only take a path. fuzz_path_close() releases it. */
const char *fuzz_path_with(const uint8_t *data, size_t size);
void fuzz_path_close(void);

/* A copy of data with a terminating NUL, for APIs that take C strings. */
char *fuzz_cstring(const uint8_t *data, size_t size);

/* Takes the next NUL-separated field from *data (the rest when there is no NUL left),
 * so that one input can feed several string arguments. Returns a malloc'd string. */
char *fuzz_take_field(const uint8_t **data, size_t *size);

#endif
