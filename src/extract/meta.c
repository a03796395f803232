/* Page metadata: JSON-LD (schema.org Article and kin), <meta> tags (Open Graph, Dublin Core,
 * Twitter, Parse.ly) and the <title>, read before the page is cleaned. JSON-LD wins over
 * <meta>, which wins over what the document's own text suggests. */
#include "extract/dom.h"
#include "core/text.h"
#include "parse/feed.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LD_SCRIPT (2u << 20)

/* The <meta> keys we use, each in its order of preference. */
enum meta_key {
	MK_DC_TITLE,
	MK_DCTERM_TITLE,
	MK_OG_TITLE,
	MK_WEIBO_TITLE,
	MK_TITLE,
	MK_TWITTER_TITLE,
	MK_PARSELY_TITLE,
	MK_DC_CREATOR,
	MK_DCTERM_CREATOR,
	MK_AUTHOR,
	MK_PARSELY_AUTHOR,
	MK_ARTICLE_AUTHOR,
	MK_DC_DESCRIPTION,
	MK_DCTERM_DESCRIPTION,
	MK_OG_DESCRIPTION,
	MK_WEIBO_DESCRIPTION,
	MK_DESCRIPTION,
	MK_TWITTER_DESCRIPTION,
	MK_OG_SITE_NAME,
	MK_PUBLISHED_TIME,
	MK_PARSELY_PUB_DATE,
	MK_COUNT
};

static const struct {
	const char *name;
	enum meta_key key;
} meta_names[] = {
    {"dc:title", MK_DC_TITLE},
    {"dcterm:title", MK_DCTERM_TITLE},
    {"og:title", MK_OG_TITLE},
    {"weibo:article:title", MK_WEIBO_TITLE},
    {"weibo:webpage:title", MK_WEIBO_TITLE},
    {"title", MK_TITLE},
    {"twitter:title", MK_TWITTER_TITLE},
    {"parsely-title", MK_PARSELY_TITLE},
    {"dc:creator", MK_DC_CREATOR},
    {"dcterm:creator", MK_DCTERM_CREATOR},
    {"author", MK_AUTHOR},
    {"parsely-author", MK_PARSELY_AUTHOR},
    {"article:author", MK_ARTICLE_AUTHOR},
    {"dc:description", MK_DC_DESCRIPTION},
    {"dcterm:description", MK_DCTERM_DESCRIPTION},
    {"og:description", MK_OG_DESCRIPTION},
    {"weibo:article:description", MK_WEIBO_DESCRIPTION},
    {"weibo:webpage:description", MK_WEIBO_DESCRIPTION},
    {"description", MK_DESCRIPTION},
    {"twitter:description", MK_TWITTER_DESCRIPTION},
    {"og:site_name", MK_OG_SITE_NAME},
    {"article:published_time", MK_PUBLISHED_TIME},
    {"parsely-pub-date", MK_PARSELY_PUB_DATE},
};

struct meta_scan {
	char *values[MK_COUNT];
	char *property_values[MK_COUNT]; /* from property=: these win over name= */
	struct buf ld_scripts[8];
	int ld_count;
	char *title_text;
	char *h1_text;
	int h1_count;
	char *lang, *dir, *base_href, *canonical;
};

/* "DC.Title " -> "dc:title": lower case, no spaces, dots as colons. */
static char *normalise_meta_name(const char *s)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "");
	for (; *s; s++) {
		char c = *s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c == '.')
			c = ':';
		buf_putc(&b, c);
	}
	return buf_steal(&b);
}

/* Does the property name the key, alone or after a vocabulary prefix ("og:article:author")? */
static int property_names(const char *norm, const char *key)
{
	size_t n = strlen(norm), k = strlen(key);

	return n >= k && strcmp(norm + n - k, key) == 0 && (n == k || norm[n - k - 1] == ':');
}

static void set_meta_value(struct meta_scan *scan, const char *name, const char *content,
                           int is_property)
{
	char *norm = normalise_meta_name(name);
	char **table = is_property ? scan->property_values : scan->values;

	for (size_t i = 0; i < ARRAY_LEN(meta_names); i++) {
		int match = is_property && strchr(meta_names[i].name, ':')
		                ? property_names(norm, meta_names[i].name)
		                : strcmp(norm, meta_names[i].name) == 0;
		if (!match)
			continue;
		if (!table[meta_names[i].key]) {
			char *v = xstrdup(content);
			str_trim(v);
			table[meta_names[i].key] = v;
		}
		break;
	}
	free(norm);
}

static void scan_meta_element(struct meta_scan *scan, xmlNode *n)
{
	const char *content = dom_attr(n, "content");
	const char *property = dom_attr(n, "property");
	const char *name = dom_attr(n, "name");

	if (!content || !*content)
		return;
	if (property) {
		/* property may list several names separated by spaces */
		char *copy = xstrdup(property), *save = NULL;

		for (char *tok = strtok_r(copy, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save))
			set_meta_value(scan, tok, content, 1);
		free(copy);
	}
	if (name)
		set_meta_value(scan, name, content, 0);
	if (!property && !name && dom_attr(n, "itemprop")) {
		const char *ip = dom_attr(n, "itemprop");
		if (strcmp(ip, "datePublished") == 0 && !scan->values[MK_PUBLISHED_TIME])
			scan->values[MK_PUBLISHED_TIME] = xstrdup(content);
	}
}

static void scan_script(struct meta_scan *scan, xmlNode *n)
{
	const char *type = dom_attr(n, "type");
	struct buf *b;

	if (!type || str_casecmp_ascii(type, "application/ld+json") != 0)
		return;
	if (scan->ld_count >= (int)ARRAY_LEN(scan->ld_scripts))
		return;
	b = &scan->ld_scripts[scan->ld_count++];
	buf_init(b);
	buf_puts(b, "");
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->content && b->len < MAX_LD_SCRIPT)
			buf_puts(b, (const char *)c->content);
}

/* Is word one of the space-separated tokens of n's rel (HTML link types, any case)? */
static int has_rel(const xmlNode *n, const char *word)
{
	const char *rel = dom_attr(n, "rel");
	size_t len = strlen(word);

	while (rel && *rel) {
		size_t tok;
		while (*rel == ' ' || *rel == '\t' || *rel == '\n')
			rel++;
		tok = strcspn(rel, " \t\n");
		if (tok == len && str_ncasecmp_ascii(rel, word, len) == 0)
			return 1;
		rel += tok;
	}
	return 0;
}

static void scan_tree(struct meta_scan *scan, xmlNode *n)
{
	for (xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (dom_is(c, "meta")) {
			scan_meta_element(scan, c);
		} else if (dom_is(c, "script")) {
			scan_script(scan, c);
			continue;
		} else if (dom_is(c, "title")) {
			if (!scan->title_text)
				scan->title_text = dom_text(c);
			continue;
		} else if (dom_is(c, "h1")) {
			scan->h1_count++;
			if (!scan->h1_text)
				scan->h1_text = dom_text(c);
		} else if (dom_is(c, "base")) {
			if (!scan->base_href && dom_attr(c, "href"))
				scan->base_href = xstrdup(dom_attr(c, "href"));
		} else if (dom_is(c, "link")) {
			if (!scan->canonical && has_rel(c, "canonical") && dom_attr(c, "href") &&
			    !str_is_blank(dom_attr(c, "href")))
				scan->canonical = xstrdup(dom_attr(c, "href"));
		} else if (dom_is(c, "style")) {
			continue;
		}
		if (c->children)
			scan_tree(scan, c->children);
	}
}

/* ---- JSON-LD ---- */

static int is_article_type(const char *t)
{
	static const char *const types[] = {"Article",
	                                    "AdvertiserContentArticle",
	                                    "NewsArticle",
	                                    "AnalysisNewsArticle",
	                                    "AskPublicNewsArticle",
	                                    "BackgroundNewsArticle",
	                                    "OpinionNewsArticle",
	                                    "ReportageNewsArticle",
	                                    "ReviewNewsArticle",
	                                    "Report",
	                                    "SatiricalArticle",
	                                    "ScholarlyArticle",
	                                    "MedicalScholarlyArticle",
	                                    "SocialMediaPosting",
	                                    "BlogPosting",
	                                    "LiveBlogPosting",
	                                    "DiscussionForumPosting",
	                                    "TechArticle",
	                                    "APIReference",
	                                    NULL};

	for (int i = 0; types[i]; i++)
		if (strcmp(t, types[i]) == 0)
			return 1;
	return 0;
}

static int object_is_article(json_object *o)
{
	json_object *type;

	if (!json_object_object_get_ex(o, "@type", &type))
		return 0;
	if (json_object_is_type(type, json_type_string))
		return is_article_type(json_object_get_string(type));
	if (json_object_is_type(type, json_type_array))
		for (size_t i = 0; i < json_object_array_length(type); i++) {
			json_object *t = json_object_array_get_idx(type, i);
			if (json_object_is_type(t, json_type_string) &&
			    is_article_type(json_object_get_string(t)))
				return 1;
		}
	return 0;
}

/* The first article object in o, looking through arrays and @graph. */
static json_object *find_article(json_object *o, int depth)
{
	json_object *graph;

	if (!o || depth > 4)
		return NULL;
	if (json_object_is_type(o, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(o); i++) {
			json_object *found =
			    find_article(json_object_array_get_idx(o, i), depth + 1);
			if (found)
				return found;
		}
		return NULL;
	}
	if (!json_object_is_type(o, json_type_object))
		return NULL;
	if (object_is_article(o))
		return o;
	if (json_object_object_get_ex(o, "@graph", &graph))
		return find_article(graph, depth + 1);
	return NULL;
}

static const char *json_string_of(json_object *o, const char *key)
{
	json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* A name from a string, an object with "name", or an array of either, joined by ", ". */
static void append_names(json_object *v, struct buf *out, int depth)
{
	const char *name = NULL;

	if (!v || depth > 3)
		return;
	if (json_object_is_type(v, json_type_string))
		name = json_object_get_string(v);
	else if (json_object_is_type(v, json_type_object))
		name = json_string_of(v, "name");
	else if (json_object_is_type(v, json_type_array))
		for (size_t i = 0; i < json_object_array_length(v); i++)
			append_names(json_object_array_get_idx(v, i), out, depth + 1);
	if (name && !str_is_blank(name)) {
		if (out->len > 0)
			buf_puts(out, ", ");
		buf_puts(out, name);
	}
}

static char *clean_meta_string(const char *s)
{
	char *u, *t;

	if (!s)
		return NULL;
	u = html_unescape(s);
	t = text_sanitize_str(u, TEXT_COLLAPSE_SPACE);
	free(u);
	if (!*t) {
		free(t);
		return NULL;
	}
	return t;
}

struct ld_meta {
	char *title, *byline, *site_name, *excerpt, *published, *body;
	int is_article;
};

/* The share of the words of title that candidate also has (by bytes, roughly). */
static double title_likeness(const char *candidate, const char *title)
{
	char *copy = xstrdup(title), *save = NULL;
	size_t total = 0, shared = 0;

	for (char *w = strtok_r(copy, " \t\n|-:", &save); w;
	     w = strtok_r(NULL, " \t\n|-:", &save)) {
		total += strlen(w);
		if (strstr(candidate, w))
			shared += strlen(w);
	}
	free(copy);
	return total ? (double)shared / (double)total : 0;
}

static void ld_read_object(json_object *a, struct ld_meta *ld, const char *doc_title)
{
	const char *headline = json_string_of(a, "headline");
	const char *name = json_string_of(a, "name");
	json_object *v;
	struct buf names;

	ld->is_article = 1;
	/* Some sites put the site's name in "name" and the article's in "headline", others the
	 * other way round: take the one the document's <title> agrees with. */
	if (headline && name && strcmp(headline, name) != 0 && doc_title &&
	    title_likeness(name, doc_title) > title_likeness(headline, doc_title))
		ld->title = clean_meta_string(name);
	else
		ld->title = clean_meta_string(headline ? headline : name);
	buf_init(&names);
	buf_puts(&names, "");
	if (json_object_object_get_ex(a, "author", &v))
		append_names(v, &names, 0);
	ld->byline = clean_meta_string(names.data);
	buf_free(&names);
	if (json_object_object_get_ex(a, "publisher", &v) &&
	    json_object_is_type(v, json_type_object))
		ld->site_name = clean_meta_string(json_string_of(v, "name"));
	ld->excerpt = clean_meta_string(json_string_of(a, "description"));
	ld->published = clean_meta_string(json_string_of(a, "datePublished"));
	if (json_string_of(a, "articleBody"))
		ld->body = html_unescape(json_string_of(a, "articleBody"));
}

static void ld_read(struct meta_scan *scan, struct ld_meta *ld)
{
	for (int i = 0; i < scan->ld_count && !ld->is_article; i++) {
		struct buf *b = &scan->ld_scripts[i];
		json_tokener *tok = json_tokener_new_ex(64);
		json_object *root, *a;

		/* tolerate a CDATA wrapper some CMSs put around the JSON */
		char *start = b->data;
		while (*start == ' ' || *start == '\n' || *start == '\t' || *start == '\r')
			start++;
		if (str_starts_with(start, "<![CDATA["))
			start += 9;
		root = json_tokener_parse_ex(tok, start, (int)strlen(start));
		json_tokener_free(tok);
		if (!root)
			continue;
		a = find_article(root, 0);
		if (a)
			ld_read_object(a, ld, scan->title_text);
		json_object_put(root);
	}
}

/* ---- the <title> without the site's name ---- */

static int count_words(const char *s)
{
	int words = 0, in_word = 0;

	for (; *s; s++) {
		int space = *s == ' ' || *s == '\t' || *s == '\n';
		if (!space && !in_word)
			words++;
		in_word = !space;
	}
	return words;
}

/* Separators between an article's title and its site's name, in order of trust. */
static const char *const title_separators[] = {
    " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \\ ", " / ", " > ", " \xc2\xbb ", NULL};

static const char *find_last_separator(const char *t, size_t *sep_len)
{
	const char *last = NULL;

	for (int i = 0; title_separators[i]; i++) {
		const char *p = t, *found;
		while ((found = strstr(p, title_separators[i]))) {
			if (!last || found > last) {
				last = found;
				*sep_len = strlen(title_separators[i]);
			}
			p = found + 1;
		}
	}
	return last;
}

static const char *find_first_separator(const char *t, size_t *sep_len)
{
	const char *first = NULL;

	for (int i = 0; title_separators[i]; i++) {
		const char *found = strstr(t, title_separators[i]);
		if (found && (!first || found < first)) {
			first = found;
			*sep_len = strlen(title_separators[i]);
		}
	}
	return first;
}

static int words_without_separators(const char *t)
{
	int words = count_words(t);

	for (int i = 0; title_separators[i]; i++)
		for (const char *p = t; (p = strstr(p, title_separators[i])); p++)
			words--;
	return words;
}

static int heading_equals(xmlDoc *doc, const char *text)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	int found = 0;

	for (const char *tag = "h1"; tag && !found; tag = strcmp(tag, "h1") == 0 ? "h2" : NULL) {
		xmlNode *h = dom_find(root, tag);
		/* only the first of each kind: a cheap approximation of "any heading" */
		if (h) {
			char *t = dom_text(h);
			found = strcmp(t, text) == 0;
			free(t);
		}
	}
	return found;
}

/* The document's <title>, with the site's name cut off when it looks like "Article | Site"
 * or "Site: Article". */
static char *title_from_document(xmlDoc *doc, const struct meta_scan *scan)
{
	const char *orig = scan->title_text ? scan->title_text : "";
	char *t = xstrdup(orig);
	size_t sep_len = 0;
	const char *sep;
	int had_separator = 0;

	if ((sep = find_last_separator(orig, &sep_len))) {
		/* only "a / b", "a > b", "a \\ b" and "a » b" read as a path of sections */
		had_separator = strstr(orig, " / ") || strstr(orig, " > ") ||
		                strstr(orig, " \\ ") || strstr(orig, " \xc2\xbb ");
		free(t);
		t = xstrndup(orig, (size_t)(sep - orig));
		if (count_words(t) < 3) {
			sep = find_first_separator(orig, &sep_len);
			free(t);
			t = xstrdup(sep + sep_len);
		}
	} else if (strstr(orig, ": ")) {
		if (!heading_equals(doc, orig)) {
			const char *last = orig, *p;
			while ((p = strstr(last, ": ")))
				last = p + 2;
			free(t);
			t = xstrdup(last);
			if (count_words(t) < 3) {
				free(t);
				t = xstrdup(strstr(orig, ": ") + 2);
			} else if (count_words(orig) - count_words(t) > 5) {
				/* a long text before the colon is part of the title */
				free(t);
				t = xstrdup(orig);
			}
		}
	} else if ((strlen(orig) > 150 || strlen(orig) < 15) && scan->h1_count == 1) {
		free(t);
		t = xstrdup(scan->h1_text);
	}
	str_trim(t);
	if (count_words(t) <= 4 &&
	    (!had_separator || count_words(t) != words_without_separators(orig) - 1)) {
		free(t);
		t = xstrdup(orig);
	}
	return t;
}

static char *first_of(struct meta_scan *scan, const enum meta_key *keys, int n)
{
	for (int i = 0; i < n; i++)
		if (scan->values[keys[i]] && !str_is_blank(scan->values[keys[i]]))
			return clean_meta_string(scan->values[keys[i]]);
	return NULL;
}

static int looks_like_url(const char *s)
{
	return str_starts_with(s, "http://") || str_starts_with(s, "https://") ||
	       str_starts_with(s, "//");
}

static char *direction_of(const xmlNode *n)
{
	const char *d = n ? dom_attr(n, "dir") : NULL;

	if (d && str_casecmp_ascii(d, "rtl") == 0)
		return xstrdup("rtl");
	if (d && str_casecmp_ascii(d, "ltr") == 0)
		return xstrdup("ltr");
	return NULL;
}

void page_meta_read(xmlDoc *doc, struct page_meta *m)
{
	static const enum meta_key title_keys[] = {
	    MK_DC_TITLE, MK_DCTERM_TITLE,  MK_OG_TITLE,     MK_WEIBO_TITLE,
	    MK_TITLE,    MK_TWITTER_TITLE, MK_PARSELY_TITLE};
	static const enum meta_key byline_keys[] = {MK_DC_CREATOR, MK_DCTERM_CREATOR, MK_AUTHOR,
	                                            MK_PARSELY_AUTHOR};
	static const enum meta_key excerpt_keys[] = {MK_DC_DESCRIPTION, MK_DCTERM_DESCRIPTION,
	                                             MK_OG_DESCRIPTION, MK_WEIBO_DESCRIPTION,
	                                             MK_DESCRIPTION,    MK_TWITTER_DESCRIPTION};
	static const enum meta_key date_keys[] = {MK_PUBLISHED_TIME, MK_PARSELY_PUB_DATE};
	struct meta_scan scan;
	struct ld_meta ld;
	xmlNode *root = xmlDocGetRootElement(doc);
	char *doc_title;

	memset(m, 0, sizeof(*m));
	memset(&scan, 0, sizeof(scan));
	memset(&ld, 0, sizeof(ld));
	if (!root)
		return;
	scan_tree(&scan, root);
	for (int i = 0; i < MK_COUNT; i++)
		if (scan.property_values[i]) {
			free(scan.values[i]);
			scan.values[i] = scan.property_values[i];
			scan.property_values[i] = NULL;
		}
	ld_read(&scan, &ld);

	doc_title = title_from_document(doc, &scan);
	m->raw_title = clean_meta_string(scan.title_text);
	m->title =
	    ld.title ? xstrdup(ld.title) : first_of(&scan, title_keys, ARRAY_LEN(title_keys));
	if (!m->title)
		m->title = clean_meta_string(doc_title);
	free(doc_title);

	m->byline =
	    ld.byline ? xstrdup(ld.byline) : first_of(&scan, byline_keys, ARRAY_LEN(byline_keys));
	if (!m->byline && scan.values[MK_ARTICLE_AUTHOR] &&
	    !looks_like_url(scan.values[MK_ARTICLE_AUTHOR]))
		m->byline = clean_meta_string(scan.values[MK_ARTICLE_AUTHOR]);
	m->site_name =
	    ld.site_name ? xstrdup(ld.site_name) : clean_meta_string(scan.values[MK_OG_SITE_NAME]);
	m->excerpt = ld.excerpt ? xstrdup(ld.excerpt)
	                        : first_of(&scan, excerpt_keys, ARRAY_LEN(excerpt_keys));
	m->published_text =
	    ld.published ? xstrdup(ld.published) : first_of(&scan, date_keys, ARRAY_LEN(date_keys));
	m->ld_body = ld.body;
	m->ld_is_article = ld.is_article;

	if (dom_attr(root, "lang") && !str_is_blank(dom_attr(root, "lang")))
		m->lang = clean_meta_string(dom_attr(root, "lang"));
	/* the direction is written on <html>, or on <body> (HTML: dir applies to the element
	 * and what it holds) */
	m->dir = direction_of(root);
	if (!m->dir)
		m->dir = direction_of(dom_find(root, "body"));
	m->base_href = scan.base_href;
	m->canonical = scan.canonical;

	free(ld.title);
	free(ld.byline);
	free(ld.site_name);
	free(ld.excerpt);
	free(ld.published);
	for (int i = 0; i < MK_COUNT; i++) {
		free(scan.values[i]);
		free(scan.property_values[i]);
	}
	for (int i = 0; i < scan.ld_count; i++)
		buf_free(&scan.ld_scripts[i]);
	free(scan.title_text);
	free(scan.h1_text);
}

void page_meta_free(struct page_meta *m)
{
	free(m->canonical);
	free(m->title);
	free(m->raw_title);
	free(m->byline);
	free(m->site_name);
	free(m->excerpt);
	free(m->lang);
	free(m->dir);
	free(m->published_text);
	free(m->base_href);
	free(m->ld_body);
	memset(m, 0, sizeof(*m));
}

/* ---- small text helpers ---- */

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *html_unescape(const char *s)
{
	static const struct {
		const char *name;
		const char *utf8;
	} named[] = {{"amp;", "&"},
	             {"lt;", "<"},
	             {"gt;", ">"},
	             {"quot;", "\""},
	             {"apos;", "'"},
	             {"nbsp;", "\xc2\xa0"},
	             {"#39;", "'"},
	             {"hellip;", "\xe2\x80\xa6"},
	             {"mdash;", "\xe2\x80\x94"},
	             {"ndash;", "\xe2\x80\x93"},
	             {"rsquo;", "\xe2\x80\x99"},
	             {"lsquo;", "\xe2\x80\x98"},
	             {"rdquo;", "\xe2\x80\x9d"},
	             {"ldquo;", "\xe2\x80\x9c"}};
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "");
	while (*s) {
		size_t i;

		if (*s != '&') {
			buf_putc(&b, *s++);
			continue;
		}
		for (i = 0; i < ARRAY_LEN(named); i++)
			if (strncmp(s + 1, named[i].name, strlen(named[i].name)) == 0)
				break;
		if (i < ARRAY_LEN(named)) {
			buf_puts(&b, named[i].utf8);
			s += 1 + strlen(named[i].name);
			continue;
		}
		if (s[1] == '#') {
			const char *p = s + 2;
			int hex = (*p == 'x' || *p == 'X');
			unsigned long cp = 0;
			int digits = 0;

			if (hex)
				p++;
			for (; *p && digits < 8; p++, digits++) {
				int d =
				    hex ? hex_value(*p) : (*p >= '0' && *p <= '9' ? *p - '0' : -1);
				if (d < 0)
					break;
				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
			}
			if (digits > 0 && *p == ';') {
				char enc[4];
				if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
					cp = UNICODE_REPLACEMENT;
				buf_append(&b, enc, utf8_encode((uint32_t)cp, enc));
				s = p + 1;
				continue;
			}
		}
		buf_putc(&b, *s++);
	}
	return buf_steal(&b);
}
