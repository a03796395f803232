/* JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with json-c. */
#include "core/util.h"
#include "parse/clean.h"
#include "parse/date.h"
#include "parse/internal.h"
#include "core/url.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

/* The string member key of o, or NULL when missing or not a string. */
static const char *jstr(json_object *o, const char *key)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *jget(json_object *o, const char *key, json_type type)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, type))
		return NULL;
	return v;
}

static char *jurl(struct feed_builder *b, json_object *o, const char *key)
{
	return url_resolve(b->doc_url ? b->doc_url : b->fallback, jstr(o, key));
}

/* 1.1 "authors": [{name, url}], 1.0 "author": {name, url}: the first name, else url. */
static char *json_author(json_object *o)
{
	json_object *authors = jget(o, "authors", json_type_array), *one;
	const char *name = NULL;

	if (authors && json_object_array_length(authors) > 0) {
		one = json_object_array_get_idx(authors, 0);
		name = jstr(one, "name");
		if (!name)
			name = jstr(one, "url");
	}
	if (!name && (one = jget(o, "author", json_type_object))) {
		name = jstr(one, "name");
		if (!name)
			name = jstr(one, "url");
	}
	return name ? author_display(name) : NULL;
}

static int64_t json_date(json_object *o, const char *key)
{
	return date_parse(jstr(o, key));
}

/* The id may be a number in feeds that ignore the spec; it is a string in ours. */
static char *json_id(json_object *o)
{
	json_object *v;
	if (!json_object_object_get_ex(o, "id", &v) || !v)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return *json_object_get_string(v) ? xstrdup(json_object_get_string(v)) : NULL;
	if (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double))
		return xstrdup(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
	return NULL;
}

static void json_item(struct feed_builder *b, json_object *o)
{
	struct parsed_item *it = builder_add_item(b);
	json_object *tags = jget(o, "tags", json_type_array);
	json_object *attachments = jget(o, "attachments", json_type_array);
	const char *text;

	it->id = json_id(o);
	if ((text = jstr(o, "title")))
		it->title = clean_title(text);
	it->link = jurl(b, o, "url");
	if (!it->link)
		it->link = jurl(b, o, "external_url");
	it->author = json_author(o);
	if (!it->author && b->feed->author)
		it->author = xstrdup(b->feed->author);
	if ((text = jstr(o, "content_html")))
		it->content = xstrdup(text);
	else if ((text = jstr(o, "content_text")))
		it->content = text_to_html(text);
	if ((text = jstr(o, "summary")))
		it->summary = html_escape(text);
	it->published = json_date(o, "date_published");
	it->updated = json_date(o, "date_modified");
	it->image = jurl(b, o, "image");
	if (!it->image)
		it->image = jurl(b, o, "banner_image");
	for (size_t i = 0; tags && i < json_object_array_length(tags); i++) {
		json_object *t = json_object_array_get_idx(tags, i);
		if (json_object_is_type(t, json_type_string))
			item_add_category(it, json_object_get_string(t));
	}
	for (size_t i = 0; attachments && i < json_object_array_length(attachments); i++) {
		json_object *a = json_object_array_get_idx(attachments, i);
		json_object *size = jget(a, "size_in_bytes", json_type_int);
		char len[32] = "";
		char *url = jurl(b, a, "url");
		if (size)
			snprintf(len, sizeof(len), "%lld", (long long)json_object_get_int64(size));
		item_add_enclosure(it, url, jstr(a, "mime_type"), size ? len : NULL);
		free(url);
	}
	ext_item_done(it);
}

int jsonfeed_parse(struct feed_builder *b, const char *data, size_t len, char **err)
{
	struct json_tokener *tok = json_tokener_new_ex(64);
	struct parsed_feed *f = b->feed;
	json_object *root, *items;
	const char *text, *version;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	root = json_tokener_parse_ex(tok, data, (int)len);
	if (!root) {
		*err = xasprintf("not a feed: invalid JSON (%s)",
		                 json_tokener_error_desc(json_tokener_get_error(tok)));
		json_tokener_free(tok);
		return -1;
	}
	json_tokener_free(tok);
	version = jstr(root, "version");
	/* the version should be the spec's URL; "1.1" and no version at all are seen too */
	if (!json_object_is_type(root, json_type_object) ||
	    !((version && (strstr(version, "jsonfeed.org") || strcmp(version, "1") == 0 ||
	                   strcmp(version, "1.0") == 0 || strcmp(version, "1.1") == 0)) ||
	      jget(root, "items", json_type_array))) {
		*err = xstrdup("not a feed: JSON without a JSON Feed version");
		json_object_put(root);
		return -1;
	}
	if ((text = jstr(root, "title")))
		f->title = clean_title(text);
	f->link = jurl(b, root, "home_page_url");
	if ((text = jstr(root, "description")))
		f->description = html_escape(text);
	if ((text = jstr(root, "language")))
		f->language = xstrdup(text);
	f->author = json_author(root);
	b->fallback = f->link;
	items = jget(root, "items", json_type_array);
	for (size_t i = 0; items && i < json_object_array_length(items); i++) {
		json_object *o = json_object_array_get_idx(items, i);
		if (json_object_is_type(o, json_type_object))
			json_item(b, o);
	}
	b->fallback = NULL;
	/* JSON Feed has no date of its own: the feed changed when its newest item did */
	for (int i = 0; i < f->item_count; i++) {
		int64_t t = f->items[i].updated != TIME_UNKNOWN ? f->items[i].updated
		                                                : f->items[i].published;
		if (t != TIME_UNKNOWN && (f->updated == TIME_UNKNOWN || t > f->updated))
			f->updated = t;
	}
	json_object_put(root);
	return 0;
}
