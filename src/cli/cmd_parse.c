/* tidings parse: what the parser makes of a file, without touching the cache. */
#include "cli/cli.h"
#include "cli/json_out.h"
#include "config/config.h"
#include "core/log.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "core/util.h"
#include "parse/feed.h"

#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static json_object *item_json(const struct parsed_item *it)
{
	json_object *o = json_object_new_object(), *cats = json_object_new_array();
	json_object *encs = json_object_new_array();

	json_object_object_add(o, "id", json_str(it->id));
	json_object_object_add(o, "title", json_str(it->title));
	json_object_object_add(o, "link", json_str(it->link));
	json_object_object_add(o, "author", json_str(it->author));
	json_object_object_add(o, "published", json_time(it->published));
	json_object_object_add(o, "updated", json_time(it->updated));
	json_object_object_add(o, "summary", json_str(it->summary));
	json_object_object_add(o, "content", json_str(it->content));
	json_object_object_add(o, "image", json_str(it->image));
	for (int i = 0; i < it->category_count; i++)
		json_object_array_add(cats, json_str(it->categories[i]));
	json_object_object_add(o, "categories", cats);
	for (int i = 0; i < it->enclosure_count; i++) {
		const struct enclosure *e = &it->enclosures[i];
		json_object *je = json_object_new_object();
		json_object_object_add(je, "url", json_str(e->url));
		json_object_object_add(je, "type", json_str(e->type));
		json_object_object_add(je, "length",
		                       e->length >= 0 ? json_object_new_int64(e->length) : NULL);
		json_object_array_add(encs, je);
	}
	json_object_object_add(o, "enclosures", encs);
	json_object_object_add(o, "duration",
	                       it->duration > 0 ? json_object_new_int64(it->duration) : NULL);
	return o;
}

static void print_json(const struct parsed_feed *f)
{
	json_object *o = json_object_new_object(), *items = json_object_new_array();

	json_object_object_add(o, "format", json_str(f->format));
	json_object_object_add(o, "title", json_str(f->title));
	json_object_object_add(o, "link", json_str(f->link));
	json_object_object_add(o, "description", json_str(f->description));
	json_object_object_add(o, "language", json_str(f->language));
	json_object_object_add(o, "author", json_str(f->author));
	json_object_object_add(o, "updated", json_time(f->updated));
	json_object_object_add(o, "warning", json_str(f->warning));
	for (int i = 0; i < f->item_count; i++)
		json_object_array_add(items, item_json(&f->items[i]));
	json_object_object_add(o, "items", items);
	/* every string of the model is valid UTF-8 and json-c escapes control characters */
	json_print_and_free(o);
}

/* "label: value" on one line, sanitised; nothing when value is NULL. */
static void print_field(const char *indent, const char *label, const char *value)
{
	if (!value)
		return;
	printf("%s%-10s ", indent, label);
	text_fputs(stdout, value, TEXT_COLLAPSE_SPACE);
	putchar('\n');
}

static void print_time(const char *indent, const char *label, int64_t t)
{
	char when[40];
	if (t == TIME_UNKNOWN)
		return;
	time_format_rfc3339(t, when, sizeof(when));
	print_field(indent, label, when);
}

static void print_listing(const struct parsed_feed *f)
{
	print_field("", "format:", f->format);
	print_field("", "title:", f->title);
	print_field("", "link:", f->link);
	print_field("", "author:", f->author);
	print_field("", "language:", f->language);
	print_time("", "updated:", f->updated);
	print_field("", "warning:", f->warning);
	printf("%d item%s\n", f->item_count, f->item_count == 1 ? "" : "s");
	for (int i = 0; i < f->item_count; i++) {
		const struct parsed_item *it = &f->items[i];
		printf("\n");
		print_field("  ", "title:", it->title ? it->title : "(no title)");
		print_field("  ", "id:", it->id);
		print_field("  ", "link:", it->link);
		print_field("  ", "author:", it->author);
		print_time("  ", "published:", it->published);
		print_time("  ", "updated:", it->updated);
		for (int c = 0; c < it->category_count; c++)
			print_field("  ", "category:", it->categories[c]);
		for (int e = 0; e < it->enclosure_count; e++)
			print_field("  ", "enclosure:", it->enclosures[e].url);
	}
}

static int read_input(const char *path, size_t limit, char **data, size_t *len)
{
	int rc = strcmp(path, "-") == 0 ? read_fd(STDIN_FILENO, limit, data, len)
	                                : read_file(path, limit, data, len);
	if (rc == -EFBIG)
		log_error("%s: larger than the limit of %zu MiB (max-feed-size)", path,
		          limit >> 20);
	else if (rc != 0)
		log_error("%s: %s", path, strerror(-rc));
	return rc;
}

int cmd_parse(struct app *app, int argc, char **argv)
{
	static const struct option options[] = {{"json", no_argument, NULL, 'j'},
	                                        {"base-url", required_argument, NULL, 'b'},
	                                        {NULL, 0, NULL, 0}};
	const struct command *self = command_find("parse");
	struct feed_parse_options popts = {0};
	struct parsed_feed *feed;
	int opt, as_json = 0;
	size_t len, limit = (size_t)settings.max_feed_size << 20;
	char *data, *err;

	(void)app;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == 'j')
			as_json = 1;
		else if (opt == 'b')
			popts.base_url = optarg;
		else
			return command_bad_usage(self, "unknown option");
	}
	if (optind + 1 != argc)
		return command_bad_usage(self, "expected one FILE or -");
	if (read_input(argv[optind], limit, &data, &len) != 0)
		return EXIT_FAIL;
	popts.max_size = limit;
	if (feed_parse(data, len, &popts, &feed, &err) != 0) {
		log_error("%s: %s", argv[optind], err);
		free(err);
		free(data);
		return EXIT_FAIL;
	}
	free(data);
	if (as_json)
		print_json(feed);
	else
		print_listing(feed);
	parsed_feed_free(feed);
	return EXIT_OK;
}
