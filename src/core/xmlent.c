#include "core/xmlent.h"
#include "core/text.h"

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/hash.h>

#include "core/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Undefined references kept as text ("&foo;") have a table of their own, bounded: past
 * that many names a hostile document's next ones are dropped, as libxml2 would. */
#define MAX_KEPT_REFERENCES 1024

/* A predefined entity standing for value, kept in table under name. */
static xmlEntityPtr remember_entity(xmlHashTablePtr table, const xmlChar *name, const char *value)
{
	xmlEntityPtr ent = xmlNewEntity(NULL, name, XML_INTERNAL_PREDEFINED_ENTITY, NULL, NULL,
	                                (const xmlChar *)value);
	if (ent)
		xmlHashAddEntry(table, name, ent); /* cannot be there already: looked up before */
	return ent;
}

/* The tables are the process's, filled on demand; tasks parse on threads, so they are
 * touched under a lock. An entity, once made, is never changed or freed. */
static xmlHashTablePtr html_table, kept_table;
static pthread_mutex_t tables_lock = PTHREAD_MUTEX_INITIALIZER;

static xmlEntityPtr html_entity_locked(const xmlChar *name)
{
	const htmlEntityDesc *desc;
	xmlEntityPtr ent;
	char utf8[5];

	if (!html_table)
		html_table = xmlHashCreate(64);
	if ((ent = xmlHashLookup(html_table, name)))
		return ent;
	if (!(desc = htmlEntityLookup(name)))
		return NULL;
	utf8[utf8_encode(desc->value, utf8)] = '\0';
	return remember_entity(html_table, name, utf8);
}

static xmlEntityPtr kept_text_locked(const xmlChar *name)
{
	xmlEntityPtr ent;
	char *as_written;

	if (!kept_table)
		kept_table = xmlHashCreate(16);
	if ((ent = xmlHashLookup(kept_table, name)))
		return ent;
	if (xmlHashSize(kept_table) >= MAX_KEPT_REFERENCES || xmlStrlen(name) > 64)
		return NULL;
	as_written = xasprintf("&%s;", (const char *)name);
	ent = remember_entity(kept_table, name, as_written);
	free(as_written);
	return ent;
}

xmlEntityPtr xml_html_entity(void *ctx, const xmlChar *name)
{
	xmlEntityPtr ent;

	(void)ctx;
	pthread_mutex_lock(&tables_lock);
	ent = html_entity_locked(name);
	pthread_mutex_unlock(&tables_lock);
	return ent;
}

xmlEntityPtr xml_html_entity_or_text(void *ctx, const xmlChar *name)
{
	xmlEntityPtr ent;

	(void)ctx;
	pthread_mutex_lock(&tables_lock);
	if (!(ent = html_entity_locked(name)))
		ent = kept_text_locked(name);
	pthread_mutex_unlock(&tables_lock);
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
