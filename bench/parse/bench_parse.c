/* Parses files with feed_parse, as the fetcher does (read, parse, free), and prints the
 * wall time; the benchmark runner compares it with xmllint --noout and sfeed on the same
 * files. usage: bench_parse FILE...  */
#include "core/text.h"
#include "core/util.h"
#include "parse/feed.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The whole file in one allocation of its size (as a fetcher that knows the length has it),
 * NUL-terminated; 0 or -1. */
static int read_whole(const char *path, char **out, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t done = 0;

	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*out = xmalloc((size_t)st.st_size + 1);
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, *out + done, (size_t)st.st_size - done);
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(fd);
	(*out)[done] = '\0';
	*len = done;
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long items = 0, bytes = 0;
	int failed = 0;
	double start;

	text_init_locale();
	start = now();
	for (int i = 1; i < argc; i++) {
		struct parsed_feed *f;
		char *data, *err = NULL;
		size_t len;
		if (read_whole(argv[i], &data, &len) != 0) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			return 1;
		}
		struct feed_parse_options o = {.max_size = len + 1};
		if (feed_parse(data, len, &o, &f, &err) == 0) {
			items += f->item_count;
			parsed_feed_free(f);
		} else {
			fprintf(stderr, "%s: %s\n", argv[i], err);
			free(err);
			failed++;
		}
		bytes += (long)len;
		free(data);
	}
	printf("%d files, %.1f MB, %ld items, %d failed, %.3f s\n", argc - 1, (double)bytes / 1e6,
	       items, failed, now() - start);
	return failed ? 1 : 0;
}
