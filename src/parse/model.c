/* The parsed feed model: building it, normalising it once all parsers are done, freeing it. */
#include "core/text.h"
#include "core/util.h"
#include "parse/clean.h"
#include "parse/feed.h"
#include "parse/internal.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void item_free(struct parsed_item *it);

void builder_init(struct feed_builder *b, const char *doc_url)
{
	memset(b, 0, sizeof(*b));
	b->feed = xcalloc(1, sizeof(*b->feed));
	b->feed->updated = TIME_UNKNOWN;
	b->doc_url = doc_url;
}

void node_drop(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

struct parsed_item *builder_add_item(struct feed_builder *b)
{
	struct parsed_feed *f = b->feed;
	struct parsed_item *it;

	if (b->max_items > 0 && f->item_count >= b->max_items) {
		b->skipped++;
		item_free(&b->spill);
		it = &b->spill;
		memset(it, 0, sizeof(*it));
		it->published = TIME_UNKNOWN;
		it->updated = TIME_UNKNOWN;
		return it;
	}
	if (f->item_count == b->item_cap) {
		b->item_cap = b->item_cap ? b->item_cap * 2 : 16;
		f->items = xrealloc(f->items, sizeof(*f->items) * (size_t)b->item_cap);
	}
	it = &f->items[f->item_count++];
	memset(it, 0, sizeof(*it));
	it->published = TIME_UNKNOWN;
	it->updated = TIME_UNKNOWN;
	return it;
}

void builder_drop_spill(struct feed_builder *b)
{
	item_free(&b->spill);
	memset(&b->spill, 0, sizeof(b->spill));
}

void set_once(char **field, char *value)
{
	if (!*field && value)
		*field = value;
	else
		free(value);
}

void set_replace(char **field, char *value)
{
	if (value) {
		free(*field);
		*field = value;
	}
}

void item_add_category(struct parsed_item *it, const char *name)
{
	char *clean;

	if (!name)
		return;
	clean = clean_title(name);
	if (!*clean) {
		free(clean);
		return;
	}
	for (int i = 0; i < it->category_count; i++)
		if (strcmp(it->categories[i], clean) == 0) {
			free(clean);
			return;
		}
	it->categories =
	    xrealloc(it->categories, sizeof(char *) * (size_t)(it->category_count + 1));
	it->categories[it->category_count++] = clean;
}

static int64_t parse_length(const char *s)
{
	char *end;
	long long v;

	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtoll(s, &end, 10);
	return v >= 0 ? (int64_t)v : -1;
}

void item_add_enclosure(struct parsed_item *it, const char *url, const char *type,
                        const char *length)
{
	struct enclosure *e;

	if (!url || !*url)
		return;
	for (int i = 0; i < it->enclosure_count; i++)
		if (strcmp(it->enclosures[i].url, url) == 0) {
			e = &it->enclosures[i];
			if (!e->type && type && *type)
				e->type = xstrdup(type);
			if (e->length < 0)
				e->length = parse_length(length);
			return;
		}
	it->enclosures =
	    xrealloc(it->enclosures, sizeof(*it->enclosures) * (size_t)(it->enclosure_count + 1));
	e = &it->enclosures[it->enclosure_count++];
	e->url = xstrdup(url);
	e->type = type && *type ? xstrdup(type) : NULL;
	e->length = parse_length(length);
}

/* Markup in an author ("<p>Name</p>"), as opposed to "Name <email@host>". */
static int has_markup(const char *s)
{
	for (const char *lt = strchr(s, '<'); lt; lt = strchr(lt + 1, '<')) {
		const char *gt = strchr(lt, '>');
		if (!gt)
			return 0;
		if ((isalpha((unsigned char)lt[1]) || lt[1] == '/') &&
		    !memchr(lt, '@', (size_t)(gt - lt)))
			return 1;
	}
	return 0;
}

char *author_display(const char *s)
{
	char *copy, *t, *open, *close, *out;

	if (!s)
		return NULL;
	copy = has_markup(s) ? clean_html_to_plain(s) : xstrdup(s);
	t = str_trim(copy);
	out = NULL;
	if ((open = strchr(t, '(')) && (close = strrchr(t, ')')) && close > open) {
		/* "email (Name)" or "Name (email)" */
		char *inner = xstrndup(open + 1, (size_t)(close - open - 1));
		*open = '\0';
		str_trim(t);
		str_trim(inner);
		if (*inner && !strchr(inner, '@'))
			out = xstrdup(str_trim(inner));
		else if (*t && !strchr(t, '@'))
			out = xstrdup(t);
		else
			out = xstrdup(*t ? t : str_trim(inner));
		free(inner);
	} else if ((open = strchr(t, '<')) && (close = strchr(open, '>'))) {
		/* "Name <email>" */
		*open = '\0';
		str_trim(t);
		if (*t)
			out = xstrdup(t);
		else
			out = xstrndup(open + 1, (size_t)(close - open - 1));
	} else if (*t) {
		out = xstrdup(t);
	}
	free(copy);
	if (out && !*str_trim(out)) {
		free(out);
		out = NULL;
	}
	return out;
}

char *html_escape(const char *s)
{
	struct buf b;

	if (!s)
		return NULL;
	buf_init(&b);
	buf_put_xml_escaped(&b, s, 0);
	return buf_steal(&b);
}

static int is_blank_line(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

char *text_to_html(const char *s)
{
	struct buf b;
	int in_paragraph = 0;

	if (!s)
		return NULL;
	if (!strchr(s, '\n'))
		return html_escape(s); /* one line: no paragraph around it */
	buf_init(&b);
	for (const char *p = s; *p;) {
		size_t len = strcspn(p, "\n");
		if (is_blank_line(p, len)) {
			if (in_paragraph)
				buf_puts(&b, "</p>\n");
			in_paragraph = 0;
		} else {
			char *line = xstrndup(p, len);
			if (line[len > 0 ? len - 1 : 0] == '\r')
				line[len - 1] = '\0';
			buf_puts(&b, in_paragraph ? "<br>\n" : "<p>");
			buf_put_xml_escaped(&b, line, 0);
			free(line);
			in_paragraph = 1;
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	if (in_paragraph)
		buf_puts(&b, "</p>");
	return buf_steal(&b);
}

static int base64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

char *base64_decode(const char *s)
{
	struct buf b;
	uint32_t acc = 0;
	int bits = 0;

	buf_init(&b);
	for (; *s; s++) {
		int v;
		if (isspace((unsigned char)*s))
			continue;
		if (*s == '=')
			break;
		if ((v = base64_value((unsigned char)*s)) < 0) {
			buf_free(&b);
			return NULL;
		}
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(&b, (char)((acc >> bits) & 0xFF));
		}
	}
	if (!b.data)
		buf_puts(&b, "");
	return buf_steal(&b);
}

/* Two independent 64-bit FNV-1a hashes over the parts: 128 bits, so that two different
 * items never meet by accident. */
struct hash128 {
	uint64_t a, b;
};

static void hash_part(struct hash128 *h, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	for (; *p; p++) {
		h->a = (h->a ^ *p) * 0x100000001b3ull;
		h->b = (h->b ^ *p) * 0x100000001b3ull;
		h->b ^= h->b >> 29;
	}
	/* a separator, so that ("ab", "c") and ("a", "bc") differ */
	h->a = (h->a ^ 0xFF) * 0x100000001b3ull;
	h->b = (h->b ^ 0xFF) * 0x100000001b3ull;
}

static char *hash_id(const char *prefix, const struct parsed_item *it)
{
	struct hash128 h = {0xcbf29ce484222325ull, 0x84222325cbf29ce4ull};

	hash_part(&h, prefix);
	hash_part(&h, it->title);
	hash_part(&h, it->link);
	hash_part(&h, it->content ? it->content : it->summary);
	hash_part(&h, it->enclosure_count ? it->enclosures[0].url : NULL);
	return xasprintf("%s%s%016llx%016llx", prefix ? prefix : "hash:", prefix ? "#" : "",
	                 (unsigned long long)h.a, (unsigned long long)h.b);
}

static void clean_field(char **field, int flags)
{
	char *clean;

	if (!*field)
		return;
	clean = text_sanitize_str(*field, flags);
	free(*field);
	*field = *clean ? clean : (free(clean), NULL);
}

static int is_body_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* HTML bodies: the sanitiser keeping newlines (valid UTF-8, no terminal controls, markup
 * kept), trimmed. Most bodies are clean: those are kept as they are, without a copy. */
static void clean_body(char **field)
{
	size_t start = 0, len;
	char *s = *field;

	if (!s)
		return;
	len = strlen(s);
	if (text_clean_span(s, len, TEXT_KEEP_NEWLINES) != len) {
		s = text_sanitize(s, len, TEXT_KEEP_NEWLINES);
		free(*field);
		*field = s;
		len = strlen(s);
	}
	while (start < len && is_body_space(s[start]))
		start++;
	while (len > start && is_body_space(s[len - 1]))
		len--;
	if (len == start) {
		free(s);
		*field = NULL;
		return;
	}
	if (start)
		memmove(s, s + start, len - start);
	s[len - start] = '\0';
}

static void item_clean(struct parsed_item *it)
{
	clean_field(&it->id, TEXT_COLLAPSE_SPACE);
	clean_field(&it->title, TEXT_COLLAPSE_SPACE);
	clean_field(&it->link, TEXT_COLLAPSE_SPACE);
	clean_field(&it->author, TEXT_COLLAPSE_SPACE);
	clean_field(&it->image, TEXT_COLLAPSE_SPACE);
	clean_body(&it->summary);
	clean_body(&it->content);
	for (int i = 0; i < it->enclosure_count; i++) {
		clean_field(&it->enclosures[i].url, TEXT_COLLAPSE_SPACE);
		clean_field(&it->enclosures[i].type, TEXT_COLLAPSE_SPACE);
		if (!it->enclosures[i].url)
			it->enclosures[i].url = xstrdup("");
	}
}

/* A set of the ids given out so far in one document (open addressing on a hash). */
struct id_set {
	const char **slots;
	size_t cap;
};

static uint64_t str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

/* Adds id; returns 0 when it was there already. */
static int id_set_add(struct id_set *set, const char *id)
{
	size_t i = (size_t)str_hash(id) & (set->cap - 1);
	while (set->slots[i]) {
		if (strcmp(set->slots[i], id) == 0)
			return 0;
		i = (i + 1) & (set->cap - 1);
	}
	set->slots[i] = id;
	return 1;
}

/* The id: guid/id as given, else the link, else a hash of the item. An id that an earlier
 * item of this document already has gets the hash of this item added, so two different
 * items (feeds that give every item the site's URL as guid) stay two. */
static void assign_ids(struct parsed_feed *f)
{
	struct id_set set;

	set.cap = 16;
	while (set.cap < (size_t)f->item_count * 2)
		set.cap *= 2;
	set.slots = xcalloc(set.cap, sizeof(*set.slots));
	for (int i = 0; i < f->item_count; i++) {
		struct parsed_item *it = &f->items[i];
		if (!it->id && it->link)
			it->id = xstrdup(it->link);
		if (!it->id)
			it->id = hash_id(NULL, it);
		if (!id_set_add(&set, it->id)) {
			char *unique = hash_id(it->id, it);
			free(it->id);
			it->id = unique;
			id_set_add(&set, it->id); /* a true duplicate item stays a duplicate */
		}
	}
	free(set.slots);
}

/* A language tag as BCP 47 writes it: "en_US" (a POSIX locale's spelling, common in feeds)
 * is "en-US". */
static void normalise_language(char *lang)
{
	for (char *p = lang; p && *p; p++)
		if (*p == '_')
			*p = '-';
}

void feed_finish(struct parsed_feed *f)
{
	clean_field(&f->title, TEXT_COLLAPSE_SPACE);
	clean_field(&f->link, TEXT_COLLAPSE_SPACE);
	clean_body(&f->description);
	clean_field(&f->language, TEXT_COLLAPSE_SPACE);
	normalise_language(f->language);
	clean_field(&f->author, TEXT_COLLAPSE_SPACE);
	clean_field(&f->warning, TEXT_COLLAPSE_SPACE);
	for (int i = 0; i < f->item_count; i++)
		item_clean(&f->items[i]);
	assign_ids(f);
}

static void item_free(struct parsed_item *it)
{
	free(it->id);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	free(it->image);
	for (int i = 0; i < it->category_count; i++)
		free(it->categories[i]);
	free(it->categories);
	for (int i = 0; i < it->enclosure_count; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
}

void parsed_feed_free(struct parsed_feed *f)
{
	if (!f)
		return;
	free(f->title);
	free(f->link);
	free(f->description);
	free(f->language);
	free(f->author);
	for (int i = 0; i < f->item_count; i++)
		item_free(&f->items[i]);
	free(f->items);
	free(f->warning);
	free(f);
}
