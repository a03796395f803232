/* Feed discovery: the page's <link rel="alternate"> elements, then the usual places. The page is
 * hostile: libxml2's HTML parser reads it with no network access, and every URL found must
 * resolve to http or https. */
#include "tasks/discover.h"
#include "core/url.h"
#include "core/util.h"

#include <curl/curl.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

/* A page announcing more than this is not listing its own feeds. */
#define DISCOVER_MAX 32

static const char *const feed_types[] = {
    "application/rss+xml",   "application/atom+xml", "application/rdf+xml",
    "application/feed+json", "application/json",     "text/xml",
    "application/xml",
};

static const char *const common_paths[] = {"feed", "rss.xml", "atom.xml", "index.xml", "feed.xml"};

void url_list_add(struct url_list *l, const char *url)
{
	for (int i = 0; i < l->count; i++)
		if (strcmp(l->urls[i], url) == 0)
			return;
	if (l->count >= DISCOVER_MAX)
		return;
	l->urls = xrealloc(l->urls, sizeof(*l->urls) * (size_t)(l->count + 1));
	l->urls[l->count++] = xstrdup(url);
}

void url_list_free(struct url_list *l)
{
	for (int i = 0; i < l->count; i++)
		free(l->urls[i]);
	free(l->urls);
	l->urls = NULL;
	l->count = 0;
}

/* rel is a space-separated list of tokens, compared without case. */
static int has_token(const char *list, const char *token)
{
	size_t n = strlen(token);

	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
			p++;
		size_t len = strcspn(p, " \t\n\r\f");
		if (len == n && str_ncasecmp_ascii(p, token, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

static int is_feed_type(const char *type)
{
	size_t len = strcspn(type, "; \t");

	for (size_t i = 0; i < ARRAY_LEN(feed_types); i++)
		if (strlen(feed_types[i]) == len &&
		    str_ncasecmp_ascii(type, feed_types[i], len) == 0)
			return 1;
	return 0;
}

static void visit(xmlNode *node, const char *base, struct url_list *out, int depth)
{
	/* Deeply nested hostile pages must not exhaust the stack. */
	if (depth > 256)
		return;
	for (xmlNode *n = node; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (str_casecmp_ascii((const char *)n->name, "link") == 0) {
			xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel");
			xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
			xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
			if (rel && type && href && has_token((const char *)rel, "alternate") &&
			    is_feed_type((const char *)type)) {
				char *url = url_resolve_web(base, (const char *)href);
				if (url)
					url_list_add(out, url);
				free(url);
			}
			xmlFree(rel);
			xmlFree(type);
			xmlFree(href);
		}
		visit(n->children, base, out, depth + 1);
	}
}

void discover_links(const char *html, size_t len, const char *base, struct url_list *out)
{
	htmlDocPtr doc;

	if (len > (size_t)INT32_MAX)
		return;
	doc = htmlReadMemory(html, (int)len, base, NULL,
	                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                         HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	if (!doc)
		return;
	visit(xmlDocGetRootElement(doc), base, out, 0);
	xmlFreeDoc(doc);
}

void discover_guesses(const char *base, struct url_list *out)
{
	CURLU *u = curl_url();
	char *path = NULL;

	if (!u)
		return;
	if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK && strcmp(path, "/") != 0) {
		/* Under the page itself: https://example.org/blog -> /blog/feed */
		size_t n = strlen(path);
		for (size_t i = 0; i < ARRAY_LEN(common_paths); i++) {
			char *rel = xasprintf("%s%s%s", path, path[n - 1] == '/' ? "" : "/",
			                      common_paths[i]);
			char *url = url_resolve_web(base, rel);
			if (url)
				url_list_add(out, url);
			free(url);
			free(rel);
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(common_paths); i++) {
		char *rel = xasprintf("/%s", common_paths[i]);
		char *url = url_resolve_web(base, rel);
		if (url)
			url_list_add(out, url);
		free(url);
		free(rel);
	}
	curl_free(path);
	curl_url_cleanup(u);
}
