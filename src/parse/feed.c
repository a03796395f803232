/* feed_parse: the format dispatch and the safe libxml2 setup.
 *
 * Feeds are hostile. libxml2 2.9.14 (Debian 12) is used with: no entity substitution, no DTD
 * loading or validation, no XInclude, no network, no "huge" limits; an external entity
 * loader that refuses everything (NONET alone lets file:// through); entity declarations of
 * the internal subset dropped, so no reference can expand into gigabytes when content is
 * read later; HTML's named entities (feeds use &nbsp; without declaring it) answered by our
 * getEntity as predefined ones; every parser message sent to our handler, never stderr. */
#include "parse/feed.h"
#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "core/xmlent.h"
#include "parse/encoding.h"
#include "parse/internal.h"

#include <libxml/HTMLparser.h>
#include <pthread.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MIB (1024u * 1024u)
/* COMPACT keeps short text (the white space between elements, most of all) inside its node
 * instead of in an allocation of its own: the tree is only read, never changed. */
#define XML_OPTIONS (XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT)

/* What the parser said about one document. */
struct parse_report {
	int errors;
	int encoding_error;
	int entity_decls;
	char first[160];
	struct feed_builder *builder;  /* what items stream into */
	const struct cdata_cut *cdata; /* the contents of CDATA sections taken out, or NULL */
};

/* CDATA sections read by us instead of libxml2 (whose CDATA reading goes a character at a
 * time, and is most of the cost of a feed with content:encoded): each section of a UTF-8
 * document is replaced by "<![CDATA[" its number and its newlines (so that line numbers
 * stay) "]]>", and the parser's CDATA handler puts the content back. Only when every
 * section holds nothing but characters XML allows and CR (which XML turns to LF): anything
 * else is left to libxml2, whole document and all. */
struct cdata_section {
	const char *text;
	size_t len;
};

struct cdata_cut {
	struct cdata_section *sections;
	size_t count, cap;
	char *doc; /* the document with the sections cut */
	size_t doc_len;
};

static xmlParserInputPtr refuse_external_entity(const char *url, const char *id,
                                                xmlParserCtxtPtr ctxt)
{
	(void)url, (void)id, (void)ctxt;
	return NULL;
}

static void silent_generic_error(void *ctx, const char *fmt, ...)
{
	(void)ctx, (void)fmt;
}

static void xml_init_process(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_external_entity);
}

/* The entity loader is the process's; the generic error handler is each thread's own in
 * libxml2, and tasks parse on threads too. */
static void xml_init_once(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	static _Thread_local int thread_done;

	pthread_once(&once, xml_init_process);
	if (thread_done)
		return;
	thread_done = 1;
	xmlSetGenericErrorFunc(NULL, silent_generic_error);
}

static int is_encoding_error(const xmlError *e)
{
	return e->domain == XML_FROM_I18N || e->code == XML_ERR_INVALID_ENCODING ||
	       e->code == XML_ERR_UNSUPPORTED_ENCODING || e->code == XML_I18N_CONV_FAILED ||
	       (e->code == XML_ERR_INVALID_CHAR && e->message &&
	        strstr(e->message, "not proper UTF-8"));
}

static void report_error(void *data, xmlErrorPtr e)
{
	struct parse_report *r = data;

	if (!r || !e || e->level < XML_ERR_ERROR)
		return;
	if (is_encoding_error(e))
		r->encoding_error = 1;
	/* an undeclared prefix leaves the element readable: not worth a warning */
	if (e->domain == XML_FROM_NAMESPACE)
		return;
	if (r->errors++ == 0 && e->message) {
		snprintf(r->first, sizeof(r->first), "line %d: %s", e->line, e->message);
		str_trim(r->first);
	}
}

/* The context's channel: libxml2 passes the parser context, whose _private is ours. */
static void report_ctxt_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	report_error(ctxt ? ctxt->_private : NULL, e);
}

static void drop_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                             const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_report *r = ctxt->_private;
	(void)name, (void)type, (void)public_id, (void)system_id, (void)content;
	if (r)
		r->entity_decls++;
}

static void drop_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
                                      const xmlChar *system_id, const xmlChar *notation)
{
	drop_entity_decl(ctx, name, 0, public_id, system_id, NULL);
}

static xmlEntityPtr no_parameter_entity(void *ctx, const xmlChar *name)
{
	(void)ctx, (void)name;
	return NULL;
}

static xmlParserInputPtr no_resolve_entity(void *ctx, const xmlChar *public_id,
                                           const xmlChar *system_id)
{
	(void)ctx, (void)public_id, (void)system_id;
	return NULL;
}

/* libxml2 2.9 drops every named reference (&amp; &lt; included) once a document has had
 * one well-formedness error, which would garble the rest of a recovered feed. Our error
 * handler has counted the error; the tree builder is told the document is fine again. */
static void keep_references_characters(void *ctx, const xmlChar *ch, int len)
{
	((xmlParserCtxtPtr)ctx)->wellFormed = 1;
	xmlSAX2Characters(ctx, ch, len);
}

static void keep_references_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                                  const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                                  int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	((xmlParserCtxtPtr)ctx)->wellFormed = 1;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
	                      nb_defaulted, attributes);
}

static int feed_kind(const xmlNode *root);

/* An element has ended: an item of a feed is read at once and freed (streaming). */
static void stream_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_report *r = ctxt->_private;
	xmlNode *closed = ctxt->node, *root;
	struct feed_builder *b = r->builder;

	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	/* only an element that is its parent's last child now, as it should be */
	if (!b || b->streaming < 0 || !closed || closed->type != XML_ELEMENT_NODE || !ctxt->node ||
	    closed->parent != ctxt->node || ctxt->node->last != closed ||
	    !(root = xmlDocGetRootElement(ctxt->myDoc)))
		return;
	b->doc = ctxt->myDoc;
	b->parser = ctxt;
	if (!b->kind) /* the root is there from the first element on, and stays */
		b->kind = feed_kind(root) ? feed_kind(root) : -1;
	if ((b->kind == 'a' && atom_stream(b, root, closed)) ||
	    ((b->kind == 'r' || b->kind == 'd') && rss_stream(b, root, closed))) {
		node_drop(closed);
		/* libxml2 appends the next text to a text node that ends its parent, as to the one
		 * it was writing: the white space before the item goes too (a channel's or a feed's
		 * own text is never read), so that an element or nothing ends the parent */
		while (ctxt->node->last && ctxt->node->last->type == XML_TEXT_NODE)
			node_drop(ctxt->node->last);
	}
	b->parser = NULL;
}

/* A CDATA section: "<number><newlines>" stands for the content of that section. */
static void cdata_block(void *ctx, const xmlChar *value, int len)
{
	struct parse_report *r = ((xmlParserCtxtPtr)ctx)->_private;
	size_t index = 0;
	int digits = 0;

	for (; digits < len && value[digits] >= '0' && value[digits] <= '9' && digits < 12;
	     digits++)
		index = index * 10 + (size_t)(value[digits] - '0');
	if (r && r->cdata && digits > 0 && index < r->cdata->count) {
		const struct cdata_section *sec = &r->cdata->sections[index];
		xmlSAX2CDataBlock(ctx, (const xmlChar *)sec->text, (int)sec->len);
		return;
	}
	xmlSAX2CDataBlock(ctx, value, len);
}

static xmlDocPtr read_xml(const char *data, size_t len, const char *url, const char *encoding,
                          struct parse_report *report, struct feed_builder *b,
                          const struct cdata_cut *cdata)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;

	if (!ctxt)
		return NULL;
	memset(report, 0, sizeof(*report));
	report->builder = b;
	report->cdata = cdata;
	if (cdata) {
		data = cdata->doc;
		len = cdata->doc_len;
	}
	ctxt->_private = report;
	ctxt->sax->endElementNs = stream_end;
	ctxt->sax->cdataBlock = cdata_block;
	ctxt->sax->entityDecl = drop_entity_decl;
	ctxt->sax->unparsedEntityDecl = drop_unparsed_entity_decl;
	ctxt->sax->getEntity = xml_html_entity_or_text;
	ctxt->sax->getParameterEntity = no_parameter_entity;
	ctxt->sax->resolveEntity = no_resolve_entity;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->serror = report_ctxt_error;
	ctxt->sax->characters = keep_references_characters;
	ctxt->sax->startElementNs = keep_references_start;
	ctxt->sax->warning = NULL;
	ctxt->sax->error = NULL;
	ctxt->sax->fatalError = NULL;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	/* the global handler too: some messages (encoding, I/O) bypass the context's. Whatever
	 * another part of the program installed is put back afterwards. */
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(report, report_error);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, url, encoding, XML_OPTIONS);
	xmlSetStructuredErrorFunc(saved_context, saved_handler);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static size_t size_limit(const struct feed_parse_options *opts)
{
	if (opts && opts->max_size)
		return opts->max_size;
	return (size_t)(settings.max_feed_size > 0 ? settings.max_feed_size : 32) * MIB;
}

static int is_json(const char *data, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	return i < len && data[i] == '{';
}

/* What the root element makes of a document: 'a' Atom, 'r' RSS, 'd' RDF, 0 no feed. */
static int feed_kind(const xmlNode *root)
{
	const char *name = (const char *)root->name;

	if (node_is(root, NS_ATOM10, "feed") || node_is(root, NS_ATOM03, "feed") ||
	    (strcmp(name, "feed") == 0 && !root->ns))
		return 'a';
	if (strcmp(name, "rss") == 0 || strcmp(name, "channel") == 0)
		return 'r';
	if (strcmp(name, "RDF") == 0 || strcmp(name, "rdf:RDF") == 0)
		return 'd';
	return 0;
}

static int dispatch_root(struct feed_builder *b, xmlNode *root, char **err)
{
	const char *name = root ? (const char *)root->name : NULL;

	if (!name) {
		*err = xstrdup("the document has no root element");
		return -1;
	}
	switch (feed_kind(root)) {
	case 'a':
		b->feed->format = "atom";
		atom_parse(b, root);
		return 0;
	case 'r':
		b->feed->format = "rss";
		rss_parse(b, root);
		return 0;
	case 'd':
		b->feed->format = "rdf";
		rss_parse(b, root);
		return 0;
	}
	*err = xasprintf("not a feed: the root element is <%.40s>", name);
	return -1;
}

/* At s[0] == '&': 1 when a character or entity reference follows ("&amp;", "&#38;"). XML
 * writes a hexadecimal reference with a lower-case x only (XML 1.0, 4.1 CharRef): "&#X41;" is
 * no reference, so it is escaped like any bare ampersand and stays the text it reads as. */
static int is_reference(const char *s, const char *end)
{
	const char *p = s + 1;
	if (p < end && *p == '#') {
		p++;
		int hex = p < end && *p == 'x';
		const char *digits = p += hex;
		while (p < end && (hex ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p)))
			p++;
		return p > digits && p < end && *p == ';';
	}
	const char *name = p;
	while (p < end && p - name < 64 &&
	       (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '.' || *p == ':'))
		p++;
	return p > name && p < end && *p == ';' && !isdigit((unsigned char)*name);
}

/* The first tok (of n bytes) in [p, end), or NULL: found by its byte tok[k], chosen rare in
 * feeds, with memchr (glibc's memmem goes slower over long text). */
static const char *find_token(const char *p, const char *end, const char *tok, size_t n, size_t k)
{
	for (const char *q = p + k; q < end && (q = memchr(q, tok[k], (size_t)(end - q))); q++) {
		const char *start = q - k;
		if ((size_t)(end - start) >= n && memcmp(start, tok, n) == 0)
			return start;
	}
	return NULL;
}

static const char *comment_end(const char *p, const char *end)
{
	return find_token(p, end, "-->", 3, 0);
}

static const char *cdata_end(const char *p, const char *end)
{
	return find_token(p, end, "]]>", 3, 0);
}

/* When a comment or CDATA section that opens at or after *from and before amp is still open
 * at amp: its end (or the document's). NULL otherwise. *from moves on to where the text
 * is known to be outside both, so that no byte is scanned twice. */
static const char *section_around(const char **from, const char *amp, const char *end)
{
	const char *lt = *from;

	while ((lt = memchr(lt, '<', (size_t)(amp - lt))) != NULL) {
		const char *close;
		if (end - lt >= 4 && memcmp(lt, "<!--", 4) == 0)
			close = comment_end(lt + 4, end);
		else if (end - lt >= 9 && memcmp(lt, "<![CDATA[", 9) == 0)
			close = cdata_end(lt + 9, end);
		else {
			lt++;
			continue;
		}
		const char *after = close ? close + 3 : end;
		*from = after;
		if (after > amp)
			return after;
		lt = after;
	}
	*from = amp;
	return NULL;
}

/* The first '&' at or after p that does not start a reference, outside comments and CDATA
 * sections; NULL when there is none. *from: where the last call left the section scan. */
static const char *next_bare_ampersand(const char **from, const char *p, const char *end)
{
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		if (!amp)
			return NULL;
		/* most ampersands start a reference: only the others need the section scan */
		if (is_reference(amp, end)) {
			p = amp + 1;
			continue;
		}
		const char *skip_to = section_around(from, amp, end);
		if (!skip_to)
			return amp;
		p = skip_to;
	}
	return NULL;
}

/* Feeds are full of bare ampersands ("Fish & Chips", "?a=1&b=2"). libxml2's recovery drops
 * them with the text around them, so they are escaped before parsing: every '&' that does
 * not start a reference, outside comments and CDATA sections. Returns NULL when there is
 * none (the common case costs one scan, no copy), else a new document of *len bytes. */
static char *escape_bare_ampersands(const char *data, size_t *len)
{
	const char *p = data, *end = data + *len, *from = data;
	const char *amp = next_bare_ampersand(&from, data, end);
	struct buf out;

	if (!amp)
		return NULL;
	buf_init(&out);
	buf_reserve(&out, *len + 64);
	do {
		buf_append(&out, p, (size_t)(amp + 1 - p));
		buf_puts(&out, "amp;");
		p = amp + 1;
	} while ((amp = next_bare_ampersand(&from, p, end)) != NULL);
	buf_append(&out, p, (size_t)(end - p));
	*len = out.len;
	return buf_steal(&out);
}

/* Parses once per encoding candidate until one decodes cleanly (at most one retry). Each
 * attempt streams its items into a feed of its own; b keeps the one of the document kept. */
static int is_utf8_name(const char *name)
{
	return str_casecmp_ascii(name, "utf-8") == 0 || str_casecmp_ascii(name, "utf8") == 0;
}

/* At s: the content of a CDATA section up to its "]]>" (at end), when every character of it
 * is one XML allows, as valid UTF-8, and no CR; else 0. */
static int cdata_is_plain(const char *s, const char *end)
{
	while (s < end) {
		size_t n = text_clean_span(s, (size_t)(end - s), TEXT_KEEP_NEWLINES);
		s += n;
		if (s == end)
			return 1;
		/* what the sanitiser would change may still be XML: controls never are, nor CR
		 * here; the rest (C1, bidi, unassigned) is taken whole when valid UTF-8 */
		unsigned char c = (unsigned char)*s;
		uint32_t cp;
		if (c < 0x80)
			return 0;
		size_t len = utf8_decode(s, (size_t)(end - s), &cp);
		if ((cp == UNICODE_REPLACEMENT && len == 1) || cp == 0xFFFE || cp == 0xFFFF)
			return 0;
		s += len;
	}
	return 1;
}

static void cdata_cut_free(struct cdata_cut *cut)
{
	free(cut->sections);
	free(cut->doc);
}

/* Cuts the CDATA sections out of a UTF-8 document; 0, or -1 when the document is not one
 * to cut (another encoding, no section, a section libxml2 must see). */
static int cdata_cut(const char *data, size_t len, const char *encoding, struct cdata_cut *cut)
{
	const char *p = data, *end = data + len, *lt;
	char declared[64];
	struct buf out;

	memset(cut, 0, sizeof(*cut));
	if ((encoding && !is_utf8_name(encoding)) ||
	    (encoding_from_bom(data, len) && !is_utf8_name(encoding_from_bom(data, len))) ||
	    (encoding_declared(data, len, declared, sizeof(declared)) && !is_utf8_name(declared)) ||
	    !find_token(data, data + len, "<![CDATA[", 9, 2))
		return -1;
	buf_init(&out);
	while ((lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *close;
		if (end - lt >= 4 && memcmp(lt, "<!--", 4) == 0) {
			close = comment_end(lt + 4, end);
			if (!close)
				break;
			buf_append(&out, p, (size_t)(close + 3 - p));
			p = close + 3;
			continue;
		}
		if (end - lt < 9 || memcmp(lt, "<![CDATA[", 9) != 0) {
			buf_append(&out, p, (size_t)(lt + 1 - p));
			p = lt + 1;
			continue;
		}
		const char *text = lt + 9;
		close = cdata_end(text, end);
		if (!close || !cdata_is_plain(text, close)) {
			buf_free(&out);
			cdata_cut_free(cut);
			memset(cut, 0, sizeof(*cut));
			return -1;
		}
		if (cut->count == cut->cap) {
			cut->cap = cut->cap ? cut->cap * 2 : 64;
			cut->sections = xrealloc(cut->sections, cut->cap * sizeof(*cut->sections));
		}
		cut->sections[cut->count].text = text;
		cut->sections[cut->count].len = (size_t)(close - text);
		buf_append(&out, p, (size_t)(text - p));
		buf_printf(&out, "%zu", cut->count++);
		for (const char *nl = text; (nl = memchr(nl, '\n', (size_t)(close - nl))) != NULL;
		     nl++)
			buf_putc(&out, '\n');
		p = close;
	}
	buf_append(&out, p, (size_t)(end - p));
	cut->doc_len = out.len;
	cut->doc = buf_steal(&out);
	return 0;
}

static xmlDocPtr read_with_encodings(const char *data, size_t len, const char *url,
                                     const char *http_charset, struct parse_report *report,
                                     struct feed_builder *b)
{
	const char *names[ENCODING_MAX_CANDIDATES];
	char declared[64];
	int n = encoding_candidates(data, len, http_charset, declared, sizeof(declared), names);
	struct cdata_cut cut;
	int have_cut = cdata_cut(data, len, names[0], &cut) == 0;
	xmlDocPtr doc = read_xml(data, len, url, names[0], report, b, have_cut ? &cut : NULL);

	if (report->encoding_error && n > 1) {
		struct parse_report second;
		struct feed_builder other;
		builder_init(&other, b->doc_url);
		xmlDocPtr retry = read_xml(data, len, url, names[1], &second, &other, NULL);
		if (retry && (!doc || !second.encoding_error || second.errors <= report->errors)) {
			xmlFreeDoc(doc);
			doc = retry;
			*report = second;
			parsed_feed_free(b->feed);
			*b = other;
		} else {
			xmlFreeDoc(retry);
			parsed_feed_free(other.feed);
		}
	}
	b->parser = NULL;
	if (have_cut)
		cdata_cut_free(&cut);
	return doc;
}

/* NUL is no character of XML, and libxml2 takes one for the end of the document: a feed
 * with a stray NUL (a broken database field) would lose everything after it. NULs are
 * dropped, in place in copy (or in a new copy of data when copy is NULL); returns the copy,
 * or copy itself when there was none, with *len and *count updated. */
static char *drop_nul_bytes(const char *data, char *copy, size_t *len, int *count)
{
	const char *nul = memchr(data, '\0', *len);
	size_t w;

	*count = 0;
	if (!nul)
		return copy;
	if (!copy) {
		copy = xmalloc(*len + 1);
		memcpy(copy, data, *len);
	}
	w = (size_t)(nul - data);
	for (size_t r = w; r < *len; r++) {
		if (copy[r] == '\0')
			(*count)++;
		else
			copy[w++] = copy[r];
	}
	*len = w;
	copy[w] = '\0';
	return copy;
}

/* A UTF-8 document with a byte here and there that is not UTF-8 is read as UTF-8, each bad
 * byte taken as windows-1252: decoding the whole document as windows-1252 instead (the retry
 * when decoding fails) would garble every character of its valid text. Returns the document
 * to parse (copy, or a new one in its place). */
static char *repair_utf8(char *copy, const char *data, size_t *len, const char *http_charset)
{
	size_t fixed_len;
	char *fixed;

	if (!encoding_is_utf8_document(data, *len, http_charset) ||
	    !(fixed = encoding_repair_utf8(data, *len, &fixed_len)))
		return copy;
	free(copy);
	*len = fixed_len;
	return fixed;
}

static int parse_xml(struct feed_builder *b, const char *data, size_t len,
                     const struct feed_parse_options *opts, char **err)
{
	struct parse_report report;
	xmlDocPtr doc;
	int rc, nuls = 0;
	char *copy = NULL;

	xml_init_once();
	/* UTF-16 and UCS-4 documents have NUL bytes in their markup: left to libxml2 as they are */
	if (!memchr(data, '\0', len < 64 ? len : 64)) {
		copy = escape_bare_ampersands(data, &len);
		copy = drop_nul_bytes(copy ? copy : data, copy, &len, &nuls);
		copy =
		    repair_utf8(copy, copy ? copy : data, &len, opts ? opts->http_charset : NULL);
	}
	doc = read_with_encodings(copy ? copy : data, len, opts ? opts->base_url : NULL,
	                          opts ? opts->http_charset : NULL, &report, b);
	free(copy);
	if (!doc) {
		*err = xasprintf("not a feed: %s", report.errors ? report.first : "not XML");
		return -1;
	}
	b->doc = doc;
	rc = dispatch_root(b, xmlDocGetRootElement(doc), err);
	if (rc == 0 && report.errors)
		b->feed->warning =
		    xasprintf("malformed XML, parsed as far as it went (%d error%s; "
		              "first at %s)",
		              report.errors, report.errors == 1 ? "" : "s", report.first);
	else if (rc == 0 && nuls)
		b->feed->warning =
		    xasprintf("malformed XML: %d NUL byte%s dropped", nuls, nuls == 1 ? "" : "s");
	else if (rc == 0 && report.entity_decls)
		b->feed->warning = xasprintf("%d entity declaration%s ignored", report.entity_decls,
		                             report.entity_decls == 1 ? "" : "s");
	xmlFreeDoc(doc);
	b->doc = NULL;
	return rc;
}

/* An HTML page rather than a feed: "<html" or "<!doctype html" near the start. Asked only of
 * documents that failed as feeds, so it only chooses the message. */
static int looks_like_html(const char *data, size_t len)
{
	size_t n = len < 2048 ? len : 2048;

	for (size_t i = 0; i + 5 <= n; i++)
		if (data[i] == '<' &&
		    (str_ncasecmp_ascii(data + i, "<html", 5) == 0 ||
		     (i + 14 <= n && str_ncasecmp_ascii(data + i, "<!doctype html", 14) == 0)))
			return 1;
	return 0;
}

/* The feed was read only in part: says so next to any other warning. */
static void note_skipped(struct parsed_feed *feed, int kept, long skipped)
{
	char *note = xasprintf("only the first %d items were read, %ld more skipped "
	                       "(max-items-per-fetch)",
	                       kept, skipped);
	if (feed->warning) {
		char *both = xasprintf("%s; %s", note, feed->warning);
		free(note);
		note = both;
	}
	free(feed->warning);
	feed->warning = note;
}

int feed_parse(const char *data, size_t len, const struct feed_parse_options *opts,
               struct parsed_feed **out, char **err)
{
	struct feed_builder b;
	size_t limit = size_limit(opts);
	int rc;

	*out = NULL;
	*err = NULL;
	if (len > limit || len > INT_MAX) {
		*err = xasprintf("the feed is larger than the limit of %zu MiB (max-feed-size)",
		                 limit / MIB ? limit / MIB : 1);
		return -1;
	}
	if (len == 0) {
		*err = xstrdup("the document is empty");
		return -1;
	}
	builder_init(&b, opts && opts->base_url && *opts->base_url ? opts->base_url : NULL);
	b.max_items = opts && opts->max_items > 0 ? opts->max_items : settings.max_items_per_fetch;
	if (is_json(data, len)) {
		b.feed->format = "json";
		rc = jsonfeed_parse(&b, data, len, err);
	} else {
		rc = parse_xml(&b, data, len, opts, err);
	}
	builder_drop_spill(&b);
	if (rc != 0) {
		parsed_feed_free(b.feed);
		if (looks_like_html(data, len)) {
			/* XML's complaint about HTML ("no root element") names no real cause */
			free(*err);
			*err = xstrdup("not a feed: a web page (HTML); 'tidings add URL' finds the "
			               "feeds a page announces");
		}
		return -1;
	}
	if (b.skipped > 0)
		note_skipped(b.feed, b.max_items, b.skipped);
	feed_finish(b.feed);
	*out = b.feed;
	return 0;
}
