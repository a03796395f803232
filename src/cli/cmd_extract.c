/* tidings extract: the article of a web page, from a file, standard input or a URL. */
#include "cli/cli.h"
#include "cli/json_out.h"
#include "config/config.h"
#include "core/log.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/url.h"
#include "core/util.h"
#include "extract/extract.h"
#include "tasks/fulltext.h"
#include "tasks/save.h"
#include "parse/feed.h"

#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum extract_format { FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_JSON };

static void print_json(const struct article *a, const char *markdown)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "title", json_str(a->title));
	json_object_object_add(o, "byline", json_str(a->byline));
	json_object_object_add(o, "site_name", json_str(a->site_name));
	json_object_object_add(o, "published", json_time(a->published));
	json_object_object_add(o, "lang", json_str(a->lang));
	json_object_object_add(o, "dir", json_str(a->dir));
	json_object_object_add(o, "excerpt", json_str(a->excerpt));
	json_object_object_add(o, "text", json_str(a->text));
	json_object_object_add(o, "markdown", json_str(markdown));
	json_print_and_free(o);
}

static void print_text(const struct article *a)
{
	if (a->title) {
		text_fputs(stdout, a->title, TEXT_COLLAPSE_SPACE);
		fputs("\n\n", stdout);
	}
	text_fputs(stdout, a->text, TEXT_KEEP_NEWLINES);
	putchar('\n');
}

static int parse_format(const char *s, enum extract_format *f)
{
	if (strcmp(s, "text") == 0)
		*f = FORMAT_TEXT;
	else if (strcmp(s, "markdown") == 0)
		*f = FORMAT_MARKDOWN;
	else if (strcmp(s, "json") == 0)
		*f = FORMAT_JSON;
	else
		return -1;
	return 0;
}

/* Reads the page named by source: "-" for standard input, a URL, or a file. */
static int read_page(const char *source, char **data, size_t *len, char **final_url)
{
	size_t max = (size_t)settings.max_feed_size << 20;
	int rc;

	*final_url = NULL;
	if (url_is_web(source)) {
		char *err = NULL;

		if (fulltext_fetch_page(source, data, len, final_url, &err) != 0) {
			log_error("%s: %s", source, err);
			free(err);
			return -1;
		}
		return 0;
	}
	rc = strcmp(source, "-") == 0 ? read_fd(STDIN_FILENO, max, data, len)
	                              : read_file(source, max, data, len);
	if (rc != 0) {
		log_error("%s: %s", strcmp(source, "-") == 0 ? "standard input" : source,
		          rc == -EFBIG ? "larger than the max-feed-size setting" : strerror(-rc));
		return -1;
	}
	return 0;
}

int cmd_extract(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"base-url", required_argument, NULL, 'b'},
	    {"json", no_argument, NULL, 'j'},
	    {NULL, 0, NULL, 0},
	};
	const struct command *cmd = command_find("extract");
	enum extract_format format = FORMAT_TEXT;
	const char *base_url = NULL;
	char *data = NULL, *final_url = NULL, *err = NULL, *markdown = NULL;
	size_t len = 0;
	struct extract_options eo;
	struct article *a = NULL;
	int opt, rc;

	(void)app;
	while ((opt = getopt_long(argc, argv, "f:b:", options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (parse_format(optarg, &format) != 0)
				return command_bad_usage(cmd, "unknown format '%s'", optarg);
			break;
		case 'b':
			base_url = optarg;
			break;
		case 'j':
			parse_format("json", &format);
			break;
		default:
			return command_bad_usage(cmd, "unknown option");
		}
	}
	if (optind != argc - 1)
		return command_bad_usage(cmd, "one FILE, URL or - expected");
	if (read_page(argv[optind], &data, &len, &final_url) != 0)
		return EXIT_FAIL;
	memset(&eo, 0, sizeof(eo));
	eo.base_url = base_url ? base_url : final_url;
	rc = extract_article(data, len, &eo, &a, &err);
	free(data);
	if (rc != 0) {
		log_error("%s: %s", argv[optind], err);
		free(err);
		free(final_url);
		return EXIT_FAIL;
	}
	if (format == FORMAT_JSON)
		markdown = article_markdown_body(a, eo.base_url);
	else if (format == FORMAT_MARKDOWN)
		markdown = article_markdown(a, eo.base_url);
	if (format == FORMAT_JSON)
		print_json(a, markdown);
	else if (format == FORMAT_MARKDOWN)
		fputs(markdown, stdout);
	else
		print_text(a);
	free(markdown);
	free(final_url);
	article_free(a);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}
