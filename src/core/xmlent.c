#include "core/xmlent.h"
#include "core/text.h"

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/hash.h>

#include "core/util.h"

#include <string.h>

xmlEntityPtr xml_html_entity(void *ctx, const xmlChar *name)
{
	static xmlHashTablePtr table;
	const htmlEntityDesc *desc;
	xmlEntityPtr ent;
	char utf8[5];

	(void)ctx;
	if (!table)
		table = xmlHashCreate(64);
	if ((ent = xmlHashLookup(table, name)))
		return ent;
	if (!(desc = htmlEntityLookup(name)))
		return NULL;
	utf8[utf8_encode(desc->value, utf8)] = '\0';
	ent = xmlNewEntity(NULL, name, XML_INTERNAL_PREDEFINED_ENTITY, NULL, NULL,
	                   (const xmlChar *)utf8);
	if (ent)
		xmlHashAddEntry(table, name, ent); /* cannot be there already: looked up above */
	return ent;
}

/* Longest HTML entity name (&CounterClockwiseContourIntegral; is 31; HTML 4's are shorter). */
#define ENTITY_NAME_MAX 32

static int is_xml_predefined(const char *name)
{
	return strcmp(name, "amp") == 0 || strcmp(name, "lt") == 0 || strcmp(name, "gt") == 0 ||
	       strcmp(name, "quot") == 0 || strcmp(name, "apos") == 0;
}

/* The length of the name of a reference "&name;" at s (s[0] == '&'), 0 if it is not one. */
static size_t reference_name(const char *s, size_t len, char name[ENTITY_NAME_MAX + 1])
{
	size_t n = 0;

	while (1 + n < len && n < ENTITY_NAME_MAX &&
	       ((s[1 + n] >= 'a' && s[1 + n] <= 'z') || (s[1 + n] >= 'A' && s[1 + n] <= 'Z') ||
	        (n > 0 && s[1 + n] >= '0' && s[1 + n] <= '9')))
		n++;
	if (n == 0 || 1 + n >= len || s[1 + n] != ';')
		return 0;
	memcpy(name, s + 1, n);
	name[n] = '\0';
	return n;
}

char *xml_html_entities_to_numeric(const char *data, size_t len, size_t *out_len)
{
	struct buf out;
	size_t done = 0;
	const char *amp;

	buf_init(&out);
	for (size_t i = 0; i < len; i = (size_t)(amp - data) + 1) {
		char name[ENTITY_NAME_MAX + 1];
		const htmlEntityDesc *desc;
		size_t n;

		amp = memchr(data + i, '&', len - i);
		if (!amp)
			break;
		n = reference_name(amp, len - (size_t)(amp - data), name);
		if (n == 0 || is_xml_predefined(name) ||
		    !(desc = htmlEntityLookup((const xmlChar *)name)))
			continue;
		buf_append(&out, data + done, (size_t)(amp - data) - done);
		buf_printf(&out, "&#%u;", desc->value);
		done = (size_t)(amp - data) + n + 2;
	}
	if (done == 0)
		return NULL;
	buf_append(&out, data + done, len - done);
	*out_len = out.len;
	return buf_steal(&out);
}
