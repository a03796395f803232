/* The article body finder.
 *
 * 1. Tidy the page: drop scripts, styles, forms' controls, comments and hidden elements, and
 *    wrap loose runs of inline text inside block containers into paragraphs.
 * 2. Mark furniture to skip: elements whose class, id or role names navigation, comments,
 *    share bars, newsletters, ads and the like, and the by-line.
 * 3. Score: each paragraph of at least 25 characters earns points for its length and its
 *    commas; its parent gets them whole, its grandparent half, older ancestors less. A
 *    candidate's score is then scaled by the share of its text that is not link text.
 * 4. Take the best candidate (moving up when its parent holds more of the article), and its
 *    siblings that score well or read like prose.
 * 5. Clean a copy of that: conditional removal of link lists, image galleries, forms and
 *    empty blocks; the title heading; share bars; rejoin paragraphs split by an ad.
 * When the result is short, steps 2-5 run again with fewer of the filters, and the longest
 * result wins. The page is parsed once: the filters only mark nodes. */
#include "extract/extract.h"
#include "config/config.h"
#include "core/text.h"
#include "core/url.h"
#include "extract/dom.h"
#include "parse/date.h"
#include "parse/feed.h"

#include <libxml/uri.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MIN_PARAGRAPH_CHARS 25
#define RETRY_BELOW_CHARS 500
#define NO_ARTICLE_BELOW_CHARS 140

enum pass_flags {
	PASS_STRIP_UNLIKELY = 1 << 0,
	PASS_WEIGHT_CLASSES = 1 << 1,
	PASS_CLEAN_CONDITIONALLY = 1 << 2,
};

/* What the scorer knows of one element; reached through the node's _private pointer. */
struct ninfo {
	double score;
	int text_len; /* characters of collapsed text, skipped subtrees left out */
	int link_len; /* of which inside links */
	int commas;
	unsigned initialized : 1;
	unsigned skip : 1;      /* furniture: left out of scoring and of the result */
	unsigned has_block : 1; /* some descendant is a block element */
};

struct infos {
	struct ninfo *v;
	size_t count;
};

struct ctx {
	xmlDoc *doc;
	int page_text_len; /* all the text of the body, nothing skipped */
	int has_password;  /* a login form */
	xmlNode *body;
	struct page_meta *meta;
	const char *base_url;
	int flags;
	char *dom_byline;
};

static struct ninfo no_info;

static struct ninfo *info(const xmlNode *n)
{
	return n && n->_private ? (struct ninfo *)n->_private : &no_info;
}

static size_t count_elements(const xmlNode *n)
{
	size_t count = 0;

	for (const xmlNode *c = n; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			count += 1 + count_elements(c->children);
	return count;
}

/* Gives every element under n (n included) a fresh info, carrying over the score and
 * state of an info it already pointed to (the copy made for cleaning points to its
 * original's). */
static void attach_infos_rec(xmlNode *n, struct infos *inf, size_t *next)
{
	for (xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		struct ninfo *fresh = &inf->v[(*next)++];
		if (c->_private)
			*fresh = *(struct ninfo *)c->_private;
		c->_private = fresh;
		attach_infos_rec(c->children, inf, next);
	}
}

static void attach_infos(xmlNode *root, struct infos *inf)
{
	size_t next = 0;
	xmlNode *saved_next = root->next;

	root->next = NULL; /* only root's own subtree */
	inf->count = count_elements(root);
	inf->v = xcalloc(inf->count ? inf->count : 1, sizeof(*inf->v));
	attach_infos_rec(root, inf, &next);
	root->next = saved_next;
}

static void detach_infos(xmlNode *n)
{
	for (xmlNode *c = n; c; c = c->next) {
		c->_private = NULL;
		if (c->type == XML_ELEMENT_NODE)
			detach_infos(c->children);
	}
}

/* ---- class and id hints ---- */

static const char *const unlikely_hints[] = {
    "-ad-",       "ai2html",    "banner",     "breadcrumb", "combx",
    "comment",    "community",  "cover-wrap", "disqus",     "extra",
    "footer",     "gdpr",       "header",     "legends",    "menu",
    "related",    "remark",     "replies",    "rss",        "shoutbox",
    "sidebar",    "skyscraper", "social",     "sponsor",    "supplemental",
    "ad-break",   "agegate",    "pagination", "pager",      "popup",
    "yom-remote", "newsletter", "cookie",     "consent",    "share",
    "subscribe",  "promo",      "most-read",  "mostread",   "trending",
    "recommend",  "outbrain",   "taboola",    "navigation", "navbar",
    "signup",     "sign-up",    "masthead",   "tooltip",    "popover",
    "hovercard",  "rollover",   "-cta",       "cta-",       "call-to-action",
    NULL};
/* The box about the writer under a post: a picture, a name, a paragraph of life story. */
static const char *const author_box_hints[] = {
    "author-bio",       "authorbio",      "author-box",     "authorbox",   "about-author",
    "about-the-author", "author-info",    "author-details", "author-card", "post-author",
    "entry-author",     "author-profile", "author-wrap",    NULL};
static const char *const maybe_hints[] = {"and",  "article", "body",  "column", "content",
                                          "main", "shadow",  "story", "entry",  "post",
                                          "text", "blog",    NULL};
static const char *const positive_hints[] = {"article", "body",  "content", "entry", "hentry",
                                             "h-entry", "main",  "page",    "post",  "text",
                                             "blog",    "story", "prose",   NULL};
static const char *const negative_hints[] = {
    "-ad-",       "hidden",     "banner",  "combx",    "comment",   "com-",
    "contact",    "footer",     "gdpr",    "masthead", "media",     "meta",
    "outbrain",   "promo",      "related", "scroll",   "share",     "shoutbox",
    "sidebar",    "skyscraper", "sponsor", "shopping", "tags",      "widget",
    "newsletter", "subscribe",  "byline",  "author",   "recommend", NULL};
static const char *const byline_hints[] = {"byline",   "author",    "autor",    "auteur",
                                           "dateline", "writtenby", "p-author", NULL};
static const char *const share_hints[] = {"share", "sharedaddy", "social", NULL};

static int is_ad_token(const char *tok, size_t len)
{
	static const char *const exact[] = {
	    "ad", "ads", "advert", "adv", "advertisement", "adsbygoogle", "sponsored", NULL};
	static const char *const prefixes[] = {
	    "ad-",         "ad_",     "ads-", "ads_",   "advert",    "adslot", "adunit",
	    "adcontainer", "ad-slot", "dfp-", "gpt-ad", "google-ad", NULL};
	char lower[64];

	if (len == 0 || len >= sizeof(lower))
		return 0;
	for (size_t i = 0; i < len; i++)
		lower[i] = (tok[i] >= 'A' && tok[i] <= 'Z') ? (char)(tok[i] + 32) : tok[i];
	lower[len] = '\0';
	for (int i = 0; exact[i]; i++)
		if (strcmp(lower, exact[i]) == 0)
			return 1;
	for (int i = 0; prefixes[i]; i++)
		if (str_starts_with(lower, prefixes[i]))
			return 1;
	return 0;
}

static int has_ad_token(const char *s)
{
	while (s && *s) {
		size_t len;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		len = strcspn(s, " \t\n");
		if (is_ad_token(s, len))
			return 1;
		s += len;
	}
	return 0;
}

/* "class id" of n, for the hint lists. */
static void class_and_id(const xmlNode *n, char *out, size_t size)
{
	const char *cls = dom_attr(n, "class"), *id = dom_attr(n, "id");

	snprintf(out, size, "%s %s", cls ? cls : "", id ? id : "");
}

static int class_weight(const xmlNode *n)
{
	const char *cls = dom_attr(n, "class"), *id = dom_attr(n, "id");
	int w = 0;

	if (cls && *cls) {
		if (str_contains_any_ci(cls, negative_hints) || has_ad_token(cls))
			w -= 25;
		if (str_contains_any_ci(cls, positive_hints))
			w += 25;
	}
	if (id && *id) {
		if (str_contains_any_ci(id, negative_hints) || has_ad_token(id))
			w -= 25;
		if (str_contains_any_ci(id, positive_hints))
			w += 25;
	}
	return w;
}

static int has_unlikely_role(const xmlNode *n)
{
	static const char *const roles[] = {
	    "menu",        "menubar", "complementary", "navigation",  "alert",
	    "alertdialog", "dialog",  "banner",        "contentinfo", NULL};
	const char *role = dom_attr(n, "role");

	if (!role)
		return 0;
	for (int i = 0; roles[i]; i++)
		if (str_casecmp_ascii(role, roles[i]) == 0)
			return 1;
	return 0;
}

static int code_points(const char *s);

/* ---- step 1: tidying the page ---- */

static int is_always_removed(const xmlNode *n)
{
	static const char *const tags[] = {
	    "script", "style",    "noscript", "template", "link",   "meta",  "input",  "button",
	    "select", "textarea", "svg",      "canvas",   "object", "embed", "iframe", "dialog",
	    "head",   "title",    "base",     "option",   "label",  NULL};
	const char *name = (const char *)n->name;

	for (int i = 0; tags[i]; i++)
		if (strcmp(name, tags[i]) == 0)
			return 1;
	return 0;
}

/* Text for screen readers only ("Image caption", "Opens in a new window"): labels of what
 * a sighted reader sees, not words of the article. */
static int is_screen_reader_only(const xmlNode *n)
{
	static const char *const hints[] = {
	    "sr-only",    "screen-reader", "visually-hidden",   "visuallyhidden",
	    "off-screen", "offscreen",     "element-invisible", NULL};
	const char *cls = dom_attr(n, "class");

	return cls && str_contains_any_ci(cls, hints);
}

static int is_hidden(const xmlNode *n)
{
	const char *style = dom_attr(n, "style");
	const char *aria = dom_attr(n, "aria-hidden");

	if (dom_attr(n, "hidden") || is_screen_reader_only(n))
		return 1;
	if (aria && strcmp(aria, "true") == 0) {
		/* some sites hide the fallback image of a lazy loader this way; keep images */
		const char *cls = dom_attr(n, "class");
		return !(cls && strstr(cls, "fallback-image"));
	}
	if (style) {
		char compact[256];
		size_t j = 0;

		for (size_t i = 0; style[i] && j + 1 < sizeof(compact); i++)
			if (style[i] != ' ')
				compact[j++] = (style[i] >= 'A' && style[i] <= 'Z')
				                   ? (char)(style[i] + 32)
				                   : style[i];
		compact[j] = '\0';
		if (strstr(compact, "display:none") || strstr(compact, "visibility:hidden"))
			return 1;
	}
	return 0;
}

static int is_inline_content(const xmlNode *n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return 1;
	return n->type == XML_ELEMENT_NODE && !dom_is_block(n);
}

static int is_blank_text(const xmlNode *n)
{
	if (n->type != XML_TEXT_NODE)
		return 0;
	return !n->content || str_is_blank((const char *)n->content);
}

/* Wraps each run of inline nodes that holds some text, among block siblings, into a <p>:
 * text written straight into a <div> between other blocks is a paragraph too. */
static void wrap_inline_runs(xmlDoc *doc, xmlNode *parent)
{
	int has_block = 0, has_text = 0;
	xmlNode *c = parent->children;

	for (xmlNode *k = c; k; k = k->next) {
		if (k->type == XML_ELEMENT_NODE && dom_is_block(k))
			has_block = 1;
		else if (k->type == XML_TEXT_NODE && !is_blank_text(k))
			has_text = 1;
	}
	if (!has_block || !has_text)
		return;
	while (c) {
		xmlNode *start, *end, *p, *next;
		int text = 0;

		if (!is_inline_content(c)) {
			c = c->next;
			continue;
		}
		start = c;
		for (end = c; end->next && is_inline_content(end->next); end = end->next)
			;
		for (xmlNode *k = start;; k = k->next) {
			if ((k->type == XML_TEXT_NODE && !is_blank_text(k)) ||
			    (k->type == XML_ELEMENT_NODE && !dom_is(k, "br")))
				text = 1;
			if (k == end)
				break;
		}
		next = end->next;
		if (text) {
			p = xmlNewDocNode(doc, NULL, BAD_CAST "p", NULL);
			xmlAddPrevSibling(start, p);
			for (xmlNode *k = start; k != next;) {
				xmlNode *following = k->next;
				xmlUnlinkNode(k);
				xmlAddChild(p, k);
				k = following;
			}
		}
		c = next;
	}
}

static int is_container_for_wrapping(const xmlNode *n)
{
	return dom_is(n, "div") || dom_is(n, "section") || dom_is(n, "article") ||
	       dom_is(n, "main") || dom_is(n, "td") || dom_is(n, "blockquote") || dom_is(n, "body");
}

static int is_password_input(const xmlNode *n)
{
	const char *type = dom_attr(n, "type");

	return dom_is(n, "input") && type && str_casecmp_ascii(type, "password") == 0;
}

static int has_password_field(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (is_password_input(c) || has_password_field(c)))
			return 1;
	return 0;
}

static int has_picture(xmlNode *n)
{
	return dom_find(n, "img") || dom_find(n, "picture") || dom_find(n, "video") ||
	       dom_find(n, "audio");
}

/* A figure around an embedded player (a frame, an object) and nothing the reader can show:
 * the player goes, and its caption, the headline of a video that is not there, with it. */
static int is_player_figure(xmlNode *n)
{
	return dom_is(n, "figure") &&
	       (dom_find(n, "iframe") || dom_find(n, "embed") || dom_find(n, "object")) &&
	       !has_picture(n);
}

/* tidings runs no scripts, so it reads a page as a browser with scripting off does, and such
 * a browser shows <noscript>. Only one that holds prose is kept, though: the usual ones hold
 * a tracking pixel, a duplicate of a lazy image, or a line asking for JavaScript, while one
 * with paragraphs of text is the article itself for readers without scripts (a blog whose
 * script fills the body in from a template). */
#define NOSCRIPT_PROSE_CHARS 200

static int paragraph_chars(const xmlNode *n)
{
	int chars = 0;

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (dom_is(c, "p")) {
			char *text = dom_text(c);
			chars += code_points(text);
			free(text);
		} else {
			chars += paragraph_chars(c);
		}
	}
	return chars;
}

/* Counted in <p> elements: markup escaped as text (a pixel's "&lt;img ...&gt;") is not
 * prose however long. */
static int is_noscript_with_prose(const xmlNode *n)
{
	return dom_is(n, "noscript") && paragraph_chars(n) >= NOSCRIPT_PROSE_CHARS;
}

/* Puts n's children in its place and frees n; returns the node now after n's previous
 * sibling (libxml2 may merge a moved text node into that sibling). */
static xmlNode *unwrap(xmlNode *n)
{
	xmlNode *prev = n->prev, *parent = n->parent;

	while (n->children) {
		xmlNode *k = n->children;
		xmlUnlinkNode(k);
		xmlAddPrevSibling(n, k);
	}
	dom_remove(n);
	return prev ? prev->next : parent->children;
}

static void tidy(xmlDoc *doc, xmlNode *n)
{
	xmlNode *c = n->children;

	while (c) {
		xmlNode *next = c->next;

		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
			dom_remove(c);
		} else if (c->type == XML_ELEMENT_NODE && is_noscript_with_prose(c)) {
			next = unwrap(c);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is_always_removed(c) || is_hidden(c) || is_player_figure(c))
				dom_remove(c);
			else
				tidy(doc, c);
		}
		c = next;
	}
	if (is_container_for_wrapping(n))
		wrap_inline_runs(doc, n);
}

/* ---- step 2: marking furniture ---- */

static int code_points(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int looks_like_byline(const xmlNode *n, const char *hints)
{
	const char *rel = dom_attr(n, "rel");
	const char *itemprop = dom_attr(n, "itemprop");

	return (rel && strcmp(rel, "author") == 0) || (itemprop && strstr(itemprop, "author")) ||
	       str_contains_any_ci(hints, byline_hints);
}

/* Inside a by-line, the element that is the name alone: itemprop=name, or a link to the
 * writer (rel=author), without the date, role or time written beside it. */
static xmlNode *find_itemprop_name(xmlNode *n, int dated)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		const char *ip, *rel;
		xmlNode *found;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		ip = dom_attr(c, "itemprop");
		rel = dom_attr(c, "rel");
		if ((ip && strstr(ip, "name")) ||
		    (dated && dom_is(c, "a") && rel && strcmp(rel, "author") == 0))
			return c;
		if ((found = find_itemprop_name(c, dated)))
			return found;
	}
	return NULL;
}

static int has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* Months and days, in the languages of the web at large; written out or cut short. */
static int is_calendar_word(const char *w, size_t len)
{
	static const char *const names[] = {"jan",
	                                    "feb",
	                                    "mar",
	                                    "apr",
	                                    "may",
	                                    "jun",
	                                    "jul",
	                                    "aug",
	                                    "sep",
	                                    "oct",
	                                    "nov",
	                                    "dec",
	                                    "m\xc3\xa4r",
	                                    "mai",
	                                    "okt",
	                                    "dez",
	                                    "ene",
	                                    "abr",
	                                    "ago",
	                                    "dic",
	                                    "janv",
	                                    "f\xc3\xa9v",
	                                    "avr",
	                                    "juil",
	                                    "ao\xc3\xbb",
	                                    "d\xc3\xa9"
	                                    "c",
	                                    "mon",
	                                    "tue",
	                                    "wed",
	                                    "thu",
	                                    "fri",
	                                    "sat",
	                                    "sun",
	                                    "montag",
	                                    "dienstag",
	                                    "mittwoch",
	                                    "donnerstag",
	                                    "freitag",
	                                    "samstag",
	                                    "sonntag",
	                                    "lunes",
	                                    "martes",
	                                    "mi\xc3\xa9rcoles",
	                                    "jueves",
	                                    "viernes",
	                                    "s\xc3\xa1"
	                                    "bado",
	                                    "domingo",
	                                    "lundi",
	                                    "mardi",
	                                    "mercredi",
	                                    "jeudi",
	                                    "vendredi",
	                                    "samedi",
	                                    "dimanche",
	                                    NULL};

	while (len > 0 && (w[len - 1] == '.' || w[len - 1] == ','))
		len--;
	for (int i = 0; names[i]; i++) {
		size_t nl = strlen(names[i]);
		if (len >= nl && len <= nl + 7 && str_ncasecmp_ascii(w, names[i], nl) == 0)
			return 1;
	}
	return 0;
}

/* A word that may stand in a date or a time: a number ("12", "11:57", "8h"), a month or a
 * day, or the words around them ("AM", "UTC", "ago", "Updated", "on"). */
static int is_time_word(const char *w, size_t len)
{
	static const char *const words[] = {"am",
	                                    "pm",
	                                    "a.m.",
	                                    "p.m.",
	                                    "utc",
	                                    "gmt",
	                                    "est",
	                                    "edt",
	                                    "pst",
	                                    "pdt",
	                                    "cet",
	                                    "cest",
	                                    "uhr",
	                                    "h",
	                                    "min",
	                                    "mins",
	                                    "hour",
	                                    "hours",
	                                    "hr",
	                                    "hrs",
	                                    "minute",
	                                    "minutes",
	                                    "day",
	                                    "days",
	                                    "week",
	                                    "weeks",
	                                    "ago",
	                                    "vor",
	                                    "stunden",
	                                    "minuten",
	                                    "tagen",
	                                    "hace",
	                                    "horas",
	                                    "il",
	                                    "y",
	                                    "a",
	                                    "updated",
	                                    "published",
	                                    "posted",
	                                    "aktualisiert",
	                                    "ver\xc3\xb6"
	                                    "ffentlicht",
	                                    "actualizado",
	                                    "publicado",
	                                    "publi\xc3\xa9",
	                                    "mis",
	                                    "\xc3\xa0",
	                                    "on",
	                                    "at",
	                                    "um",
	                                    "am",
	                                    "le",
	                                    "el",
	                                    "de",
	                                    "of",
	                                    "the",
	                                    "today",
	                                    "yesterday",
	                                    "heute",
	                                    "gestern",
	                                    "hoy",
	                                    "ayer",
	                                    NULL};
	size_t stem = len;

	if (has_digit(w, len) || is_calendar_word(w, len))
		return 1;
	while (stem > 0 && (w[stem - 1] == '.' || w[stem - 1] == ':' || w[stem - 1] == ','))
		stem--;
	for (int i = 0; words[i]; i++)
		if (stem == strlen(words[i]) && str_ncasecmp_ascii(w, words[i], stem) == 0)
			return 1;
	return 0;
}

/* Whether a segment of a line is a date, a time or a relative time and nothing else
 * ("Sunday", "Feb 1", "2015 11:57 AM UTC", "8h", "Updated 3 hours ago"). */
static int is_time_segment(const char *a, size_t len)
{
	int words = 0, dated = 0;
	size_t i = 0;

	while (i < len) {
		size_t start;

		while (i < len && (a[i] == ' ' || a[i] == '\n' || a[i] == '(' || a[i] == ')'))
			i++;
		start = i;
		while (i < len && a[i] != ' ' && a[i] != '\n' && a[i] != '(' && a[i] != ')')
			i++;
		if (i == start)
			break;
		words++;
		if (!is_time_word(a + start, i - start))
			return 0;
		if (is_calendar_word(a + start, i - start) || has_digit(a + start, i - start))
			dated = 1;
	}
	return words > 0 && dated;
}

/* Where a by-line's name ends: before the date, time or relative time written after it
 * ("By A. Writer • 8h", "A. Writer, May 2, 2024, 10:15 am", "A. Writer | Updated 3 hours
 * ago"); a role stays ("A. Writer, Games Editor"). 0 when the line is all a date. */
static size_t byline_name_length(const char *text)
{
	static const char *const seps[] = {"\xe2\x80\xa2",   "\xc2\xb7",       "|", " - ",
	                                   " \xe2\x80\x93 ", " \xe2\x80\x94 ", ",", NULL};
	size_t end = strlen(text);

	for (;;) {
		size_t cut = 0, cut_len = 0;

		for (size_t k = end; k-- > 0 && !cut_len;)
			for (int i = 0; seps[i] && !cut_len; i++) {
				size_t sl = strlen(seps[i]);
				if (k + sl <= end && memcmp(text + k, seps[i], sl) == 0) {
					cut = k;
					cut_len = sl;
				}
			}
		if (!cut_len)
			return is_time_segment(text, end) ? 0 : end;
		if (!is_time_segment(text + cut + cut_len, end - cut - cut_len))
			return end;
		end = cut;
	}
}

static void check_byline(struct ctx *cx, xmlNode *n, const char *hints)
{
	char *text;
	int len;

	if (!looks_like_byline(n, hints))
		return;
	text = dom_text(n);
	len = code_points(text);
	if (len > 0 && len < 100) {
		info(n)->skip = 1;
		if (!cx->dom_byline) {
			/* "By <span itemprop=name>A. Writer</span>, May 2": the name alone; and
			 * "<a rel=author>A. Writer</a> Nov. 14, 2013": the writer's link without
			 * the date beside it (a role beside it, "Health News", is the by-line's) */
			xmlNode *name = find_itemprop_name(n, strpbrk(text, "0123456789") != NULL);
			size_t keep;

			if (name) {
				free(text);
				text = dom_text(name);
			}
			/* a date line is not a by-line; a date after the name is not the name's */
			keep = byline_name_length(text);
			while (keep > 0 && (text[keep - 1] == ' ' || text[keep - 1] == '\n'))
				keep--;
			text[keep] = '\0';
			if (keep > 0)
				cx->dom_byline = text_sanitize_str(text, TEXT_COLLAPSE_SPACE);
		}
	}
	free(text);
}

/* The by-line may sit in furniture skipped as a whole (an <aside> of author details). */
static void find_byline_in(struct ctx *cx, xmlNode *n)
{
	for (xmlNode *c = n->children; c && !cx->dom_byline; c = c->next) {
		char hints[512];

		if (c->type != XML_ELEMENT_NODE)
			continue;
		class_and_id(c, hints, sizeof(hints));
		check_byline(cx, c, hints);
		if (!cx->dom_byline)
			find_byline_in(cx, c);
	}
}

/* Text or a link written straight into n, not only into its child elements. */
static int has_own_words(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE && !is_blank_text(c)) || dom_is(c, "a"))
			return 1;
	return 0;
}

/* "<p>Rep. <span class=rollover><a>A. Name</a><span class=rollover-card>...</span></span>
 * said": a hover card hangs on a name in the sentence. The name is part of the text; only
 * the card, which holds nothing of its own, is furniture. */
static int is_words_of_a_sentence(const xmlNode *n)
{
	return !dom_is_block(n) && n->parent && dom_is(n->parent, "p") && has_own_words(n);
}

/* An author box is short: a long block named so is more likely the post itself. */
static int is_author_box(const xmlNode *n, const char *hints)
{
	char *text;
	int len;

	if (!str_contains_any_ci(hints, author_box_hints) || dom_is(n, "article") ||
	    dom_is(n, "body") || dom_is(n, "main"))
		return 0;
	text = dom_text(n);
	len = code_points(text);
	free(text);
	return len < 1000;
}

static int is_unlikely(const xmlNode *n, const char *hints)
{
	if (dom_is(n, "body") || dom_is(n, "a") || dom_is(n, "article") || dom_is(n, "main"))
		return 0;
	if (is_words_of_a_sentence(n))
		return 0;
	if (dom_is(n, "nav") || dom_is(n, "aside") || dom_is(n, "footer"))
		return 1;
	if (has_unlikely_role(n))
		return 1;
	if (has_ad_token(dom_attr(n, "class")) || has_ad_token(dom_attr(n, "id")))
		return 1;
	/* an embedded post (a quoted tweet) is content, whatever its wrapper is called */
	return str_contains_any_ci(hints, unlikely_hints) &&
	       !str_contains_any_ci(hints, maybe_hints) && !dom_find((xmlNode *)n, "blockquote");
}

static void mark_furniture(struct ctx *cx, xmlNode *n, int in_table)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		char hints[512];

		if (c->type != XML_ELEMENT_NODE)
			continue;
		class_and_id(c, hints, sizeof(hints));
		check_byline(cx, c, hints);
		if (info(c)->skip)
			continue;
		if (is_author_box(c, hints)) {
			info(c)->skip = 1;
			if (!cx->dom_byline)
				find_byline_in(cx, c);
			continue;
		}
		if ((cx->flags & PASS_STRIP_UNLIKELY) && !in_table && is_unlikely(c, hints)) {
			info(c)->skip = 1;
			if (!cx->dom_byline && (dom_is(c, "aside") || dom_is(c, "footer")))
				find_byline_in(cx, c);
			continue;
		}
		mark_furniture(cx, c, in_table || dom_is(c, "table") || dom_is(c, "code"));
	}
}

/* ---- step 3: scoring ---- */

static void count_text(const char *s, struct ninfo *in)
{
	int in_space = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';

		if (space) {
			if (!in_space)
				in->text_len++;
			in_space = 1;
			continue;
		}
		in_space = 0;
		if ((*p & 0xc0) == 0x80)
			continue;
		in->text_len++;
		if (*p == ',')
			in->commas++;
		else if (p[0] == 0xef && p[1] == 0xbc && p[2] == 0x8c) /* U+FF0C fullwidth */
			in->commas++;
		else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x81) /* U+3001 ideographic */
			in->commas++;
		else if (p[0] == 0xd8 && p[1] == 0x8c) /* U+060C Arabic */
			in->commas++;
	}
}

/* Text, link text and commas of every element, bottom-up, skipped subtrees left out. */
static void compute_stats(xmlNode *n)
{
	struct ninfo *in = info(n);

	in->text_len = in->link_len = in->commas = 0;
	in->has_block = 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				count_text((const char *)c->content, in);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || info(c)->skip)
			continue;
		compute_stats(c);
		struct ninfo *ci = info(c);
		in->text_len += ci->text_len;
		in->commas += ci->commas;
		if (dom_is(c, "a")) {
			const char *href = dom_attr(c, "href");
			/* in-page anchors (footnotes, tables of contents) count less than links
			 * away */
			in->link_len +=
			    (href && href[0] == '#') ? (int)(ci->text_len * 0.3) : ci->text_len;
		} else {
			in->link_len += ci->link_len;
		}
		if (dom_is_block(c) || ci->has_block || dom_is(c, "img"))
			in->has_block = 1;
	}
}

static double link_density(const xmlNode *n)
{
	const struct ninfo *in = info(n);

	return in->text_len > 0 ? (double)in->link_len / in->text_len : 0.0;
}

/* ---- step 2c: the page's own story among several ---- */

static int similar_to_title(const char *text, const struct page_meta *meta);

struct stories {
	xmlNode *node[16];
	int count;
};

/* How many <article>s deep a wrapper of stories is looked into: bounds the work on a page
 * of articles nested in articles. */
#define STORY_NESTING_MAX 3

/* The outermost <article> elements of some length (a teaser card is shorter); but an
 * <article> that wraps several such stories (the page's template around an endless scroll)
 * gives those stories instead. */
static void collect_stories(xmlNode *n, struct stories *st, int depth)
{
	for (xmlNode *c = n->children; c && st->count < 16; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || info(c)->skip)
			continue;
		if (dom_is(c, "article")) {
			struct stories inner = {{NULL}, 0};

			if (info(c)->text_len < 2 * NO_ARTICLE_BELOW_CHARS)
				continue;
			if (depth < STORY_NESTING_MAX)
				collect_stories(c, &inner, depth + 1);
			if (inner.count < 2) {
				st->node[st->count++] = c;
				continue;
			}
			for (int i = 0; i < inner.count && st->count < 16; i++)
				st->node[st->count++] = inner.node[i];
			continue;
		}
		collect_stories(c, st, depth);
	}
}

static int headed_by_title(xmlNode *story, const struct page_meta *meta)
{
	xmlNode *h = dom_find(story, "h1");
	char *text;
	int yes;

	if (!h)
		h = dom_find(story, "h2");
	if (!h)
		return 0;
	text = dom_text(h);
	yes = similar_to_title(text, meta);
	free(text);
	return yes;
}

/* Pages that load the next stories below the first (an endless scroll) hold several
 * <article>s, each under its headline: when exactly one headline is the page's title, that
 * story is the page's, however long the others are. */
static void skip_other_stories(struct ctx *cx)
{
	struct stories st = {{NULL}, 0};
	int own = -1;

	collect_stories(cx->body, &st, 0);
	if (st.count < 2)
		return;
	for (int i = 0; i < st.count; i++) {
		if (!headed_by_title(st.node[i], cx->meta))
			continue;
		if (own >= 0)
			return;
		own = i;
	}
	if (own < 0)
		return;
	for (int i = 0; i < st.count; i++)
		if (i != own)
			info(st.node[i])->skip = 1;
}

/* ---- step 3: comment threads ---- */

/* A link to answer one entry ("Reply", "Antworten", "Répondre", ...?replytocom=12). */
static int is_reply_link(const xmlNode *a)
{
	static const char *const words[] = {
	    "reply",      "antworten", "r\xc3\xa9pondre", "responder", "rispondi", "odpowiedz",
	    "beantwoord", "reageer",   "svara",           "svar",      NULL};
	const char *href = dom_attr(a, "href");
	char *text;
	int yes = 0;

	if (href && str_contains_any_ci(href, (const char *const[]){"reply", NULL}))
		return 1;
	if (info(a)->text_len == 0 || info(a)->text_len > 30)
		return 0;
	text = dom_text(a);
	for (int i = 0; words[i] && !yes; i++)
		yes = str_ncasecmp_ascii(text, words[i], strlen(words[i])) == 0;
	free(text);
	return yes;
}

/* An entry signed the way comments are: a reply link, or a time stamp beside the words. */
static int is_signed_entry(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((dom_is(c, "a") && is_reply_link(c)) || dom_is(c, "time") ||
		    (dom_is(c, "button") && is_reply_link(c)) || is_signed_entry(c))
			return 1;
	}
	return 0;
}

/* Many short entries of one shape, each signed: comments (or a forum's replies), however
 * long they are together and whatever they are called. */
static int is_thread(const xmlNode *n)
{
	int entries = 0, signed_entries = 0, text = 0;
	const xmlChar *name = NULL;

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || info(c)->text_len == 0)
			continue;
		if (name && !xmlStrEqual(name, c->name))
			continue;
		name = c->name;
		entries++;
		text += info(c)->text_len;
		signed_entries += is_signed_entry(c);
	}
	return signed_entries >= 4 && signed_entries * 10 >= entries * 6 && text / entries < 1200;
}

/* Characters in paragraphs under n (a thread's own left out: they are skipped). */
static int paragraph_text(const xmlNode *n)
{
	int len = 0;

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || info(c)->skip)
			continue;
		if (dom_is(c, "p") && info(c)->text_len >= MIN_PARAGRAPH_CHARS &&
		    link_density(c) < 0.5)
			len += info(c)->text_len;
		else
			len += paragraph_text(c);
	}
	return len;
}

/* Paragraph text before n in the page: the post a thread answers. */
static int paragraph_text_before(const xmlNode *n, const xmlNode *body)
{
	int len = 0;

	for (const xmlNode *e = n; e && e != body; e = e->parent)
		for (const xmlNode *s = e->prev; s; s = s->prev)
			if (s->type == XML_ELEMENT_NODE && !info(s)->skip)
				len += paragraph_text(s);
	return len;
}

/* Leaves out the comment threads that follow a post of some words: the post is the
 * article, however short beside its comments. A thread with nothing before it (a forum
 * page, a page of notes) stays a candidate. */
static void skip_threads(struct ctx *cx, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || info(c)->skip)
			continue;
		if (is_thread(c) && paragraph_text_before(c, cx->body) >= 2 * MIN_PARAGRAPH_CHARS) {
			info(c)->skip = 1;
			continue;
		}
		skip_threads(cx, c);
	}
}

static void init_candidate(struct ctx *cx, xmlNode *n)
{
	struct ninfo *in = info(n);
	const char *name = (const char *)n->name;

	if (in->initialized)
		return;
	in->initialized = 1;
	in->score = 0;
	if (strcmp(name, "div") == 0 || strcmp(name, "article") == 0)
		in->score += 5;
	else if (strcmp(name, "pre") == 0 || strcmp(name, "td") == 0 ||
	         strcmp(name, "blockquote") == 0)
		in->score += 3;
	else if (strcmp(name, "address") == 0 || strcmp(name, "ol") == 0 ||
	         strcmp(name, "ul") == 0 || strcmp(name, "dl") == 0 || strcmp(name, "dd") == 0 ||
	         strcmp(name, "dt") == 0 || strcmp(name, "li") == 0 || strcmp(name, "form") == 0)
		in->score -= 3;
	else if (dom_is_heading(n) || strcmp(name, "th") == 0)
		in->score -= 5;
	if (cx->flags & PASS_WEIGHT_CLASSES)
		in->score += class_weight(n);
}

static int is_scored_paragraph(const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (strcmp(name, "p") == 0 || strcmp(name, "pre") == 0 || strcmp(name, "td") == 0 ||
	    (dom_is_heading(n) && name[1] != '1'))
		return 1;
	/* a container of nothing but inline content is a paragraph in all but name */
	return (strcmp(name, "div") == 0 || strcmp(name, "section") == 0) && !info(n)->has_block;
}

static int count_breaks(const xmlNode *n)
{
	int breaks = 0;

	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			breaks += dom_is(c, "br") ? 1 : count_breaks(c);
	return breaks;
}

/* A block of many short lines broken by <br> (names and places, an address book, a list
 * of signatories): its commas separate fields, not clauses, and say nothing of prose. */
static int is_list_of_lines(const xmlNode *n)
{
	int breaks;

	if (info(n)->commas < 8)
		return 0;
	breaks = count_breaks(n);
	return breaks >= 8 && info(n)->text_len / (breaks + 1) < 60;
}

static void score_paragraph(struct ctx *cx, xmlNode *p)
{
	const struct ninfo *in = info(p);
	double score;
	int level = 0;

	if (in->text_len < MIN_PARAGRAPH_CHARS)
		return;
	score = 1 + (is_list_of_lines(p) ? 0 : in->commas) +
	        (in->text_len / 100 < 3 ? in->text_len / 100 : 3);
	for (xmlNode *a = p->parent; a && a->type == XML_ELEMENT_NODE && level < 5;
	     a = a->parent, level++) {
		double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

		init_candidate(cx, a);
		info(a)->score += score / divider;
		if (a == cx->body)
			break;
	}
}

static void score_tree(struct ctx *cx, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || info(c)->skip)
			continue;
		if (is_scored_paragraph(c))
			score_paragraph(cx, c);
		/* a scored paragraph's own descendants are not paragraphs of their own */
		if (!dom_is(c, "p"))
			score_tree(cx, c);
	}
}

struct top_list {
	xmlNode *node[5];
	double score[5];
};

static void collect_top(xmlNode *n, struct top_list *top)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		struct ninfo *in;

		if (c->type != XML_ELEMENT_NODE || info(c)->skip)
			continue;
		in = info(c);
		if (in->initialized) {
			double s = in->score * (1 - link_density(c));
			in->score = s;
			for (int i = 0; i < 5; i++) {
				if (!top->node[i] || s > top->score[i]) {
					memmove(&top->node[i + 1], &top->node[i],
					        (4 - (size_t)i) * sizeof(top->node[0]));
					memmove(&top->score[i + 1], &top->score[i],
					        (4 - (size_t)i) * sizeof(top->score[0]));
					top->node[i] = c;
					top->score[i] = s;
					break;
				}
			}
		}
		collect_top(c, top);
	}
}

static int is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (const xmlNode *p = n->parent; p; p = p->parent)
		if (p == a)
			return 1;
	return 0;
}

/* ---- step 4: choosing the article ---- */

static xmlNode *choose_top(struct ctx *cx, struct top_list *top)
{
	xmlNode *best = top->node[0];
	int agreeing = 0;

	if (!best)
		return NULL;
	/* Several strong candidates inside one ancestor: the article is that ancestor (pages
	 * that split the text into many sections). */
	for (xmlNode *a = best->parent; a && a != cx->body && a->type == XML_ELEMENT_NODE;
	     a = a->parent) {
		agreeing = 0;
		for (int i = 1; i < 5 && top->node[i]; i++)
			if (top->score[i] >= 0.75 * top->score[0] && is_ancestor(a, top->node[i]))
				agreeing++;
		if (agreeing >= 2) {
			best = a;
			break;
		}
	}
	/* Move up while the parent scores nearly as well: its other children are likely part
	 * of the article too. */
	{
		double last = info(best)->score, threshold = last / 3;
		for (xmlNode *p = best->parent; p && p != cx->body && p->type == XML_ELEMENT_NODE;
		     p = p->parent) {
			double ps;

			if (!info(p)->initialized)
				continue;
			ps = info(p)->score;
			if (ps < threshold)
				break;
			if (ps > last) {
				best = p;
				break;
			}
			last = ps;
		}
	}
	/* A lone child says nothing its parent does not. */
	while (best->parent && best->parent != cx->body && best->parent->type == XML_ELEMENT_NODE) {
		int elements = 0;
		for (xmlNode *c = best->parent->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !info(c)->skip)
				elements++;
		if (elements != 1)
			break;
		best = best->parent;
	}
	return best;
}

static int ends_like_sentence(const char *text)
{
	size_t len = strlen(text);

	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n'))
		len--;
	return len > 0 && text[len - 1] == '.';
}

static int sibling_belongs(const xmlNode *sib, const xmlNode *top, double threshold)
{
	const struct ninfo *in = info(sib);
	double bonus = 0;
	const char *cls = dom_attr(top, "class"), *scls = dom_attr(sib, "class");

	if (in->skip)
		return 0;
	if (cls && scls && *cls && strcmp(cls, scls) == 0)
		bonus = info(top)->score * 0.2;
	if (in->initialized && in->score + bonus >= threshold)
		return 1;
	if (dom_is(sib, "p") || (dom_is(sib, "div") && !in->has_block)) {
		double ld = link_density(sib);
		if (in->text_len > 80 && ld < 0.25)
			return 1;
		if (in->text_len > 0 && in->text_len <= 80 && ld == 0) {
			char *text = dom_text(sib);
			int yes = ends_like_sentence(text);
			free(text);
			return yes;
		}
	}
	/* figures beside the text are the article's own, bare or in a wrapper of their own */
	if (dom_is(sib, "figure") || dom_is(sib, "picture"))
		return 1;
	{
		xmlNode *fig = dom_find((xmlNode *)sib, "figure");
		if (fig && !info(fig)->skip && info(fig)->text_len == in->text_len &&
		    has_picture(fig))
			return 1;
	}
	return 0;
}

/* Copies n without its skipped descendants; copies keep pointing at their original's info
 * until attach_infos() gives them their own. */
static xmlNode *copy_filtered(xmlDoc *doc, xmlNode *n)
{
	xmlNode *copy;

	if (n->type == XML_ELEMENT_NODE && info(n)->skip)
		return NULL;
	if (n->type != XML_ELEMENT_NODE)
		return xmlDocCopyNode(n, doc, 1);
	copy = xmlDocCopyNode(n, doc, 2);
	if (!copy)
		return NULL;
	copy->_private = n->_private;
	for (xmlNode *c = n->children; c; c = c->next) {
		xmlNode *cc = copy_filtered(doc, c);
		if (cc)
			xmlAddChild(copy, cc);
	}
	return copy;
}

/* Pages that cut the article in parts, with a full-width picture or a quote between them,
 * often nest each part differently but give the blocks that hold its paragraphs one class:
 * a sibling of the top candidate holding such a block (a twin of the best-scoring one,
 * "like") is the article's too, however deep the block sits. */
static int is_twin(const xmlNode *n, const xmlNode *like)
{
	const char *cls = dom_attr(n, "class"), *like_cls = dom_attr(like, "class");
	const struct ninfo *in = info(n);

	return n != like && cls && like_cls && *like_cls && strcmp(cls, like_cls) == 0 &&
	       strcmp((const char *)n->name, (const char *)like->name) == 0 && in->initialized &&
	       in->text_len >= NO_ARTICLE_BELOW_CHARS && link_density(n) < 0.2;
}

static int holds_twin(const xmlNode *n, const xmlNode *like)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || info(c)->skip)
			continue;
		if (is_twin(c, like) || holds_twin(c, like))
			return 1;
	}
	return 0;
}

/* The top candidate and the siblings that belong with it, in the page's order. */
static xmlNode *gather_article(struct ctx *cx, xmlNode *top, const xmlNode *like)
{
	xmlNode *container = xmlNewDocNode(cx->doc, NULL, BAD_CAST "div", NULL);
	double threshold = info(top)->score * 0.2;

	if (threshold < 10)
		threshold = 10;
	if (!top->parent || top == cx->body || top->parent->type != XML_ELEMENT_NODE) {
		xmlNode *copy = copy_filtered(cx->doc, top);
		if (copy)
			xmlAddChild(container, copy);
		return container;
	}
	for (xmlNode *s = top->parent->children; s; s = s->next) {
		xmlNode *copy;

		if (s->type != XML_ELEMENT_NODE)
			continue;
		if (s != top && !sibling_belongs(s, top, threshold) &&
		    !(like && !info(s)->skip && (is_twin(s, like) || holds_twin(s, like))))
			continue;
		copy = copy_filtered(cx->doc, s);
		if (copy)
			xmlAddChild(container, copy);
	}
	return container;
}

/* ---- step 5: cleaning the copy ---- */

static void count_tags(const xmlNode *n, int *p, int *img, int *li, int *input, int *embed,
                       int *headings)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (dom_is(c, "p"))
			(*p)++;
		else if (dom_is(c, "img"))
			(*img)++;
		else if (dom_is(c, "li"))
			(*li)++;
		else if (dom_is(c, "input"))
			(*input)++;
		else if (dom_is(c, "video") || dom_is(c, "audio") || dom_is(c, "iframe"))
			(*embed)++;
		else if (dom_is_heading(c))
			(*headings)++;
		count_tags(c, p, img, li, input, embed, headings);
	}
}

static int has_ancestor_tag(const xmlNode *n, const char *tag, const xmlNode *stop)
{
	for (const xmlNode *p = n->parent; p && p != stop; p = p->parent)
		if (dom_is(p, tag))
			return 1;
	return 0;
}

static int is_data_table(const xmlNode *table)
{
	int rows = 0;

	if (dom_find((xmlNode *)table, "th") || dom_find((xmlNode *)table, "caption") ||
	    dom_find((xmlNode *)table, "thead"))
		return 1;
	for (const xmlNode *c = table->children; c; c = c->next) {
		if (dom_is(c, "tr"))
			rows++;
		else if (dom_is(c, "tbody"))
			for (const xmlNode *r = c->children; r; r = r->next)
				rows += dom_is(r, "tr");
	}
	return rows >= 10 && !dom_find((xmlNode *)table, "table");
}

/* A wrapper around a quotation (an embedded post): its links are the quote's own. */
static int is_mostly_quote(xmlNode *n)
{
	xmlNode *q = dom_find(n, "blockquote");

	return q && q != n && info(q)->text_len * 2 >= info(n)->text_len && info(n)->text_len > 0;
}

/* "<div class=leaf-media><p>Hong Kong (CNN) A muddled view of ...</p></div>": a wrapper
 * around one paragraph of prose is that paragraph, whatever the wrapper's name says. */
static int is_wrapped_paragraph(const xmlNode *n)
{
	xmlNode *only = dom_first_element((xmlNode *)n);

	return only && !dom_next_element(only) && dom_is(only, "p") &&
	       info(only)->text_len == info(n)->text_len &&
	       info(n)->text_len >= 2 * MIN_PARAGRAPH_CHARS && link_density(n) < 0.25 &&
	       !dom_find((xmlNode *)n, "img");
}

/* Readability's "clean conditionally", in spirit: a block whose make-up says "list of links",
 * "gallery of thumbnails" or "form" rather than "part of the text" goes. */
static int looks_like_clutter(struct ctx *cx, xmlNode *n, const xmlNode *root)
{
	const struct ninfo *in = info(n);
	int weight = (cx->flags & PASS_WEIGHT_CLASSES) ? class_weight(n) : 0;
	int p = 0, img = 0, li = 0, input = 0, embed = 0, headings = 0;
	int is_list = dom_is(n, "ul") || dom_is(n, "ol");
	double ld;

	if (dom_is(n, "table") && is_data_table(n))
		return 0;
	if (has_ancestor_tag(n, "code", root) || has_ancestor_tag(n, "pre", root))
		return 0;
	if (is_mostly_quote(n))
		return 0;
	/* a list starts with a malus as a candidate for the article, not as a part of it */
	if (weight + (in->initialized && !is_list ? in->score : 0) < 0 && !is_wrapped_paragraph(n))
		return 1;
	if (in->commas >= 10)
		return 0;
	count_tags(n, &p, &img, &li, &input, &embed, &headings);
	ld = link_density(n);
	if (!is_list && li > 0 && in->text_len > 0) {
		/* a block that is mostly a list is judged as one */
		is_list = 0;
	}
	if (img > 1 && (double)p / img < 0.5 && !has_ancestor_tag(n, "figure", root))
		return 1;
	if (!is_list && li - 100 > p)
		return 1;
	if (input > p / 3)
		return 1;
	if (!is_list && in->text_len < MIN_PARAGRAPH_CHARS && (img == 0 || img > 2) &&
	    !has_ancestor_tag(n, "figure", root) && !dom_is(n, "figure"))
		return 1;
	if (!is_list && weight < 25 && ld > 0.2)
		return 1;
	if (weight >= 25 && ld > 0.5)
		return 1;
	if ((embed == 1 && in->text_len < 75) || embed > 1)
		return 1;
	if (is_list && ld > 0.5)
		return 1;
	return 0;
}

static int is_conditional_tag(const xmlNode *n)
{
	return dom_is(n, "div") || dom_is(n, "section") || dom_is(n, "table") || dom_is(n, "ul") ||
	       dom_is(n, "ol") || dom_is(n, "form") || dom_is(n, "fieldset") ||
	       dom_is(n, "aside") || dom_is(n, "header");
}

static int has_media(const xmlNode *n)
{
	return dom_find((xmlNode *)n, "img") || dom_find((xmlNode *)n, "picture") ||
	       dom_find((xmlNode *)n, "video") || dom_find((xmlNode *)n, "audio");
}

static int similar_to_title(const char *text, const struct page_meta *meta)
{
	if (!*text)
		return 0;
	if (meta->title && strcmp(text, meta->title) == 0)
		return 1;
	if (meta->raw_title && strstr(meta->raw_title, text) && code_points(text) > 10)
		return 1;
	return 0;
}

/* Short lines that belong to the page, not the story: credits, time stamps, calls to act. */
static int is_boilerplate_line(const char *text)
{
	static const char *const prefixes[] = {"related:",
	                                       "related stories",
	                                       "related articles",
	                                       "photo:",
	                                       "image:",
	                                       "credit:",
	                                       "posted:",
	                                       "updated:",
	                                       "published:",
	                                       "read more",
	                                       "see more",
	                                       "see also:",
	                                       "click here",
	                                       "follow us",
	                                       "sign up",
	                                       "subscribe to",
	                                       "advertisement",
	                                       "this slideshow requires",
	                                       "you may also like",
	                                       "more from",
	                                       "recommended:",
	                                       "don't miss",
	                                       "listen to",
	                                       "have a tip",
	                                       "get the latest",
	                                       "most read",
	                                       "most popular",
	                                       "share this",
	                                       "image copyright",
	                                       "image caption",
	                                       NULL};
	/* these only with a date or time beside them: "Published 8:22AM", "By A. Writer, 11/18" */
	static const char *const dated[] = {"by ", "published", "updated", "posted", NULL};
	static const char *const anywhere[] = {
	    "all rights reserved",  "\xc2\xa9", "citation:", "this post may contain",
	    "subject to copyright", NULL};
	static const char *const networks[] = {"twitter", "facebook", "instagram", NULL};
	size_t len = strlen(text);

	for (int i = 0; prefixes[i]; i++)
		if (str_ncasecmp_ascii(text, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	if (len < 100 && strpbrk(text, "0123456789"))
		for (int i = 0; dated[i]; i++)
			if (str_ncasecmp_ascii(text, dated[i], strlen(dated[i])) == 0)
				return 1;
	if (len < 250 && str_contains_any_ci(text, anywhere))
		return 1;
	return len < 120 && str_ncasecmp_ascii(text, "follow ", 7) == 0 &&
	       str_contains_any_ci(text, networks);
}

/* Mostly capital letters: the style of headlines that point to other stories. */
static int is_shouting(const char *text)
{
	int upper = 0, lower = 0;

	for (; *text; text++) {
		if (*text >= 'A' && *text <= 'Z')
			upper++;
		else if (*text >= 'a' && *text <= 'z')
			lower++;
	}
	return upper > 10 && lower * 5 < upper;
}

/* A paragraph that is nothing but a link (a headline pointing elsewhere), or a short line of
 * page furniture. */
static int is_stray_paragraph(const xmlNode *n)
{
	const struct ninfo *in = info(n);
	char *text;
	int stray;

	if (!dom_is(n, "p") && !(dom_is(n, "div") && !in->has_block))
		return 0;
	if (in->text_len == 0 || in->text_len > 250)
		return 0;
	text = dom_text(n);
	stray = is_boilerplate_line(text) ||
	        (in->link_len >= in->text_len * 0.9 && is_shouting(text) && !has_media(n));
	free(text);
	return stray;
}

/* The label over a list of links to other stories: "Related", "You may also like...". */
static int is_links_label(const char *text)
{
	static const char *const labels[] = {
	    "related", "you may also like", "you might also like", "don't miss",
	    "don\xe2\x80\x99t miss", "do not miss", "read more", "read next", "more from",
	    "more stories", "recommended", "most read", "most popular", "also read", "more on this",
	    "more:", "if you enjoyed",
	    /* the same words in the languages of the
	     * test sets beside English */
	    "weitere artikel", "mehr zum thema", "mehr von", "zum weiterlesen", "schon gelesen",
	    "lesen sie auch", "auch interessant", "das k\xc3\xb6nnte",
	    "\xc3\xa4"
	    "hnliche artikel",
	    "verwandte artikel", "vea tambi\xc3\xa9n", "lea tambi\xc3\xa9n", "te puede interesar",
	    "noticias relacionadas", "lire aussi", "\xc3\xa0 lire aussi",
	    "sur le m\xc3\xaame sujet", "czytaj te\xc5\xbc",
	    "czytaj tak\xc5\xbc"
	    "e",
	    "zobacz te\xc5\xbc", NULL};

	if (code_points(text) > 60)
		return 0;
	for (int i = 0; labels[i]; i++)
		if (str_ncasecmp_ascii(text, labels[i], strlen(labels[i])) == 0)
			return 1;
	return 0;
}

static int is_links_label_element(const xmlNode *n)
{
	char *text;
	int yes;

	if (!dom_is(n, "p") && !(dom_is(n, "div") && !info(n)->has_block) &&
	    !(dom_is_heading(n) && !dom_is(n, "h1")))
		return 0;
	/* "See also: <a>...</a>" carries its links itself: not a label over others */
	if (info(n)->text_len == 0 || info(n)->text_len > 200 || info(n)->link_len > 0)
		return 0;
	text = dom_text(n);
	yes = is_links_label(text);
	free(text);
	return yes;
}

/* Headline links and lists of them, or an empty slot (an ad that did not load). */
static int is_link_run_part(const xmlNode *n)
{
	const struct ninfo *in = info(n);

	return in->text_len == 0 ? !has_media(n) : in->link_len * 2 >= in->text_len;
}

/* Removes the run of link lists and headline links that follows a "Related" label, with
 * the label; *after is the first sibling after them. Returns 0, the label kept, when no
 * links follow (a heading "More from the islanders" over prose is a heading). The run ends
 * at the first block that is mostly words of its own. */
static int drop_links_after_label(xmlNode *label, xmlNode **after)
{
	xmlNode *k = label->next;
	int removed = 0;

	while (k) {
		xmlNode *following = k->next;

		if (k->type == XML_ELEMENT_NODE) {
			if (!is_link_run_part(k))
				break;
			removed += info(k)->text_len > 0;
			dom_remove(k);
		} else if (!is_blank_text(k)) {
			break;
		}
		k = following;
	}
	*after = k;
	if (removed)
		dom_remove(label);
	return removed > 0;
}

/* n is part of a line that goes whole: its nearest paragraph-like ancestor is stray. */
static int in_stray_line(const xmlNode *n)
{
	for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (dom_is(p, "p") || dom_is(p, "div"))
			return is_stray_paragraph(p);
	return 0;
}

static int in_running_text(const xmlNode *n)
{
	static const char *const tags[] = {"p",          "li",  "cite", "td",
	                                   "blockquote", "pre", "dd",   NULL};

	for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		for (int i = 0; tags[i]; i++)
			if (dom_is(p, tags[i]))
				return 1;
	return 0;
}

/* "<span class=date>Published Monday, November 18, 2019 8:22AM EST</span>" on a line of its
 * own is the story's time stamp, which the metadata carries; not a date inside a sentence,
 * a list item or a citation, nor one in a line that goes whole anyway ("By A. Writer -
 * <span class=date>11/19/19</span>" is a by-line). */
static int is_dated_element(xmlNode *n, const char *hints)
{
	static const char *const date_hints[] = {"date", "timestamp", "time-stamp", NULL};
	char *text;
	int digits;

	/* stamps sit in spans and divs; <p class=update> is the writer's words */
	if (!dom_is(n, "span") && !dom_is(n, "div") && !dom_is(n, "time") && !dom_is(n, "small"))
		return 0;
	if (info(n)->text_len == 0 || info(n)->text_len > 80 || info(n)->has_block ||
	    !str_contains_any_ci(hints, date_hints) || has_media(n) || in_running_text(n) ||
	    in_stray_line(n))
		return 0;
	text = dom_text(n);
	digits = strpbrk(text, "0123456789") != NULL;
	free(text);
	return digits;
}

/* "November 20, 2019 / 1:07 AM / CBS News": a line that is mostly its <time> is the time
 * stamp too; a <time> inside a sentence stays. */
static int is_time_line(xmlNode *n)
{
	xmlNode *t;

	/* a <time> in a line of text is judged with its line, once the cleaning gets there */
	if (dom_is(n, "time") && !(n->parent && info(n->parent)->has_block))
		return 0;
	if (!dom_is(n, "time") && !dom_is(n, "p") && !dom_is(n, "span") &&
	    !(dom_is(n, "div") && !info(n)->has_block))
		return 0;
	if (info(n)->text_len == 0 || info(n)->text_len > 80 || !(t = dom_find(n, "time")))
		return 0;
	return info(t)->text_len * 2 >= info(n)->text_len;
}

/* A photo credit ("Photo: A. Snapper / Agency") is not part of the caption it sits in. */
static int is_credit(const xmlNode *n, const char *hints)
{
	static const char *const credit_hints[] = {"credit", "copyright", NULL};

	return !dom_is(n, "body") && info(n)->text_len < 150 &&
	       str_contains_any_ci(hints, credit_hints) && !has_media(n);
}

/* "6", "3 / 12", "1 of 6": a slideshow's counter (but "2012" is a year). */
static int is_counter(const char *text)
{
	int digits = 0, separators = 0;

	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
		} else if (*p == '/') {
			separators++;
		} else if (p[0] == 'o' && p[1] == 'f') {
			separators++;
			p++;
		} else if (*p != ' ') {
			return 0;
		}
	}
	return digits > 0 && (separators == 1 || digits <= 3) && separators <= 1;
}

/* Inside a figure, lines that are not its caption: the credit ("Photo by A. Snapper",
 * "Courtesy of the museum") and the slideshow's counter. */
static int is_figure_furniture(xmlNode *n, const xmlNode *root)
{
	static const char *const credits[] = {"photo:",         "photo by ", "photos by ",
	                                      "photograph by ", "credit:",   "courtesy of ",
	                                      "image:",         "picture:",  NULL};
	char *text;
	int yes = 0;

	if (info(n)->has_block || info(n)->text_len == 0 || info(n)->text_len > 100 ||
	    !(dom_is(n, "figure") || has_ancestor_tag(n, "figure", root)) || has_media(n))
		return 0;
	text = dom_text(n);
	if (is_counter(text))
		yes = 1;
	for (int i = 0; credits[i] && !yes; i++)
		yes = str_ncasecmp_ascii(text, credits[i], strlen(credits[i])) == 0;
	free(text);
	return yes;
}

/* A line that credits a picture's maker or agency ("Foto: A. Snapper", "Kuva: ...",
 * "Shutterstock.com", "dpa/AFP"), in the languages of the web at large: it names who made a
 * picture, and says nothing of the story. */
static int is_photo_credit(xmlNode *n)
{
	static const char *const starts[] = {"foto:",
	                                     "fotos:",
	                                     "bild:",
	                                     "bilder:",
	                                     "bildquelle",
	                                     "quelle:",
	                                     "titelbild",
	                                     "beitragsbild",
	                                     "kuva:",
	                                     "photo:",
	                                     "photos:",
	                                     "credit:",
	                                     "cr\xc3\xa9"
	                                     "dit",
	                                     "(cr\xc3\xa9"
	                                     "dit",
	                                     "fot.",
	                                     "zdj\xc4\x99"
	                                     "cie",
	                                     "image:",
	                                     NULL};
	static const char *const agencies[] = {
	    "shutterstock", "istock",      "imago",    "picture alliance",
	    "clipdealer",   "adobe stock", "unsplash", "pixabay",
	    "/afp",         "/dpa",        "dpa/",     "afp/",
	    "/pap",         NULL};
	const struct ninfo *in = info(n);
	char *text;
	int yes = 0;

	if (in->has_block || in->text_len == 0 || in->text_len > 80 || has_media(n) ||
	    dom_is(n, "body") || dom_is_heading(n))
		return 0;
	text = dom_text(n);
	for (int i = 0; starts[i] && !yes; i++)
		yes = str_ncasecmp_ascii(text, starts[i], strlen(starts[i])) == 0;
	if (!yes)
		yes = str_contains_any_ci(text, agencies);
	free(text);
	return yes;
}

static int is_caption(const xmlNode *n)
{
	const char *cls = dom_attr(n, "class");

	if (dom_is(n, "figcaption"))
		return 1;
	if (!dom_is(n, "p") && !dom_is(n, "div") && !dom_is(n, "span"))
		return 0;
	return (cls && strstr(cls, "caption")) || has_ancestor_tag(n, "figure", NULL);
}

static int has_caption_inside(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (is_caption(c) || has_caption_inside(c)))
			return 1;
	return 0;
}

/* Galleries show a caption twice, whole and cut short ("... more"): the same start is enough. */
static int same_caption(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;

	if (n > 60)
		n = 60;
	return strncmp(a, b, n) == 0 && (n == 60 || la == lb);
}

/* A slideshow repeats its captions: keep the first of blocks that read exactly alike. */
static void drop_repeated_blocks(xmlNode *n, char ***seen, int *count)
{
	xmlNode *c = n->children;

	while (c) {
		xmlNode *next = c->next;

		if (c->type == XML_ELEMENT_NODE) {
			if (is_caption(c) && info(c)->text_len > 30 && !has_caption_inside(c)) {
				char *t = dom_text(c);
				int dup = 0;

				for (int i = 0; i < *count && !dup; i++)
					dup = same_caption((*seen)[i], t);
				if (dup) {
					free(t);
					dom_remove(c);
					c = next;
					continue;
				}
				*seen = xrealloc(*seen, sizeof(**seen) * (size_t)(*count + 1));
				(*seen)[(*count)++] = t;
			} else {
				drop_repeated_blocks(c, seen, count);
			}
		}
		c = next;
	}
}

static void drop_repeats(xmlNode *container)
{
	char **seen = NULL;
	int count = 0;

	drop_repeated_blocks(container, &seen, &count);
	for (int i = 0; i < count; i++)
		free(seen[i]);
	free(seen);
}

/* A link that asks for money or a sign-up: to a page for donations, contributions or
 * memberships, or worded so ("Contribute today", "Donate", "Support us"). */
static int is_appeal_link(const xmlNode *a)
{
	static const char *const targets[] = {"donat",      "contribut", "/support",
	                                      "membership", "spende",    NULL};
	static const char *const words[] = {
	    "donate",          "contribute", "support us",    "support our",
	    "become a member", "spenden",    "jetzt unterst", NULL};
	const char *href = dom_attr(a, "href");
	char *text;
	int yes;

	if (href && str_contains_any_ci(href, targets))
		return 1;
	if (info(a)->text_len == 0 || info(a)->text_len > 40)
		return 0;
	text = dom_text(a);
	yes = 0;
	for (int i = 0; words[i] && !yes; i++)
		yes = str_ncasecmp_ascii(text, words[i], strlen(words[i])) == 0;
	free(text);
	return yes;
}

static int holds_appeal_link(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if ((dom_is(c, "a") && is_appeal_link(c)) || holds_appeal_link(c))
			return 1;
	}
	return 0;
}

/* Characters of the article's text after n (after == 1) or before it, up to root. */
static int text_beside(const xmlNode *n, const xmlNode *root, int after)
{
	int len = 0;

	for (const xmlNode *e = n; e && e != root; e = e->parent)
		for (const xmlNode *s = after ? e->next : e->prev; s; s = after ? s->next : s->prev)
			if (s->type == XML_ELEMENT_NODE)
				len += info(s)->text_len;
	return len;
}

/* The publisher's appeal at either end of the article: a box of its own that asks the reader
 * to donate, contribute or join ("A Message from The Times: ... Contribute today"). It is
 * judged by what it asks for and where it sits, not by its name: a block that links to a
 * donation or membership page, short beside the article, with (next to) nothing of the
 * article after it or before it. */
static int is_appeal_box(const xmlNode *n, const xmlNode *root)
{
	const struct ninfo *in = info(n);

	if (n == root || !(dom_is(n, "div") || dom_is(n, "section") || dom_is(n, "aside")) ||
	    in->text_len == 0 || in->text_len > 3000 || in->text_len * 3 > info(root)->text_len ||
	    !holds_appeal_link(n))
		return 0;
	return text_beside(n, root, 1) < 200 || text_beside(n, root, 0) < 200;
}

static int is_date_line(xmlNode *n);

/* Removes (bottom-up, so that a block is judged after its own clutter is gone) what should
 * not stay in the article. */
static void clean_tree(struct ctx *cx, xmlNode *n, xmlNode *root)
{
	xmlNode *c = n->children;

	while (c) {
		xmlNode *next = c->next;
		char hints[512];

		if (c->type != XML_ELEMENT_NODE) {
			c = next;
			continue;
		}
		clean_tree(cx, c, root);
		compute_stats(c);
		class_and_id(c, hints, sizeof(hints));
		if (dom_is(c, "h1") || dom_is(c, "h2")) {
			char *t = dom_text(c);
			int drop = similar_to_title(t, cx->meta) || (dom_is(c, "h1") && !*t);
			free(t);
			if (drop || ((cx->flags & PASS_WEIGHT_CLASSES) && class_weight(c) < 0)) {
				dom_remove(c);
				c = next;
				continue;
			}
		}
		if (is_links_label_element(c) && drop_links_after_label(c, &next)) {
			/* gone, with the links after it */
		} else if (str_contains_any_ci(hints, share_hints) && info(c)->text_len < 500 &&
		           !dom_is(c, "body") && !dom_find(c, "blockquote")) {
			dom_remove(c);
		} else if (is_credit(c, hints) || is_dated_element(c, hints) || is_time_line(c) ||
		           is_figure_furniture(c, root) || is_photo_credit(c)) {
			dom_remove(c);
		} else if (is_stray_paragraph(c) || (is_date_line(c) && !in_running_text(c))) {
			dom_remove(c);
		} else if (is_appeal_box(c, root)) {
			dom_remove(c);
		} else if ((cx->flags & PASS_CLEAN_CONDITIONALLY) && is_conditional_tag(c) &&
		           looks_like_clutter(cx, c, root)) {
			dom_remove(c);
		} else if ((dom_is(c, "p") || dom_is(c, "div") || dom_is(c, "section") ||
		            dom_is(c, "span") || dom_is(c, "li") || dom_is(c, "ul") ||
		            dom_is(c, "figure")) &&
		           info(c)->text_len == 0 && !has_media(c)) {
			dom_remove(c);
		} else if (dom_is(c, "nav") || dom_is(c, "aside") || dom_is(c, "footer") ||
		           dom_is(c, "form")) {
			dom_remove(c);
		}
		c = next;
	}
}

/* ---- step 6: the ends of the article ---- */

/* Words of the lines a page puts under its articles (asks to follow, subscribe, comment or
 * download the app; reprint terms; advertising labels; links back to the list), in the
 * languages of the web at large. Matched only on a short line at the very end. */
static int is_closing_line(const char *text)
{
	static const char *const starts[] = {"follow",
	                                     "subscribe",
	                                     "sign up",
	                                     "download",
	                                     "comment",
	                                     "leave a",
	                                     "share",
	                                     "back to",
	                                     "copyright",
	                                     "kommentar",
	                                     "keine kommentare",
	                                     "kommentieren",
	                                     "folgen sie",
	                                     "folge uns",
	                                     "teilen",
	                                     "zur\xc3\xbc"
	                                     "ck",
	                                     "abonn",
	                                     "werbung",
	                                     "anzeige",
	                                     "- anzeige",
	                                     "reklama",
	                                     "advertis",
	                                     "retour",
	                                     "suscr",
	                                     "s\xc3\xadgu",
	                                     "volver",
	                                     "compart",
	                                     "partag",
	                                     "udost\xc4\x99pnij",
	                                     NULL};
	static const char *const anywhere[] = {"newsletter", "telegram", "whatsapp",
	                                       "copyright",  "reprint",  "all rights reserved",
	                                       NULL};
	size_t len = strlen(text);

	while (*text == ' ' || *text == '\n')
		text++;
	if (len > 160)
		return 0;
	for (int i = 0; starts[i]; i++)
		if (str_ncasecmp_ascii(text, starts[i], strlen(starts[i])) == 0)
			return 1;
	return str_contains_any_ci(text, anywhere);
}

/* The last (first == 0) or first block of text under n: a descendant with no blocks of its
 * own, or NULL when the end of n is loose text. */
static xmlNode *edge_block(xmlNode *n, int first)
{
	for (;;) {
		xmlNode *edge = NULL;

		for (xmlNode *c = first ? n->children : n->last; c; c = first ? c->next : c->prev) {
			if (c->type == XML_TEXT_NODE && !is_blank_text(c))
				return NULL;
			if (c->type == XML_ELEMENT_NODE &&
			    (info(c)->text_len > 0 || has_media(c))) {
				edge = c;
				break;
			}
		}
		if (!edge)
			return NULL;
		if (!info(edge)->has_block || dom_is(edge, "table") || dom_is(edge, "figure"))
			return edge;
		n = edge;
	}
}

/* A month or a day named, or numbers written as a date or a time ("23.10.2018", "2024-05-02",
 * "5/2/24", "11:57"): bare numbers ("2, 3, 5", "$7/month") are not. */
static int looks_dated(const char *text)
{
	for (const char *p = text; *p; p++) {
		const char *q = p;
		int groups = 0;

		if ((p == text || p[-1] == ' ') && is_calendar_word(p, strcspn(p, " ,")))
			return 1;
		if (*p < '0' || *p > '9' || (p > text && p[-1] >= '0' && p[-1] <= '9'))
			continue;
		for (;;) {
			size_t digits = strspn(q, "0123456789");
			if (digits == 0 || digits > 4)
				break;
			groups++;
			q += digits;
			if (*q == ':' && groups == 1 && q[1] >= '0' && q[1] <= '9')
				return 1;
			if (*q != '.' && *q != '/' && *q != '-')
				break;
			q++;
		}
		if (groups >= 3)
			return 1;
	}
	return 0;
}

/* A line that is a date or a time and nothing else ("23.10.2018", "Sunday, Feb 1, 2015
 * 11:57 AM", "Updated 3 hours ago"): the page's time stamp, which the metadata carries. */
static int is_date_line(xmlNode *n)
{
	char *text;
	int yes;

	if (info(n)->text_len == 0 || info(n)->text_len > 60 || has_media(n) || dom_is(n, "li") ||
	    dom_is(n, "td") || dom_is(n, "th") || dom_is(n, "dd"))
		return 0;
	text = dom_text(n);
	yes = looks_dated(text) && byline_name_length(text) == 0;
	free(text);
	return yes;
}

/* A last block that is not the article's: a line of links (to the list, to other stories),
 * a short closing line, or the heading over such lines once they are gone (a heading that
 * ends the text by itself may be the page's own). */
static int last_char(const xmlNode *n);

static int is_tail_furniture(xmlNode *n, int after_dropped)
{
	const struct ninfo *in = info(n);
	char *text;
	int yes;

	if (has_media(n) || dom_is(n, "table") || dom_is(n, "figure") || in->text_len > 250)
		return 0;
	if (dom_is_heading(n))
		return after_dropped;
	if (is_date_line(n))
		return 1;
	/* "More on this:" left last once what it introduced went: nothing follows it now */
	if (after_dropped && in->text_len <= 100 && last_char(n) == ':')
		return 1;
	if (in->link_len * 10 >= in->text_len * 8 && in->text_len < 200)
		return 1;
	text = dom_text(n);
	yes = is_closing_line(text);
	free(text);
	return yes;
}

/* Drops the page's time stamp when it opens the article. */
static void trim_head(xmlNode *container)
{
	for (int i = 0; i < 3; i++) {
		xmlNode *first = edge_block(container, 1);

		if (!first || !is_date_line(first))
			break;
		while (first->parent != container &&
		       info(first->parent)->text_len == info(first)->text_len)
			first = first->parent;
		dom_remove(first);
		compute_stats(container);
	}
}

/* Drops the furniture at the end of the article, last block first, as long as what is
 * dropped stays small beside what remains. */
static void trim_tail(xmlNode *container)
{
	int dropped = 0;

	for (int i = 0; i < 12; i++) {
		xmlNode *last = edge_block(container, 0);
		int len;

		if (!last || !is_tail_furniture(last, dropped > 0))
			break;
		len = info(last)->text_len;
		if ((dropped + len) * 4 > info(container)->text_len)
			break;
		dropped += len;
		while (last->parent != container && info(last->parent)->text_len == len &&
		       !has_media(last->parent))
			last = last->parent;
		dom_remove(last);
		compute_stats(container);
	}
}

/* The last character of the text under n, skipping white space (ASCII only matters). */
static int last_char(const xmlNode *n)
{
	char *t = dom_text(n);
	size_t len = strlen(t);
	int c = len ? (unsigned char)t[len - 1] : 0;

	free(t);
	return c;
}

static int first_char(const xmlNode *n)
{
	char *t = dom_text(n);
	int c = (unsigned char)t[0];

	free(t);
	return c;
}

/* "<p>The minister said that</p> [ad removed] <p>the plan would go ahead.</p>": a paragraph
 * that stops mid-sentence followed by one that starts in lower case is one paragraph. */
static void rejoin_split_paragraphs(xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		xmlNode *next;
		int end, start;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!dom_is(c, "p")) {
			rejoin_split_paragraphs(c);
			continue;
		}
		while ((next = dom_next_element(c)) && dom_is(next, "p")) {
			int blank_between = 1;
			for (xmlNode *k = c->next; k != next; k = k->next)
				if (!is_blank_text(k))
					blank_between = 0;
			if (!blank_between)
				break;
			end = last_char(c);
			start = first_char(next);
			if (!(end && ((end >= 'a' && end <= 'z') || end == ',' || end >= 0x80) &&
			      start >= 'a' && start <= 'z'))
				break;
			xmlAddChild(c, xmlNewDocText(c->doc, BAD_CAST " "));
			while (next->children) {
				xmlNode *k = next->children;
				xmlUnlinkNode(k);
				xmlAddChild(c, k);
			}
			dom_remove(next);
		}
	}
}

/* Images whose real source waits in a data- attribute for a script that will not run. */
static void fix_lazy_images(xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (dom_is(c, "img")) {
			const char *src = dom_attr(c, "src");
			static const char *const lazy[] = {"data-src", "data-original",
			                                   "data-lazy-src", "data-url", NULL};
			if (!src || !*src || str_starts_with(src, "data:")) {
				for (int i = 0; lazy[i]; i++) {
					const char *v = dom_attr(c, lazy[i]);
					if (v && *v && !str_starts_with(v, "data:")) {
						xmlSetProp(c, BAD_CAST "src", BAD_CAST v);
						break;
					}
				}
			}
		}
		fix_lazy_images(c);
	}
}

/* ---- output ---- */

static int is_void_element(const char *name)
{
	static const char *const v[] = {"area", "br",   "col",   "embed",  "hr",    "img", "input",
	                                "link", "meta", "param", "source", "track", "wbr", NULL};

	for (int i = 0; v[i]; i++)
		if (strcmp(name, v[i]) == 0)
			return 1;
	return 0;
}

static void escape_html(struct buf *out, const char *s, int attr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			if (attr) {
				buf_puts(out, "&quot;");
				break;
			}
			/* fall through */
		default:
			buf_putc(out, *s);
		}
	}
}

static int is_url_attr(const char *name)
{
	return strcmp(name, "href") == 0 || strcmp(name, "src") == 0 ||
	       strcmp(name, "poster") == 0 || strcmp(name, "cite") == 0;
}

static int is_kept_attr(const char *name)
{
	static const char *const keep[] = {
	    "href",     "src",  "alt",    "title",  "colspan", "rowspan", "lang",  "dir",
	    "datetime", "cite", "poster", "srcset", "width",   "height",  "start", NULL};

	for (int i = 0; keep[i]; i++)
		if (strcmp(name, keep[i]) == 0)
			return 1;
	return 0;
}

/* A link of the article made absolute; a fragment of the page itself stays as it is. */
static char *resolve_url(const char *base, const char *url)
{
	char *out;

	if (!base || !*base || url[0] == '#' || !(out = url_resolve(base, url)))
		return xstrdup(url);
	return out;
}

static void serialise(const char *base, const xmlNode *n, struct buf *out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				escape_html(out, (const char *)c->content, 0);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		buf_printf(out, "<%s", (const char *)c->name);
		for (const xmlAttr *a = c->properties; a; a = a->next) {
			const char *name = (const char *)a->name;
			const char *value = dom_attr(c, name);

			if (!value || !is_kept_attr(name))
				continue;
			if (is_url_attr(name)) {
				char *abs;
				if (str_ncasecmp_ascii(value, "javascript:", 11) == 0)
					continue;
				abs = resolve_url(base, value);
				buf_printf(out, " %s=\"", name);
				escape_html(out, abs, 1);
				free(abs);
			} else {
				buf_printf(out, " %s=\"", name);
				escape_html(out, value, 1);
			}
			buf_putc(out, '"');
		}
		buf_putc(out, '>');
		if (is_void_element((const char *)c->name))
			continue;
		serialise(base, c, out);
		buf_printf(out, "</%s>", (const char *)c->name);
	}
}

/* ---- one pass and the whole ---- */

struct pass_result {
	xmlNode *container; /* in cx->doc, unlinked */
	int text_len;
	int link_len;
	const char *dir; /* "rtl" or "ltr" from the article's nearest ancestor that says, or NULL */
	/* the lead above the chosen block, in the page (find_lead), or NULL; added once the pass
	 * is chosen, so that it weighs in neither the choice nor whether there is an article */
	const xmlNode *lead;
};

/* The direction the article's nearest element that states one gives it (the top candidate
 * itself, then its ancestors up to <html>), as browsers inherit dir. */
static const char *stated_direction(const xmlNode *n)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		const char *d = dom_attr(n, "dir");

		if (d && str_casecmp_ascii(d, "rtl") == 0)
			return "rtl";
		if (d && str_casecmp_ascii(d, "ltr") == 0)
			return "ltr";
	}
	return NULL;
}

static int is_rtl_letter(uint32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08ff) || /* Hebrew, Arabic, Syriac, Thaana, NKo, ... */
	       (cp >= 0xfb1d && cp <= 0xfdff) || /* Hebrew and Arabic presentation forms */
	       (cp >= 0xfe70 && cp <= 0xfeff) || (cp >= 0x10800 && cp <= 0x10fff) ||
	       (cp >= 0x1e800 && cp <= 0x1efff);
}

static int is_ltr_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	/* letters of the other scripts, roughly: not punctuation, symbols or marks */
	return cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 && !is_rtl_letter(cp) &&
	       !(cp >= 0x2000 && cp <= 0x2bff) && !(cp >= 0x3000 && cp <= 0x303f) &&
	       !(cp >= 0xfe00 && cp <= 0xfe6f) && !(cp >= 0x1f000 && cp <= 0x1faff) &&
	       !(cp >= 0x0300 && cp <= 0x036f);
}

/* When nothing on the page says: the direction of the script most of the letters of the
 * text are written in (an Arabic or Hebrew page without dir reads right to left). */
static const char *script_direction(const char *text)
{
	size_t len = strlen(text);
	long rtl = 0, ltr = 0;

	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += utf8_decode(text + i, len - i, &cp);
		if (is_rtl_letter(cp))
			rtl++;
		else if (is_ltr_letter(cp))
			ltr++;
	}
	return rtl > ltr ? "rtl" : NULL;
}

/* ---- the lead: the page's own summary, above the body ---- */

/* The summary a page gives in its metadata (og:description, JSON-LD description) is often the
 * article's lead, printed in the article's header above the body, outside the block the body
 * finder picks. A paragraph there (not a caption) whose text is that summary is the lead: the
 * publisher names it so, in markup that is the same on every site. It must sit in the same
 * part of the page as the body: their common ancestor at most LEAD_MAX_LEVELS above the
 * body's block (headers sit a few levels from their text; a teaser of the same story in
 * another column of the page shares no more than the page's frame with it). */
#define LEAD_MIN_CHARS 40
#define LEAD_MAX_LEVELS 8

/* s with every run of white space (no-break spaces too) made one space, trimmed. */
static char *spaced(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	int space = 0;

	while (*s) {
		size_t nbsp = (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0 ? 2 : 0;

		if (nbsp || *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			space = 1;
			s += nbsp ? nbsp : 1;
			continue;
		}
		if (space && o > out)
			*o++ = ' ';
		space = 0;
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Takes a mark of a summary cut short off its end ("...", "\u2026", "[\u2026]", "[...]");
 * 1 if there was one. */
static int strip_cut_mark(char *s)
{
	static const char *const marks[] = {"[\xe2\x80\xa6]", "[...]", "\xe2\x80\xa6", "...", NULL};
	size_t len = strlen(s);

	for (int i = 0; marks[i]; i++) {
		size_t ml = strlen(marks[i]);
		if (len >= ml && strcmp(s + len - ml, marks[i]) == 0) {
			s[len - ml] = '\0';
			str_trim(s);
			return 1;
		}
	}
	return 0;
}

/* text is the summary: the same words; or the summary is cut short and text goes on; or
 * text is the first part of a longer summary (of some length: half of it at least). */
static int is_summary(const char *text_in, const char *summary_in)
{
	char *text = spaced(text_in), *summary = spaced(summary_in);
	int cut = strip_cut_mark(summary), yes = 0;
	size_t ls, lt;

	while ((ls = strlen(summary)) > 0 && summary[ls - 1] == '.')
		summary[ls - 1] = '\0';
	while ((lt = strlen(text)) > 0 && text[lt - 1] == '.')
		text[lt - 1] = '\0';
	if (ls >= LEAD_MIN_CHARS && lt >= ls && strncmp(text, summary, ls) == 0)
		yes = cut || lt - ls < lt / 3 + 1;
	else if (lt >= 2 * LEAD_MIN_CHARS && lt * 2 >= ls && lt < ls &&
	         strncmp(text, summary, lt) == 0)
		yes = 1;
	free(text);
	free(summary);
	return yes;
}

/* The last block before stop (in document order) whose text is the summary; 1 once stop is
 * reached. */
static int find_summary_block(xmlNode *n, xmlNode *stop, const char *summary, int summary_len,
                              xmlNode **found)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		const struct ninfo *in;

		if (c == stop)
			return 1;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		in = info(c);
		if (in->skip || in->text_len < summary_len / 2)
			continue;
		if (!in->has_block && in->link_len * 2 < in->text_len && dom_is(c, "p") &&
		    !is_caption(c)) {
			char *text = dom_text(c);
			if (is_summary(text, summary))
				*found = c;
			free(text);
			continue;
		}
		if (find_summary_block(c, stop, summary, summary_len, found))
			return 1;
	}
	return 0;
}

static int levels_between(const xmlNode *ancestor, const xmlNode *n)
{
	int levels = 0;

	for (; n && n != ancestor; n = n->parent)
		levels++;
	return n ? levels : -1;
}

/* The lead above top: a block before it that is the page's summary, in the same part of the
 * page (their common ancestor at most a few levels above top), or NULL. */
static xmlNode *find_lead(struct ctx *cx, xmlNode *top)
{
	const char *summary = cx->meta->excerpt;
	xmlNode *lead = NULL, *common;
	int levels;

	if (!summary || code_points(summary) < LEAD_MIN_CHARS || top == cx->body)
		return NULL;
	find_summary_block(cx->body, top, summary, code_points(summary), &lead);
	if (!lead)
		return NULL;
	for (common = top->parent; common && !is_ancestor(common, lead); common = common->parent)
		;
	levels = common ? levels_between(common, top) : -1;
	return levels > 0 && levels <= LEAD_MAX_LEVELS && common != cx->body ? lead : NULL;
}

/* Puts the lead's text first in the container, unless the container has it already. */
static void add_lead(xmlDoc *doc, xmlNode *container, const xmlNode *lead)
{
	char *lead_text = dom_text(lead), *body_text = dom_text(container);
	size_t probe = strlen(lead_text) < 60 ? strlen(lead_text) : 60;
	char *start = xstrndup(lead_text, probe);

	if (!strstr(body_text, start)) {
		xmlNode *p = xmlNewDocNode(doc, NULL, BAD_CAST "p", NULL);
		xmlAddChild(p, xmlNewDocText(doc, BAD_CAST lead_text));
		if (container->children)
			xmlAddPrevSibling(container->children, p);
		else
			xmlAddChild(container, p);
	}
	free(start);
	free(lead_text);
	free(body_text);
}

static void run_pass(struct ctx *cx, struct infos *page, struct pass_result *res)
{
	struct top_list top;
	xmlNode *best, *container;
	struct infos copy_infos;

	memset(page->v, 0, page->count * sizeof(*page->v));
	free(cx->dom_byline);
	cx->dom_byline = NULL;
	mark_furniture(cx, cx->body, 0);
	compute_stats(cx->body);
	skip_threads(cx, cx->body);
	skip_other_stories(cx);
	compute_stats(cx->body);
	score_tree(cx, cx->body);
	memset(&top, 0, sizeof(top));
	collect_top(cx->body, &top);
	best = choose_top(cx, &top);
	if (!best)
		best = cx->body;
	res->dir = stated_direction(best);
	res->lead = find_lead(cx, best);
	container = gather_article(cx, best, top.node[0]);

	attach_infos(container, &copy_infos);
	compute_stats(container);
	clean_tree(cx, container, container);
	compute_stats(container);
	drop_repeats(container);
	trim_tail(container);
	trim_head(container);
	rejoin_split_paragraphs(container);
	fix_lazy_images(container);
	compute_stats(container);
	res->container = container;
	res->text_len = info(container)->text_len;
	res->link_len = info(container)->link_len;
	detach_infos(container);
	free(copy_infos.v);
}

static void free_container(xmlNode *container)
{
	if (container) {
		xmlUnlinkNode(container);
		xmlFreeNode(container);
	}
}

/* Paragraphs of a JSON-LD articleBody as HTML, for pages whose markup hides the text. */
static xmlNode *container_from_text(xmlDoc *doc, const char *text)
{
	xmlNode *container = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, "\n");
		char *para = xstrndup(p, len);

		str_trim(para);
		if (*para) {
			xmlNode *el = xmlNewDocNode(doc, NULL, BAD_CAST "p", NULL);
			xmlAddChild(el, xmlNewDocText(doc, BAD_CAST para));
			xmlAddChild(container, el);
		}
		free(para);
		p += len;
		if (*p)
			p++;
	}
	return container;
}

static int text_length(const char *s)
{
	struct ninfo in = {0};

	count_text(s, &in);
	return in.text_len;
}

static char *html_of(const char *base, const xmlNode *container)
{
	struct buf b;
	char *clean;

	buf_init(&b);
	buf_puts(&b, "");
	serialise(base, container, &b);
	/* no control character or bidirectional override survives, even inside markup */
	clean = text_sanitize(b.data, b.len, TEXT_KEEP_NEWLINES);
	buf_free(&b);
	return clean;
}

static char *text_of(const xmlNode *container)
{
	struct buf b;
	char *raw, *clean;

	buf_init(&b);
	buf_puts(&b, "");
	dom_to_text(container, &b);
	raw = buf_steal(&b);
	clean = text_sanitize_str(raw, TEXT_KEEP_NEWLINES);
	free(raw);
	return clean;
}

static char *effective_base(const struct extract_options *opts, const struct page_meta *meta)
{
	const char *base = opts ? opts->base_url : NULL;

	if (meta->base_href && *meta->base_href)
		return base ? resolve_url(base, meta->base_href) : xstrdup(meta->base_href);
	return base ? xstrdup(base) : NULL;
}

static char *first_paragraph_excerpt(const xmlNode *container)
{
	xmlNode *p = dom_find((xmlNode *)container, "p");
	char *t, *clean;

	if (!p)
		return NULL;
	t = dom_text(p);
	clean = text_sanitize_str(t, TEXT_COLLAPSE_SPACE);
	free(t);
	if (!*clean) {
		free(clean);
		return NULL;
	}
	return clean;
}

/* A short result is an article only when it is all the page says (a page of one paragraph),
 * never on a page that asks for a password: home pages and login walls say so instead. */
static int is_article(const struct ctx *cx, const struct pass_result *r)
{
	if (r->text_len >= NO_ARTICLE_BELOW_CHARS)
		return 1;
	if (r->text_len == 0 || cx->has_password || r->link_len * 10 > r->text_len * 3)
		return 0;
	return cx->page_text_len - r->text_len < 40;
}

static xmlDoc *parse_page(const char *data, size_t len, const char *http_charset)
{
	const int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                    HTML_PARSE_RECOVER | HTML_PARSE_COMPACT;
	/* Text that is valid UTF-8 is read as such whatever its <meta> says: pages declare
	 * Latin-1 and send UTF-8 far more often than the other way round. */
	const char *encoding = utf8_is_valid(data, len) ? "UTF-8" : http_charset;

	xmlDoc *doc;
	char *copy = NULL;

	if (len > (size_t)INT32_MAX)
		return NULL;
	/* libxml2 ends the document at a NUL byte; browsers skip it and read on (a page padded
	 * with NULs halfway through must not lose its second half) */
	if (memchr(data, '\0', len)) {
		size_t n = 0;

		copy = xmalloc(len);
		for (size_t i = 0; i < len; i++)
			if (data[i] != '\0')
				copy[n++] = data[i];
		data = copy;
		len = n;
	}
	doc = htmlReadMemory(data, (int)len, NULL, encoding, options);
	free(copy);
	return doc;
}

/* The host of an absolute http(s) URL, lower case, without a leading "www."; NULL if none. */
static char *site_of(const char *url)
{
	xmlURIPtr u = url ? xmlParseURI(url) : NULL;
	char *host = NULL;

	if (u && u->server && u->scheme &&
	    (str_casecmp_ascii(u->scheme, "http") == 0 ||
	     str_casecmp_ascii(u->scheme, "https") == 0)) {
		const char *h = u->server;
		if (str_ncasecmp_ascii(h, "www.", 4) == 0)
			h += 4;
		host = xstrdup(h);
		for (char *p = host; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
	}
	if (u)
		xmlFreeURI(u);
	return host;
}

static char *same_site_canonical(const char *canonical, const char *base)
{
	char *abs, *site, *page_site;
	int same;

	if (!canonical || !base)
		return NULL;
	{
		char *trimmed = xstrdup(canonical);
		abs = resolve_url(base, str_trim(trimmed));
		free(trimmed);
	}
	site = site_of(abs);
	page_site = site_of(base);
	same = site && page_site && strcmp(site, page_site) == 0;
	free(site);
	free(page_site);
	if (!same) {
		free(abs);
		return NULL;
	}
	return abs;
}

static void fill_article(struct article *a, struct ctx *cx, const xmlNode *container,
                         const char *base)
{
	const struct page_meta *m = cx->meta;

	a->title = m->title ? xstrdup(m->title) : NULL;
	a->byline = m->byline        ? xstrdup(m->byline)
	            : cx->dom_byline ? xstrdup(cx->dom_byline)
	                             : NULL;
	a->site_name = m->site_name ? xstrdup(m->site_name) : NULL;
	a->lang = m->lang ? xstrdup(m->lang) : NULL;
	a->excerpt = m->excerpt ? xstrdup(m->excerpt) : first_paragraph_excerpt(container);
	a->published = date_parse_iso8601(m->published_text);
	a->html = html_of(base, container);
	a->text = text_of(container);
	if (!a->dir)
		a->dir = m->dir ? xstrdup(m->dir) : NULL;
	if (!a->dir && script_direction(a->text))
		a->dir = xstrdup(script_direction(a->text));
	a->canonical = same_site_canonical(m->canonical, base);
}

int extract_article(const char *data, size_t len, const struct extract_options *opts,
                    struct article **out, char **err)
{
	static const int passes[] = {
	    PASS_STRIP_UNLIKELY | PASS_WEIGHT_CLASSES | PASS_CLEAN_CONDITIONALLY,
	    PASS_WEIGHT_CLASSES | PASS_CLEAN_CONDITIONALLY, PASS_CLEAN_CONDITIONALLY, 0};
	size_t max_size =
	    opts && opts->max_size ? opts->max_size : (size_t)settings.max_feed_size << 20;
	struct page_meta meta;
	struct ctx cx;
	struct infos page;
	struct pass_result best = {NULL, -1, 0, NULL, NULL};
	char *best_byline = NULL, *base;
	xmlDoc *doc;
	struct article *a;

	*out = NULL;
	if (memchr(data, '\0', len < 4096 ? len : 4096)) {
		*err = xstrdup("no article found: the page is binary, not HTML");
		return -1;
	}
	if (max_size == 0)
		max_size = (size_t)32 << 20;
	if (len > max_size) {
		*err = xasprintf("the page is larger than %zu MiB", max_size >> 20);
		return -1;
	}
	doc = parse_page(data, len, opts ? opts->http_charset : NULL);
	if (!doc || !xmlDocGetRootElement(doc)) {
		if (doc)
			xmlFreeDoc(doc);
		*err = xstrdup("no article found: the page is empty or not HTML");
		return -1;
	}
	page_meta_read(doc, &meta);
	memset(&cx, 0, sizeof(cx));
	cx.doc = doc;
	cx.meta = &meta;
	cx.body = dom_find(xmlDocGetRootElement(doc), "body");
	if (!cx.body)
		cx.body = xmlDocGetRootElement(doc);
	cx.has_password = has_password_field(cx.body);
	tidy(doc, cx.body);
	attach_infos(cx.body, &page);
	compute_stats(cx.body);
	cx.page_text_len = info(cx.body)->text_len;

	for (size_t i = 0; i < ARRAY_LEN(passes); i++) {
		struct pass_result r;

		cx.flags = passes[i];
		run_pass(&cx, &page, &r);
		/* a later, laxer pass must find clearly more to win: a little more is usually the
		 * comments or the related links the first pass left out */
		if (r.text_len > (best.text_len > 0 ? best.text_len * 3 / 2 : 0)) {
			free_container(best.container);
			best = r;
			free(best_byline);
			best_byline = cx.dom_byline ? xstrdup(cx.dom_byline) : NULL;
		} else {
			free_container(r.container);
		}
		if (best.text_len >= RETRY_BELOW_CHARS)
			break;
	}
	free(cx.dom_byline);
	cx.dom_byline = best_byline;

	/* The markup may hide the text (scripts fill it in) while JSON-LD carries it whole. */
	if (meta.ld_body && text_length(meta.ld_body) > 2 * best.text_len + 200) {
		free_container(best.container);
		best.container = container_from_text(doc, meta.ld_body);
		best.text_len = text_length(meta.ld_body);
		best.link_len = 0;
	}

	if (!is_article(&cx, &best)) {
		*err = xstrdup("no article found on the page");
		free_container(best.container);
		free(cx.dom_byline);
		detach_infos(cx.body);
		free(page.v);
		page_meta_free(&meta);
		xmlFreeDoc(doc);
		return -1;
	}
	if (best.lead)
		add_lead(doc, best.container, best.lead);
	base = effective_base(opts, &meta);
	a = xcalloc(1, sizeof(*a));
	a->dir = best.dir ? xstrdup(best.dir) : NULL;
	fill_article(a, &cx, best.container, base);
	free(base);
	free_container(best.container);
	free(cx.dom_byline);
	detach_infos(cx.body);
	free(page.v);
	page_meta_free(&meta);
	xmlFreeDoc(doc);
	*out = a;
	return 0;
}

void article_free(struct article *a)
{
	if (!a)
		return;
	free(a->title);
	free(a->byline);
	free(a->site_name);
	free(a->lang);
	free(a->dir);
	free(a->excerpt);
	free(a->html);
	free(a->text);
	free(a->canonical);
	free(a);
}

char *extract_html_to_text(const char *html, size_t len)
{
	xmlDoc *doc = parse_page(html, len, NULL);
	xmlNode *root;
	char *text;

	if (!doc)
		return xstrdup("");
	root = dom_find(xmlDocGetRootElement(doc), "body");
	if (!root)
		root = xmlDocGetRootElement(doc);
	text = root ? text_of(root) : xstrdup("");
	xmlFreeDoc(doc);
	return text;
}

char *extract_clean_html(const char *html, size_t len, const char *base_url)
{
	xmlDoc *doc = parse_page(html, len, NULL);
	xmlNode *root;
	char *out;

	if (!doc)
		return xstrdup("");
	root = dom_find(xmlDocGetRootElement(doc), "body");
	if (!root)
		root = xmlDocGetRootElement(doc);
	if (!root) {
		xmlFreeDoc(doc);
		return xstrdup("");
	}
	tidy(doc, root);
	fix_lazy_images(root);
	out = html_of(base_url, root);
	xmlFreeDoc(doc);
	return out;
}
