/* HTML's named entities for XML documents that use them without declaring them (OPML files
 * write &nbsp; and &eacute;): libxml2 getEntity handlers that answer them as predefined
 * entities, substituted as text and never as a subtree. The one entity decoder of the OPML
 * reader and the feed parser. */
#ifndef TIDINGS_CORE_XMLENT_H
#define TIDINGS_CORE_XMLENT_H

#include <libxml/parser.h>

/* For ctxt->sax->getEntity; NULL for names HTML does not define. One table for the process,
 * filled on demand. */
xmlEntityPtr xml_html_entity(void *ctx, const xmlChar *name);
/* The same, but a name neither XML nor HTML defines stays the text it was written as,
 * "&foo;", as an HTML reader shows it, so that the words around it are not lost (feeds). */
xmlEntityPtr xml_html_entity_or_text(void *ctx, const xmlChar *name);

/* libxml2 2.9 copies only the first byte of a predefined entity into an attribute value, so
 * documents whose attributes matter (OPML titles) have their HTML named references made
 * numeric first: "&eacute;" becomes "&#233;". XML's own five and unknown names are left for
 * the parser. Returns a new buffer (its length in *out_len), or NULL when there was nothing
 * to change. */
char *xml_html_entities_to_numeric(const char *data, size_t len, size_t *out_len);

#endif
