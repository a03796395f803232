#include "config/opml.h"
#include "core/text.h"
#include "core/util.h"
#include "core/xmlent.h"

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OPML_MAX_URL 8192
/* libxml2 refuses documents nested deeper than 256 levels; this bounds our own recursion
 * even if that limit changes. */
#define OPML_MAX_DEPTH 300

/* ---------- reading ---------- */

struct parse_state {
	char *first_error;   /* the first message libxml2 reported, "line N: ..." */
	int entity_declared; /* the document declared an entity: refused */
};

struct walk {
	struct opml_doc *doc;
	xmlHashTablePtr seen; /* URL -> index + 1 into doc->feeds */
	const char *folders[OPML_MAX_FOLDER_DEPTH];
	int folder_count;
};

/* libxml2 errors go here instead of stderr: we keep the first one for the user. */
static void collect_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = user;
	struct parse_state *st = ctxt ? ctxt->_private : NULL;

	if (!st || !e || st->first_error || e->level < XML_ERR_ERROR)
		return;
	st->first_error = xasprintf("line %d: %s", e->line, e->message ? e->message : "error");
	/* libxml2's messages end with a newline */
	st->first_error[strcspn(st->first_error, "\r\n")] = '\0';
}

/* Entities are how billion-laughs and external-entity attacks start; OPML never needs one. */
static void refuse_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *public_id,
                               const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = user;
	struct parse_state *st = ctxt->_private;

	st->entity_declared = 1;
	xmlStopParser(ctxt);
}

static xmlEntityPtr no_entity(void *ctx, const xmlChar *name)
{
	(void)ctx, (void)name;
	return NULL;
}

static xmlParserInputPtr no_resolved_entity(void *ctx, const xmlChar *public_id,
                                            const xmlChar *system_id)
{
	(void)ctx, (void)public_id, (void)system_id;
	return NULL;
}

static xmlParserInputPtr refuse_external_entity(const char *url, const char *id,
                                                xmlParserCtxtPtr ctxt)
{
	return NULL;
}

static void strv_push(char ***v, int *n, char *s)
{
	*v = xrealloc(*v, sizeof(**v) * (size_t)(*n + 1));
	(*v)[(*n)++] = s;
}

static int strv_has(char *const *v, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* An attribute as one clean line of text, or NULL when missing or blank. */
/* The attribute whose name is `name` in any case (exporters write xmlUrl, xmlurl, xmlURL). */
static xmlAttrPtr attr_any_case(xmlNodePtr node, const char *name)
{
	for (xmlAttrPtr a = node->properties; a; a = a->next)
		if (!a->ns && str_casecmp_ascii((const char *)a->name, name) == 0)
			return a;
	return NULL;
}

static char *attr_text(xmlNodePtr node, const char *name)
{
	xmlAttrPtr attr = attr_any_case(node, name);
	xmlChar *raw = attr ? xmlNodeListGetString(node->doc, attr->children, 1) : NULL;
	char *clean;

	if (!raw)
		return NULL;
	clean = text_sanitize_str((const char *)raw, TEXT_COLLAPSE_SPACE);
	xmlFree(raw);
	if (clean[0] == '\0') {
		free(clean);
		return NULL;
	}
	return clean;
}

/* A folder or category name as a feeds-file tag: a leading '~' or '+' would read back as a
 * title or an option, so those characters are dropped; so is a leading '/', and a ',' becomes
 * a space, because export writes further tags into the category attribute, where both are
 * separators: a tag must read back as itself. NULL when nothing is left. */
static char *tag_from(const char *name, size_t len)
{
	char *raw, *tag;

	while (len > 0 && (*name == '~' || *name == '+' || *name == ' ' || *name == '/')) {
		name++;
		len--;
	}
	while (len > 0 && name[len - 1] == ' ')
		len--;
	if (!len)
		return NULL;
	raw = xstrndup(name, len);
	for (char *c = raw; *c; c++)
		if (*c == ',')
			*c = ' ';
	/* White space folded the way export writes it. */
	tag = text_sanitize_str(raw, TEXT_COLLAPSE_SPACE);
	free(raw);
	if (!*tag) {
		free(tag);
		return NULL;
	}
	return tag;
}

static void add_tag(struct opml_feed *f, char *tag)
{
	if (!tag)
		return;
	if (strv_has(f->tags, f->tag_count, tag))
		free(tag);
	else
		strv_push(&f->tags, &f->tag_count, tag);
}

/* category="/News/Tech,/Work": each entry, without its leading slash, is one tag. */
static void add_categories(struct opml_feed *f, const char *categories)
{
	const char *p = categories;

	while (p && *p) {
		size_t len = strcspn(p, ",");
		const char *start = p;
		while (len > 0 && (*start == '/' || *start == ' ')) {
			start++;
			len--;
		}
		add_tag(f, tag_from(start, len));
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
}

const char *opml_url_refusal(const char *url)
{
	const char *host;

	if (str_ncasecmp_ascii(url, "http://", 7) == 0)
		host = url + 7;
	else if (str_ncasecmp_ascii(url, "https://", 8) == 0)
		host = url + 8;
	else
		return "only http and https feeds are imported";
	if (strlen(url) > OPML_MAX_URL)
		return "URL too long";
	if (strcspn(host, "/?#:") == 0 || host[0] == '@')
		return "URL without a host";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || strchr("\"<>\\^`{|}", *p))
			return "URL with spaces or characters that are not allowed";
	return NULL;
}

static void refuse(struct opml_doc *doc, const char *url, const char *why)
{
	strv_push(&doc->refused, &doc->refused_count, xasprintf("%s: %s", url, why));
}

static void add_feed(struct walk *w, xmlNodePtr node, char *url)
{
	struct opml_doc *doc = w->doc;
	const char *why = opml_url_refusal(url);
	intptr_t seen;
	struct opml_feed *f;
	char *text, *categories;

	if (why) {
		refuse(doc, url, why);
		free(url);
		return;
	}
	seen = (intptr_t)xmlHashLookup(w->seen, (const xmlChar *)url);
	if (seen) {
		doc->duplicates++;
		f = &doc->feeds[seen - 1];
		free(url);
	} else {
		doc->feeds =
		    xrealloc(doc->feeds, sizeof(*doc->feeds) * (size_t)(doc->feed_count + 1));
		f = &doc->feeds[doc->feed_count++];
		memset(f, 0, sizeof(*f));
		f->url = url;
		f->title = attr_text(node, "title");
		text = attr_text(node, "text");
		if (!f->title && text && strcmp(text, url) != 0)
			f->title = text;
		else
			free(text);
		xmlHashAddEntry(w->seen, (const xmlChar *)url, (void *)(intptr_t)doc->feed_count);
	}
	for (int i = 0; i < w->folder_count; i++)
		add_tag(f, tag_from(w->folders[i], strlen(w->folders[i])));
	text = attr_text(node, OPML_FULL_TEXT_ATTR);
	if (text && strcmp(text, "true") == 0)
		f->full_text = 1;
	free(text);
	categories = attr_text(node, "category");
	add_categories(f, categories);
	free(categories);
}

static int is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* An outline's feed URL: xmlUrl, else url= (which newsboat reads as one too) unless the
 * outline says it is a link to a page or another OPML file; those are refused, so that they
 * are counted. NULL when the outline has no URL (a folder) or was refused. */
static char *feed_url_of(struct walk *w, xmlNodePtr n)
{
	char *url = attr_text(n, "xmlUrl"), *type;

	if (url || !(url = attr_text(n, "url")))
		return url;
	type = attr_text(n, "type");
	if (type &&
	    (str_casecmp_ascii(type, "link") == 0 || str_casecmp_ascii(type, "include") == 0)) {
		char *why = xasprintf("an outline of type \"%s\" names %s, not a feed", type,
		                      str_casecmp_ascii(type, "link") == 0 ? "a web page"
		                                                           : "another OPML file");
		refuse(w->doc, url, why);
		free(why);
		free(url);
		url = NULL;
	}
	free(type);
	return url;
}

static void walk_outlines(struct walk *w, xmlNodePtr parent, int depth)
{
	if (depth > OPML_MAX_DEPTH)
		return;
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		char *url, *folder;

		if (!is_element(n, "outline"))
			continue;
		url = feed_url_of(w, n);
		if (url) {
			add_feed(w, n, url);
			walk_outlines(w, n, depth + 1);
			continue;
		}
		folder = attr_text(n, "title");
		if (!folder)
			folder = attr_text(n, "text");
		if (folder && w->folder_count < OPML_MAX_FOLDER_DEPTH) {
			w->folders[w->folder_count++] = folder;
			walk_outlines(w, n, depth + 1);
			w->folder_count--;
		} else {
			walk_outlines(w, n, depth + 1);
		}
		free(folder);
	}
}

static void read_head(struct opml_doc *doc, xmlNodePtr head)
{
	for (xmlNodePtr n = head->children; n; n = n->next) {
		if (is_element(n, "title") && !doc->title) {
			xmlChar *t = xmlNodeGetContent(n);
			if (t) {
				doc->title =
				    text_sanitize_str((const char *)t, TEXT_COLLAPSE_SPACE);
				xmlFree(t);
			}
		}
	}
}

static int read_opml(xmlDocPtr xdoc, struct opml_doc *doc, char **err)
{
	xmlNodePtr root = xmlDocGetRootElement(xdoc);
	struct walk w = {.doc = doc};
	int has_body = 0;

	if (!root || !is_element(root, "opml")) {
		*err = xstrdup("not an OPML document (the root element is not <opml>)");
		return -1;
	}
	w.seen = xmlHashCreate(64);
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (is_element(n, "head"))
			read_head(doc, n);
		else if (is_element(n, "body")) {
			has_body = 1;
			walk_outlines(&w, n, 0);
		}
	}
	xmlHashFree(w.seen, NULL);
	if (!has_body) {
		*err = xstrdup("not an OPML document (no <body>)");
		return -1;
	}
	return 0;
}

int opml_parse(const char *data, size_t len, struct opml_doc *doc, char **err)
{
	xmlExternalEntityLoader previous_loader = xmlGetExternalEntityLoader();
	struct parse_state st = {0};
	xmlParserCtxtPtr ctxt;
	xmlDocPtr xdoc = NULL;
	char *numeric;
	size_t numeric_len = 0;
	int rc = -1;

	memset(doc, 0, sizeof(*doc));
	*err = NULL;
	if (len > OPML_MAX_SIZE) {
		*err = xasprintf("OPML document larger than %u MiB", OPML_MAX_SIZE >> 20);
		return -1;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		*err = xstrdup("out of memory");
		return -1;
	}
	ctxt->_private = &st;
	ctxt->sax->entityDecl = refuse_entity_decl;
	ctxt->sax->serror = collect_error;
	/* &eacute; and &nbsp; read as the feed parser reads them; nothing else is resolved */
	ctxt->sax->getEntity = xml_html_entity;
	ctxt->sax->getParameterEntity = no_entity;
	ctxt->sax->resolveEntity = no_resolved_entity;
	xmlSetExternalEntityLoader(refuse_external_entity);
	/* No XML_PARSE_NOENT (entities stay unexpanded), no DTDLOAD, no HUGE (depth and size
	 * limits stay on), no network. */
	numeric = xml_html_entities_to_numeric(data, len, &numeric_len);
	if (numeric) {
		data = numeric;
		len = numeric_len;
	}
	xdoc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
	                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                             XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS);
	xmlSetExternalEntityLoader(previous_loader);
	free(numeric);
	if (st.entity_declared)
		*err = xstrdup("OPML documents that declare entities are refused");
	else if (!xdoc || !ctxt->wellFormed)
		*err = xasprintf("not well-formed XML (%s)",
		                 st.first_error ? st.first_error : "empty document");
	else
		rc = read_opml(xdoc, doc, err);
	free(st.first_error);
	xmlFreeDoc(xdoc);
	xmlFreeParserCtxt(ctxt);
	if (rc != 0)
		opml_doc_free(doc);
	return rc;
}

void opml_doc_free(struct opml_doc *doc)
{
	for (int i = 0; i < doc->feed_count; i++) {
		struct opml_feed *f = &doc->feeds[i];
		free(f->url);
		free(f->title);
		for (int t = 0; t < f->tag_count; t++)
			free(f->tags[t]);
		free(f->tags);
	}
	free(doc->feeds);
	for (int i = 0; i < doc->refused_count; i++)
		free(doc->refused[i]);
	free(doc->refused);
	free(doc->title);
	memset(doc, 0, sizeof(*doc));
}

/* ---------- writing ---------- */

/* Writes s sanitised to one line of valid UTF-8 (so with no character XML 1.0 forbids) and
 * with XML's special characters escaped: right for attribute values and element text. */
static void put_escaped(FILE *f, const char *s)
{
	char *clean = text_sanitize_str(s, TEXT_COLLAPSE_SPACE);
	struct buf b;

	buf_init(&b);
	buf_put_xml_escaped(&b, clean, 1);
	if (b.data)
		fputs(b.data, f);
	buf_free(&b);
	free(clean);
}

static void put_attr(FILE *f, const char *name, const char *s)
{
	fprintf(f, " %s=\"", name);
	put_escaped(f, s);
	fputc('"', f);
}

static void put_feed(FILE *f, const struct opml_out_feed *feed, int indent)
{
	const char *text = feed->title && *feed->title ? feed->title : feed->url;

	fprintf(f, "%*s<outline type=\"rss\"", indent, "");
	put_attr(f, "text", text);
	if (feed->has_custom_title && feed->title && *feed->title)
		put_attr(f, "title", feed->title);
	put_attr(f, "xmlUrl", feed->url);
	if (feed->full_text)
		fputs(" " OPML_FULL_TEXT_ATTR "=\"true\"", f);
	if (feed->tag_count > 1) {
		struct buf cats;
		buf_init(&cats);
		for (int i = 1; i < feed->tag_count; i++)
			buf_printf(&cats, "%s/%s", i > 1 ? "," : "", feed->tags[i]);
		put_attr(f, "category", cats.data);
		buf_free(&cats);
	}
	fputs("/>\n", f);
}

/* For each feed, the next one with the same first tag (-1 at the end of a tag's chain), so
 * that a tag's feeds go in one folder wherever they are in the list. Linear: one hash of
 * tag -> last feed seen with it. */
static int *same_tag_chains(const struct opml_out_feed *feeds, int count)
{
	int *next = xmalloc(sizeof(*next) * (size_t)(count + 1));
	xmlHashTablePtr last = xmlHashCreate(count + 16);

	for (int i = 0; i < count; i++) {
		next[i] = -1;
		if (feeds[i].tag_count == 0)
			continue;
		const xmlChar *tag = (const xmlChar *)feeds[i].tags[0];
		intptr_t prev = (intptr_t)xmlHashLookup(last, tag);
		if (prev)
			next[prev - 1] = i;
		xmlHashUpdateEntry(last, tag, (void *)(intptr_t)(i + 1), NULL);
	}
	xmlHashFree(last, NULL);
	return next;
}

void opml_write(FILE *f, const char *doc_title, const struct opml_out_feed *feeds, int count)
{
	/* RFC 822 as OPML 2.0 asks, with English names whatever the locale */
	static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	char date[64];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	snprintf(date, sizeof(date), "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
	         tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	         tm.tm_sec);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n", f);
	fputs("    <title>", f);
	put_escaped(f, doc_title ? doc_title : "");
	fprintf(f, "</title>\n    <dateCreated>%s</dateCreated>\n", date);
	fputs("    <docs>http://opml.org/spec2.opml</docs>\n  </head>\n  <body>\n", f);
	/* Feeds in their own order, except that every feed of a first tag goes into that tag's
	 * folder, written where the tag first appears: one folder per tag. */
	int *next = same_tag_chains(feeds, count);
	bool *written = xcalloc((size_t)count + 1, sizeof(*written));
	for (int i = 0; i < count; i++) {
		if (written[i])
			continue;
		if (feeds[i].tag_count == 0) {
			put_feed(f, &feeds[i], 4);
			continue;
		}
		fputs("    <outline", f);
		put_attr(f, "text", feeds[i].tags[0]);
		fputs(">\n", f);
		for (int k = i; k >= 0; k = next[k]) {
			put_feed(f, &feeds[k], 6);
			written[k] = true;
		}
		fputs("    </outline>\n", f);
	}
	free(written);
	free(next);
	fputs("  </body>\n</opml>\n", f);
}
