/* Runs saved inputs through a fuzz target without libFuzzer: `replay FILE|DIR...`. Used by
 * `make check` over the seed corpora and tests/data/hardening/crashes/, so that a crash once
 * found by the fuzzers stays fixed in every build, with or without clang. */
#include "fuzz/fuzz.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REPLAY_MAX_INPUT (64u << 20)

static int replay_file(const char *path)
{
	char *data = NULL;
	size_t len = 0;
	int rc = read_file(path, REPLAY_MAX_INPUT, &data, &len);

	if (rc != 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(-rc));
		return -1;
	}
	/* An exact-size copy, so that ASan sees reads past the end as libFuzzer would. */
	uint8_t *exact = xmalloc(len ? len : 1);
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of a directory in name order, so that runs are reproducible. */
static int replay_dir(const char *dir, int *count)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, sizeof(*names) * (n + 1));
		names[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(names[i]) != 0)
				rc = -1;
			else
				(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int count = 0, rc = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) != 0)
				rc = 1;
		} else if (replay_file(argv[i]) == 0) {
			count++;
		} else {
			rc = 1;
		}
	}
	printf("%d inputs\n", count);
	return rc;
}
