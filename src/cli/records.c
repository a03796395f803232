#include "cli/records.h"
#include "cli/json_out.h"
#include "config/config.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "parse/feed.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>

const char *record_feed_name(const struct item_row *r, const struct feeds_file *ff)
{
	return feed_display_name(ff, r->feed_url, r->feed_title);
}

/* A JSON list column of the cache as an array ([] for none or for anything unreadable). */
static json_object *json_list(const char *stored)
{
	json_object *o = stored ? json_tokener_parse(stored) : NULL;

	if (o && json_object_is_type(o, json_type_array))
		return o;
	json_object_put(o);
	return json_object_new_array();
}

json_object *record_json(const struct item_row *r, const struct feeds_file *ff, int with_body)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(r->id));
	json_object_object_add(o, "feed_id", json_object_new_int64(r->feed_id));
	json_object_object_add(o, "feed_url", json_line(r->feed_url));
	json_object_object_add(o, "feed", json_line(record_feed_name(r, ff)));
	json_object_object_add(o, "guid", json_line(r->guid));
	json_object_object_add(o, "title", json_line(r->title));
	json_object_object_add(o, "link", json_line(r->link));
	json_object_object_add(o, "author", json_line(r->author));
	json_object_object_add(o, "published", json_time(r->published));
	json_object_object_add(o, "updated", json_time(r->updated));
	json_object_object_add(o, "read", json_object_new_boolean(r->read));
	json_object_object_add(o, "saved", json_object_new_boolean(r->saved));
	json_object_object_add(o, "categories", json_list(r->categories));
	json_object_object_add(o, "enclosures", json_list(r->enclosures));
	if (with_body) {
		json_object_object_add(o, "summary", json_str(r->summary));
		json_object_object_add(o, "content", json_str(r->content));
		json_object_object_add(o, "fulltext", json_str(r->fulltext));
		json_object_object_add(o, "page_url", json_line(r->page_url));
		json_object_object_add(o, "page_byline", json_line(r->page_byline));
	}
	return o;
}

void record_print(const struct item_row *r, const struct feeds_file *ff)
{
	char when[64] = "", *clean;

	article_date_text(item_row_date(r), when, sizeof(when));
	printf("%6lld %c%c ", (long long)r->id, r->read ? ' ' : 'N', r->saved ? 'S' : ' ');
	clean = text_sanitize_str(when, TEXT_COLLAPSE_SPACE);
	printf("%-10s ", clean);
	free(clean);
	text_fputs(stdout, r->title && *r->title ? r->title : "(no title)", TEXT_COLLAPSE_SPACE);
	fputs("  (", stdout);
	text_fputs(stdout, record_feed_name(r, ff), TEXT_COLLAPSE_SPACE);
	fputs(")\n", stdout);
}
