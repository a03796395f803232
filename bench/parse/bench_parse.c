/* Parses files with feed_parse, as the fetcher does (read, parse, free), and prints the
 * wall time; the benchmark runner compares it with xmllint --noout and sfeed on the same
 * files. usage: bench_parse FILE...  */
#include "core/text.h"
#include "core/util.h"
#include "parse/feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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
		if (read_file(argv[i], 1u << 30, &data, &len) != 0) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			return 1;
		}
		struct feed_parse_options o = {NULL, NULL, len + 1};
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
