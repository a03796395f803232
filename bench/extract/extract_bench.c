/* Times the extractor in-process on a list of pages and writes what it found, for the
 * quality scorer (bench/extract/run.py):
 *
 *     extract-bench OUT_DIR [--base-url URL] PAGE...
 *
 * writes OUT_DIR/N.json ({"file", "ms", "ok", "title", "byline", "site_name", "text"}) for
 * the Nth page and prints "ms<TAB>file" per page. Times are CPU time of the process (the
 * machine is shared: wall time would measure the neighbours), each page extracted REPEAT
 * times and the fastest run counted; readability_bench.js measures Readability the same way. */
#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "extract/extract.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPEAT 3

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static json_object *json_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static void write_result(const char *path, const char *file, double ms, const struct article *a)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "file", json_str(file));
	json_object_object_add(o, "ms", json_object_new_double(ms));
	json_object_object_add(o, "ok", json_object_new_boolean(a != NULL));
	json_object_object_add(o, "title", json_str(a ? a->title : NULL));
	json_object_object_add(o, "byline", json_str(a ? a->byline : NULL));
	json_object_object_add(o, "site_name", json_str(a ? a->site_name : NULL));
	json_object_object_add(o, "text", json_str(a ? a->text : ""));
	json_object_to_file_ext(path, o, JSON_C_TO_STRING_PLAIN);
	json_object_put(o);
}

int main(int argc, char **argv)
{
	struct extract_options opts;
	int first = 2;

	if (argc < 3) {
		fprintf(stderr, "usage: extract-bench OUT_DIR [--base-url URL] PAGE...\n");
		return 2;
	}
	text_init_locale(); /* as tidings does: the sanitiser measures characters by locale */
	settings_reset();
	memset(&opts, 0, sizeof(opts));
	if (argc > 4 && strcmp(argv[2], "--base-url") == 0) {
		opts.base_url = argv[3];
		first = 4;
	}
	for (int i = first; i < argc; i++) {
		char *data = NULL, *path;
		size_t len = 0;
		double best = 1e9;
		struct article *kept = NULL;

		if (read_file(argv[i], (size_t)64 << 20, &data, &len) != 0) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			continue;
		}
		for (int r = 0; r < REPEAT; r++) {
			struct article *a = NULL;
			char *err = NULL;
			double t0 = now_ms(), t;

			extract_article(data, len, &opts, &a, &err);
			t = now_ms() - t0;
			if (t < best)
				best = t;
			free(err);
			if (kept)
				article_free(a);
			else
				kept = a;
		}
		path = xasprintf("%s/%d.json", argv[1], i - first);
		write_result(path, argv[i], best, kept);
		printf("%.3f\t%s\n", best, argv[i]);
		free(path);
		article_free(kept);
		free(data);
	}
	settings_free();
	return 0;
}
