/* Parses many files in one process, for the robustness run over ../shared/corpora: one
 * process per file would take minutes under the sanitizers. Each file gets a time limit
 * (alarm) and every string of the result is checked to be valid UTF-8 without terminal
 * controls. A file that takes too long is named and ends the run with status 124.
 * Usage: parse_corpus SECONDS_PER_FILE FILE... (or - to read names from stdin). */
#include "core/text.h"
#include "core/util.h"
#include "parse/feed.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int bad_strings;
static const char *current_path;

static void on_alarm(int sig)
{
	static const char msg[] = "parse_corpus: time limit passed on ";
	(void)sig;
	write(STDERR_FILENO, msg, sizeof(msg) - 1);
	write(STDERR_FILENO, current_path, strlen(current_path));
	write(STDERR_FILENO, "\n", 1);
	_exit(124);
}

static void check_string(const char *path, const char *what, const char *s, int newlines)
{
	char *clean;
	if (!s)
		return;
	clean = text_sanitize_str(s, newlines ? TEXT_KEEP_NEWLINES : TEXT_COLLAPSE_SPACE);
	if (!utf8_is_valid(s, strlen(s)) || (!newlines && strcmp(clean, s) != 0) ||
	    (newlines && strchr(s, '\x1b'))) {
		fprintf(stderr, "%s: %s is not clean text: %.80s\n", path, what, s);
		bad_strings++;
	}
	free(clean);
}

static void check_feed(const char *path, const struct parsed_feed *f)
{
	check_string(path, "feed title", f->title, 0);
	check_string(path, "feed link", f->link, 0);
	check_string(path, "feed description", f->description, 1);
	for (int i = 0; i < f->item_count; i++) {
		const struct parsed_item *it = &f->items[i];
		check_string(path, "item id", it->id, 0);
		check_string(path, "item title", it->title, 0);
		check_string(path, "item link", it->link, 0);
		check_string(path, "item author", it->author, 0);
		check_string(path, "item summary", it->summary, 1);
		check_string(path, "item content", it->content, 1);
		if (!it->id) {
			fprintf(stderr, "%s: item %d has no id\n", path, i);
			bad_strings++;
		}
		for (int c = 0; c < it->category_count; c++)
			check_string(path, "category", it->categories[c], 0);
		for (int e = 0; e < it->enclosure_count; e++)
			check_string(path, "enclosure", it->enclosures[e].url, 0);
	}
}

static void parse_one(const char *path, unsigned seconds, int *parsed, int *refused)
{
	struct parsed_feed *f;
	char *data, *err = NULL;
	size_t len;

	if (read_file(path, 64u << 20, &data, &len) != 0) {
		fprintf(stderr, "%s: cannot read\n", path);
		return;
	}
	current_path = path;
	alarm(seconds); /* a hang ends the run (on_alarm): the test fails naming the file */
	if (feed_parse(data, len, NULL, &f, &err) == 0) {
		check_feed(path, f);
		parsed_feed_free(f);
		(*parsed)++;
	} else {
		free(err);
		(*refused)++;
	}
	alarm(0);
	free(data);
}

int main(int argc, char **argv)
{
	int parsed = 0, refused = 0;
	unsigned seconds;
	char line[4096];

	if (argc < 3) {
		fprintf(stderr, "usage: parse_corpus SECONDS FILE... | -\n");
		return 2;
	}
	text_init_locale();
	signal(SIGALRM, on_alarm);
	seconds = (unsigned)atoi(argv[1]);
	if (strcmp(argv[2], "-") == 0) {
		while (fgets(line, sizeof(line), stdin)) {
			line[strcspn(line, "\n")] = '\0';
			if (*line)
				parse_one(line, seconds, &parsed, &refused);
		}
	} else {
		for (int i = 2; i < argc; i++)
			parse_one(argv[i], seconds, &parsed, &refused);
	}
	printf("%d parsed, %d refused as not a feed, %d unclean strings\n", parsed, refused,
	       bad_strings);
	return bad_strings ? 1 : 0;
}
