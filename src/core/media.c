/* Enclosures read back from the cache's JSON column, and described. */
#include "core/media.h"
#include "core/util.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *json_string_or_null(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return xstrdup(json_object_get_string(v));
}

static int64_t json_int_or(json_object *o, const char *key, int64_t fallback)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_int))
		return fallback;
	return json_object_get_int64(v);
}

int media_list(const char *enclosures_json, struct media **out)
{
	json_object *a = enclosures_json ? json_tokener_parse(enclosures_json) : NULL;
	size_t n;
	int count = 0;

	*out = NULL;
	if (!a || !json_object_is_type(a, json_type_array)) {
		json_object_put(a);
		return 0;
	}
	n = json_object_array_length(a);
	if (n > MEDIA_MAX)
		n = MEDIA_MAX;
	if (n > 0)
		*out = xcalloc(n, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(a, i);
		struct media *m = &(*out)[count];
		if (!json_object_is_type(o, json_type_object))
			continue;
		m->url = json_string_or_null(o, "url");
		if (!m->url || !*m->url) {
			free(m->url);
			m->url = NULL;
			continue;
		}
		m->type = json_string_or_null(o, "type");
		m->length = json_int_or(o, "length", -1);
		m->duration = json_int_or(o, "duration", 0);
		if (m->length < 0)
			m->length = -1;
		if (m->duration < 0)
			m->duration = 0;
		count++;
	}
	json_object_put(a);
	if (count == 0) {
		free(*out);
		*out = NULL;
	}
	return count;
}

void media_list_free(struct media *list, int count)
{
	for (int i = 0; i < count; i++) {
		free(list[i].url);
		free(list[i].type);
	}
	free(list);
}

void format_bytes(int64_t bytes, char *out, size_t size)
{
	static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
	double v = (double)bytes;
	int u = -1;

	if (bytes < 1024) {
		snprintf(out, size, "%lld B", (long long)(bytes < 0 ? 0 : bytes));
		return;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	snprintf(out, size, "%.1f %s", v, units[u]);
}

void format_duration(int64_t seconds, char *out, size_t size)
{
	long long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;

	if (h > 0)
		snprintf(out, size, "%lld:%02lld:%02lld", h, m, s);
	else
		snprintf(out, size, "%lld:%02lld", m, s);
}

char *media_details(const struct media *m)
{
	struct buf b;
	char tmp[32];

	buf_init(&b);
	if (m->type && *m->type)
		buf_puts(&b, m->type);
	if (m->length > 0) {
		format_bytes(m->length, tmp, sizeof(tmp));
		buf_printf(&b, "%s%s", b.len ? ", " : "", tmp);
	}
	if (m->duration > 0) {
		format_duration(m->duration, tmp, sizeof(tmp));
		buf_printf(&b, "%s%s", b.len ? ", " : "", tmp);
	}
	return b.data ? buf_steal(&b) : xstrdup("");
}

char *media_line(const struct media *m)
{
	char *details = media_details(m), *line;

	line = *details ? xasprintf("%s (%s)", m->url, details) : xstrdup(m->url);
	free(details);
	return line;
}

int media_lines(const char *enclosures_json, char ***lines)
{
	struct media *list;
	int n = media_list(enclosures_json, &list);

	*lines = n > 0 ? xcalloc((size_t)n, sizeof(**lines)) : NULL;
	for (int i = 0; i < n; i++)
		(*lines)[i] = media_line(&list[i]);
	media_list_free(list, n);
	return n;
}

void media_lines_free(char **lines, int count)
{
	for (int i = 0; i < count; i++)
		free(lines[i]);
	free(lines);
}
