#include "fuzz/fuzz.h"
#include "core/log.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void discard_log(int is_error, const char *msg)
{
	(void)is_error;
	(void)msg;
}

void fuzz_quiet_logs(void)
{
	log_set_sink(discard_log);
}

static int memfd = -1;
static char memfd_path[64];

const char *fuzz_path_with(const uint8_t *data, size_t size)
{
	size_t done = 0;

	fuzz_path_close();
	memfd = memfd_create("fuzz-input", MFD_CLOEXEC);
	if (memfd < 0) {
		perror("memfd_create");
		abort();
	}
	while (done < size) {
		ssize_t n = write(memfd, data + done, size - done);
		if (n <= 0) {
			perror("write");
			abort();
		}
		done += (size_t)n;
	}
	snprintf(memfd_path, sizeof(memfd_path), "/proc/self/fd/%d", memfd);
	return memfd_path;
}

void fuzz_path_close(void)
{
	if (memfd >= 0)
		close(memfd);
	memfd = -1;
}

char *fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

char *fuzz_take_field(const uint8_t **data, size_t *size)
{
	const uint8_t *nul = *size ? memchr(*data, '\0', *size) : NULL;
	size_t n = nul ? (size_t)(nul - *data) : *size;
	char *s = fuzz_cstring(*data, n);

	*data += nul ? n + 1 : n;
	*size -= nul ? n + 1 : n;
	return s;
}
