/* OPML: folders to tags, titles, duplicates, refused URLs, hostile documents, and writing that
 * reads back the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/opml.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void parse_ok(const char *text, struct opml_doc *doc)
{
	char *err = NULL;
	int rc = opml_parse(text, strlen(text), doc, &err);
	if (rc != 0)
		fail_msg("opml_parse refused: %s", err);
}

static char *parse_err(const char *text)
{
	struct opml_doc doc;
	char *err = NULL;
	assert_int_equal(opml_parse(text, strlen(text), &doc, &err), -1);
	assert_non_null(err);
	assert_int_equal(doc.feed_count, 0);
	return err;
}

static void test_folders_become_tags(void **state)
{
	struct opml_doc doc;
	parse_ok("<?xml version='1.0'?><opml version='2.0'><head><title>Mine</title></head><body>"
	         "<outline type='rss' text='Top' xmlUrl='https://top.example/feed'/>"
	         "<outline text='News'><outline text='World'>"
	         "<outline type='rss' text='Deep &amp; wide' "
	         "xmlUrl='http://deep.example/rss?a=1&amp;b=2'/>"
	         "</outline></outline></body></opml>",
	         &doc);
	assert_string_equal(doc.title, "Mine");
	assert_int_equal(doc.feed_count, 2);
	assert_string_equal(doc.feeds[0].url, "https://top.example/feed");
	assert_string_equal(doc.feeds[0].title, "Top");
	assert_int_equal(doc.feeds[0].tag_count, 0);
	assert_string_equal(doc.feeds[1].url, "http://deep.example/rss?a=1&b=2");
	assert_string_equal(doc.feeds[1].title, "Deep & wide");
	assert_int_equal(doc.feeds[1].tag_count, 2);
	assert_string_equal(doc.feeds[1].tags[0], "News");
	assert_string_equal(doc.feeds[1].tags[1], "World");
	opml_doc_free(&doc);
}

static void test_title_attribute_wins_and_url_text_is_no_title(void **state)
{
	struct opml_doc doc;
	parse_ok("<opml version='1.0'><body>"
	         "<outline text='short' title='Long title' xmlUrl='https://a.example/'/>"
	         "<outline text='https://b.example/' xmlUrl='https://b.example/'/>"
	         "</body></opml>",
	         &doc);
	assert_string_equal(doc.feeds[0].title, "Long title");
	assert_null(doc.feeds[1].title);
	opml_doc_free(&doc);
}

static void test_duplicates_merge_tags(void **state)
{
	struct opml_doc doc;
	parse_ok("<opml><body><outline text='a'><outline xmlUrl='https://x.example/'/></outline>"
	         "<outline text='b'><outline xmlUrl='https://x.example/'/></outline>"
	         "<outline xmlUrl='https://x.example/' category='/c,/a'/></body></opml>",
	         &doc);
	assert_int_equal(doc.feed_count, 1);
	assert_int_equal(doc.duplicates, 2);
	assert_int_equal(doc.feeds[0].tag_count, 3);
	assert_string_equal(doc.feeds[0].tags[0], "a");
	assert_string_equal(doc.feeds[0].tags[1], "b");
	assert_string_equal(doc.feeds[0].tags[2], "c");
	opml_doc_free(&doc);
}

static void test_refuses_other_schemes(void **state)
{
	struct opml_doc doc;
	parse_ok("<opml><body>"
	         "<outline xmlUrl='file:///etc/passwd'/>"
	         "<outline xmlUrl='exec:rm -rf ~'/>"
	         "<outline xmlUrl='filter:/bin/sh:https://x.example/'/>"
	         "<outline xmlUrl='javascript:alert(1)'/>"
	         "<outline xmlUrl='ftp://x.example/f'/>"
	         "<outline xmlUrl='http:///nohost'/>"
	         "<outline xmlUrl='https://sp ace.example/'/>"
	         "<outline xmlUrl='HTTPS://ok.example/feed'/>"
	         "</body></opml>",
	         &doc);
	assert_int_equal(doc.feed_count, 1);
	assert_string_equal(doc.feeds[0].url, "HTTPS://ok.example/feed");
	assert_int_equal(doc.refused_count, 7);
	assert_non_null(strstr(doc.refused[1], "exec:"));
	assert_non_null(strstr(doc.refused[1], "only http and https"));
	opml_doc_free(&doc);
}

static void test_refuses_entities(void **state)
{
	char *err = parse_err("<?xml version='1.0'?><!DOCTYPE opml [<!ENTITY a 'aaaaaaaaaa'>"
	                      "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
	                      "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]>"
	                      "<opml><body><outline text='&c;' xmlUrl='https://x.example/'/>"
	                      "</body></opml>");
	assert_non_null(strstr(err, "entities"));
	free(err);
	err = parse_err("<?xml version='1.0'?><!DOCTYPE opml [<!ENTITY x SYSTEM "
	                "'file:///etc/passwd'>]><opml><body><outline text='&x;' "
	                "xmlUrl='https://x.example/'/></body></opml>");
	assert_non_null(strstr(err, "entities"));
	free(err);
}

static void test_refuses_external_dtd_and_bad_xml(void **state)
{
	struct opml_doc doc;
	char *err;

	/* An external DTD is never fetched: the document parses without it. */
	parse_ok("<?xml version='1.0'?><!DOCTYPE opml SYSTEM 'http://127.0.0.1:9/x.dtd'>"
	         "<opml><body><outline xmlUrl='https://x.example/'/></body></opml>",
	         &doc);
	assert_int_equal(doc.feed_count, 1);
	opml_doc_free(&doc);
	err = parse_err("<opml><body><outline xmlUrl='https://x.example/'></body></opml>");
	assert_non_null(strstr(err, "not well-formed"));
	assert_null(strchr(err, '\n'));
	free(err);
	err = parse_err("<rss><channel/></rss>");
	assert_non_null(strstr(err, "not an OPML"));
	free(err);
	err = parse_err("");
	free(err);
}

static void test_refuses_huge_nesting(void **state)
{
	struct buf b;
	char *err = NULL;
	struct opml_doc doc;

	buf_init(&b);
	buf_puts(&b, "<opml><body>");
	for (int i = 0; i < 100000; i++)
		buf_puts(&b, "<outline text='f'>");
	buf_puts(&b, "<outline xmlUrl='https://x.example/'/>");
	for (int i = 0; i < 100000; i++)
		buf_puts(&b, "</outline>");
	buf_puts(&b, "</body></opml>");
	assert_int_equal(opml_parse(b.data, b.len, &doc, &err), -1);
	assert_non_null(err);
	free(err);
	buf_free(&b);
}

static void test_moderate_nesting_caps_tags(void **state)
{
	struct buf b;
	struct opml_doc doc;

	buf_init(&b);
	buf_puts(&b, "<opml><body>");
	for (int i = 0; i < 100; i++)
		buf_printf(&b, "<outline text='f%d'>", i);
	buf_puts(&b, "<outline xmlUrl='https://x.example/'/>");
	for (int i = 0; i < 100; i++)
		buf_puts(&b, "</outline>");
	buf_puts(&b, "</body></opml>");
	parse_ok(b.data, &doc);
	assert_int_equal(doc.feeds[0].tag_count, OPML_MAX_FOLDER_DEPTH);
	opml_doc_free(&doc);
	buf_free(&b);
}

static void test_control_characters_are_cleaned(void **state)
{
	struct opml_doc doc;
	parse_ok("<opml><body><outline text='~+evil&#x9b;tag'>"
	         "<outline title='a&#10;b&#x202e;c' xmlUrl='https://x.example/'/>"
	         "</outline></body></opml>",
	         &doc);
	assert_string_equal(doc.feeds[0].tags[0], "eviltag");
	assert_null(strchr(doc.feeds[0].title, '\n'));
	assert_null(strstr(doc.feeds[0].title, "\xe2\x80\xae"));
	opml_doc_free(&doc);
}

static char *write_to_string(const struct opml_out_feed *feeds, int n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	opml_write(f, "T <&>", feeds, n);
	fclose(f);
	return text;
}

static void test_write_reads_back(void **state)
{
	const char *t1[] = {"news", "tech, stuff"};
	const char *t2[] = {"news"};
	const char *t3[] = {"other"};
	struct opml_out_feed feeds[] = {
	    {"https://a.example/?x=1&y='2'", "A <b> & 'c'", t1, 1, 1},
	    {"https://b.example/", "Cached title", t2, 1, 0},
	    {"https://c.example/", NULL, NULL, 0, 0},
	    {"https://d.example/", "D", t3, 1, 1},
	    {"https://e.example/", "E", t2, 1, 1, 1},
	};
	struct opml_doc doc;
	char *text;

	feeds[0].tag_count = 2;
	text = write_to_string(feeds, 5);
	parse_ok(text, &doc);
	assert_string_equal(doc.title, "T <&>");
	assert_int_equal(doc.feed_count, 5);
	/* the feeds' own order, except that a tag's feeds are together in its one folder */
	assert_string_equal(doc.feeds[0].url, "https://a.example/?x=1&y='2'");
	assert_string_equal(doc.feeds[0].title, "A <b> & 'c'");
	assert_int_equal(doc.feeds[0].tag_count, 3); /* the comma splits the category */
	assert_string_equal(doc.feeds[0].tags[0], "news");
	assert_string_equal(doc.feeds[1].title, "Cached title");
	assert_string_equal(doc.feeds[1].tags[0], "news");
	assert_string_equal(doc.feeds[2].url, "https://e.example/");
	assert_int_equal(doc.feeds[2].tag_count, 1);
	assert_string_equal(doc.feeds[2].tags[0], "news");
	assert_int_equal(doc.feeds[2].full_text, 1); /* +full-text goes out and comes back */
	assert_int_equal(doc.feeds[0].full_text, 0);
	assert_string_equal(doc.feeds[3].url, "https://c.example/");
	assert_null(doc.feeds[3].title);
	assert_int_equal(doc.feeds[3].tag_count, 0);
	assert_string_equal(doc.feeds[4].tags[0], "other");
	/* one folder per tag, even when its feeds were not neighbours */
	assert_non_null(
	    strstr(text, "<outline text=\"news\">\n      <outline type=\"rss\" text=\"A"));
	assert_non_null(strstr(text, "xmlUrl=\"https://e.example/\" tidingsFullText=\"true\"/>\n"
	                             "    </outline>"));
	assert_non_null(strstr(text, "<outline text=\"news\">"));
	assert_null(strstr(strstr(text, "<outline text=\"news\">") + 1, "<outline text=\"news\">"));
	assert_non_null(strstr(text, "<opml version=\"2.0\">"));
	assert_non_null(strstr(text, "<dateCreated>"));
	opml_doc_free(&doc);
	free(text);
}

/* newsboat reads url= as a feed's URL, and exporters write xmlUrl in any case; outlines that
 * say they are links or includes are refused and counted. */
static void test_url_spellings(void **state)
{
	struct opml_doc doc;
	parse_ok("<opml version='2.0'><body>"
	         "<outline type='rss' text='A' xmlURL='https://a.example/'/>"
	         "<outline type='rss' text='B' xmlurl='https://b.example/'/>"
	         "<outline type='rss' text='C' url='https://c.example/'/>"
	         "<outline text='D' url='ftp://d.example/'/>"
	         "<outline type='link' text='E' url='https://e.example/page.html'/>"
	         "<outline type='include' text='F' url='https://f.example/more.opml'/>"
	         "</body></opml>",
	         &doc);
	assert_int_equal(doc.feed_count, 3);
	assert_string_equal(doc.feeds[0].url, "https://a.example/");
	assert_string_equal(doc.feeds[1].url, "https://b.example/");
	assert_string_equal(doc.feeds[2].url, "https://c.example/");
	assert_int_equal(doc.refused_count, 3);
	assert_non_null(strstr(doc.refused[0], "ftp://d.example/"));
	assert_non_null(strstr(doc.refused[1], "a web page"));
	assert_non_null(strstr(doc.refused[2], "another OPML file"));
	opml_doc_free(&doc);
}

/* HTML's named entities, undeclared, are read as the feed parser reads them, in attributes
 * too; XML's own stay as they are. */
static void test_html_entities(void **state)
{
	struct opml_doc doc;
	parse_ok("<opml version='2.0'><head><title>Caf&eacute;&nbsp;list</title></head><body>"
	         "<outline text='Caf&eacute; &amp; co'>"
	         "<outline type='rss' text='R&eacute;sum&eacute; &lt;3 &hellip;' "
	         "xmlUrl='https://a.example/?a=1&amp;b=2'/></outline></body></opml>",
	         &doc);
	assert_string_equal(doc.title, "Café\xc2\xa0list");
	assert_int_equal(doc.feed_count, 1);
	assert_string_equal(doc.feeds[0].title, "Résumé <3 …");
	assert_string_equal(doc.feeds[0].tags[0], "Café & co");
	assert_string_equal(doc.feeds[0].url, "https://a.example/?a=1&b=2");
	opml_doc_free(&doc);
	/* a name HTML does not know still fails the document */
	free(parse_err("<opml version='2.0'><body><outline text='&bogus;'/></body></opml>"));
}

static void test_url_refusal(void **state)
{
	assert_null(opml_url_refusal("https://example.org/feed"));
	assert_null(opml_url_refusal("http://127.0.0.1:8080/x"));
	assert_non_null(opml_url_refusal("https://"));
	assert_non_null(opml_url_refusal("query:unread:unread = \"yes\""));
	assert_non_null(opml_url_refusal("https://x.example/\x1b[31m"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_folders_become_tags),
	    cmocka_unit_test(test_title_attribute_wins_and_url_text_is_no_title),
	    cmocka_unit_test(test_duplicates_merge_tags),
	    cmocka_unit_test(test_refuses_other_schemes),
	    cmocka_unit_test(test_refuses_entities),
	    cmocka_unit_test(test_refuses_external_dtd_and_bad_xml),
	    cmocka_unit_test(test_refuses_huge_nesting),
	    cmocka_unit_test(test_moderate_nesting_caps_tags),
	    cmocka_unit_test(test_control_characters_are_cleaned),
	    cmocka_unit_test(test_write_reads_back),
	    cmocka_unit_test(test_url_spellings),
	    cmocka_unit_test(test_html_entities),
	    cmocka_unit_test(test_url_refusal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
