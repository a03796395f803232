/* The feed parser: formats, normalisation (titles, links, ids, encodings) and safety. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/text.h"
#include "core/util.h"
#include "parse/clean.h"
#include "parse/feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct parsed_feed *parse_opts(const char *doc, size_t len, const char *base,
                                      const char *charset)
{
	struct feed_parse_options o = {.base_url = base, .http_charset = charset};
	struct parsed_feed *f = NULL;
	char *err = NULL;
	int rc = feed_parse(doc, len, &o, &f, &err);
	if (rc != 0)
		printf("# parse failed: %s\n", err);
	assert_int_equal(rc, 0);
	assert_non_null(f);
	return f;
}

static struct parsed_feed *parse(const char *doc)
{
	return parse_opts(doc, strlen(doc), NULL, NULL);
}

static void test_rss20(void **state)
{
	struct parsed_feed *f = parse(
	    "<?xml version=\"1.0\"?><rss version=\"2.0\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
	    "<title>Blog</title><link>http://example.com/</link><description>About</description>"
	    "<language>en</language>"
	    "<item><title>One</title><link>/one</link><guid isPermaLink=\"false\">g1</guid>"
	    "<pubDate>Mon, 06 Sep 2021 16:45:00 GMT</pubDate><description>&lt;p&gt;S&lt;/p&gt;"
	    "</description><content:encoded><![CDATA[<p>C</p>]]></content:encoded>"
	    "<dc:creator>Ann</dc:creator><category>a</category><category>b</category>"
	    "<enclosure url=\"/e.mp3\" type=\"audio/mpeg\" length=\"42\"/>"
	    "<itunes:duration xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
	    "1:02:03</itunes:duration></item>"
	    "</channel></rss>");
	assert_string_equal(f->format, "rss");
	assert_string_equal(f->title, "Blog");
	assert_string_equal(f->link, "http://example.com/");
	assert_string_equal(f->language, "en");
	assert_int_equal(f->item_count, 1);
	struct parsed_item *it = &f->items[0];
	assert_string_equal(it->id, "g1");
	assert_string_equal(it->title, "One");
	assert_string_equal(it->link, "http://example.com/one");
	assert_string_equal(it->summary, "<p>S</p>");
	assert_string_equal(it->content, "<p>C</p>");
	assert_string_equal(it->author, "Ann");
	assert_true(it->published == 1630946700);
	assert_true(it->updated == TIME_UNKNOWN);
	assert_int_equal(it->category_count, 2);
	assert_string_equal(it->categories[1], "b");
	assert_int_equal(it->enclosure_count, 1);
	assert_string_equal(it->enclosures[0].url, "http://example.com/e.mp3");
	assert_string_equal(it->enclosures[0].type, "audio/mpeg");
	assert_true(it->enclosures[0].length == 42);
	assert_true(it->duration == 3723);
	assert_null(f->warning);
	parsed_feed_free(f);
}

static void test_atom10(void **state)
{
	struct parsed_feed *f = parse(
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\" "
	    "xml:base=\"http://example.org/base/\"><title type=\"html\">A &amp;lt;b&amp;gt;"
	    "</title><link rel=\"self\" href=\"/feed\"/><link href=\"/\"/>"
	    "<author><name>Bob</name></author><updated>2021-09-06T16:45:00Z</updated>"
	    "<entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">X "
	    "<b>Y</b></div></title><id>urn:1</id><link rel=\"alternate\" href=\"e1\"/>"
	    "<link rel=\"enclosure\" href=\"a.ogg\" type=\"audio/ogg\" length=\"7\"/>"
	    "<published>2021-09-01T00:00:00+02:00</published>"
	    "<updated>2021-09-02T00:00:00Z</updated><summary>1 &lt; 2</summary>"
	    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hi</p></div>"
	    "</content><category term=\"t\"/></entry></feed>");
	assert_string_equal(f->format, "atom");
	assert_string_equal(f->title, "A <b>");
	assert_string_equal(f->link, "http://example.org/");
	assert_string_equal(f->language, "de");
	assert_string_equal(f->author, "Bob");
	assert_true(f->updated == 1630946700);
	struct parsed_item *it = &f->items[0];
	assert_string_equal(it->title, "X Y");
	assert_string_equal(it->id, "urn:1");
	assert_string_equal(it->link, "http://example.org/base/e1");
	assert_string_equal(it->author, "Bob"); /* inherited from the feed */
	assert_true(it->published == 1630447200);
	assert_true(it->updated == 1630540800);
	assert_string_equal(it->summary, "1 &lt; 2"); /* text becomes HTML */
	assert_string_equal(it->content, "<p>Hi</p>");
	assert_string_equal(it->categories[0], "t");
	assert_string_equal(it->enclosures[0].url, "http://example.org/base/a.ogg");
	parsed_feed_free(f);
}

static void test_rss10(void **state)
{
	struct parsed_feed *f = parse(
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	    "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	    "<channel rdf:about=\"http://example.com/\"><title>R</title>"
	    "<link>http://example.com/</link></channel>"
	    "<item rdf:about=\"http://example.com/1\"><title>I</title>"
	    "<link>http://example.com/1</link><dc:date>2021-09-06T16:45:00Z</dc:date>"
	    "<dc:subject>s</dc:subject></item></rdf:RDF>");
	assert_string_equal(f->format, "rdf");
	assert_string_equal(f->title, "R");
	assert_int_equal(f->item_count, 1);
	assert_string_equal(f->items[0].id, "http://example.com/1");
	assert_true(f->items[0].published == 1630946700);
	assert_string_equal(f->items[0].categories[0], "s");
	parsed_feed_free(f);
}

static void test_json_feed(void **state)
{
	struct parsed_feed *f =
	    parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\","
	          " \"home_page_url\": \"https://example.org/\", \"authors\": [{\"name\": \"Al\"}],"
	          " \"items\": [{\"id\": \"1\", \"url\": \"/p1\", \"title\": \"T\","
	          " \"content_html\": \"<p>x</p>\", \"date_published\": \"2021-09-06T16:45:00Z\","
	          " \"tags\": [\"a\"], \"attachments\": [{\"url\": \"/f.mp3\","
	          " \"mime_type\": \"audio/mpeg\", \"size_in_bytes\": 9}]},"
	          " {\"id\": 2, \"content_text\": \"a < b\"}]}");
	assert_string_equal(f->format, "json");
	assert_string_equal(f->title, "J");
	assert_int_equal(f->item_count, 2);
	assert_string_equal(f->items[0].link, "https://example.org/p1");
	assert_string_equal(f->items[0].author, "Al");
	assert_true(f->items[0].published == 1630946700);
	assert_string_equal(f->items[0].enclosures[0].url, "https://example.org/f.mp3");
	assert_true(f->items[0].enclosures[0].length == 9);
	assert_string_equal(f->items[1].id, "2");
	assert_string_equal(f->items[1].content, "a &lt; b");
	parsed_feed_free(f);
}

/* Plain text bodies keep their line breaks: paragraphs at blank lines, <br> at single ones. */
static void test_plain_text_keeps_line_breaks(void **state)
{
	struct parsed_feed *f =
	    parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\","
	          " \"items\": [{\"id\": \"1\","
	          " \"content_text\": \"One.\\r\\nTwo & more.\\n\\n\\nThree.\\n\"}]}");
	assert_string_equal(f->items[0].content, "<p>One.<br>\nTwo &amp; more.</p>\n<p>Three.</p>");
	parsed_feed_free(f);

	f = parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>"
	          "<entry><id>e</id><title>t</title><content type=\"text\">a\nb</content></entry>"
	          "</feed>");
	assert_string_equal(f->items[0].content, "<p>a<br>\nb</p>");
	parsed_feed_free(f);
}

static void test_titles_plain(void **state)
{
	struct parsed_feed *f =
	    parse("<rss><channel><item><title>Fish &amp;amp; Chips &lt;em&gt;now&lt;/em&gt;</title>"
	          "</item><item><title>  a\n\tb &#8217; &nbsp;c  </title></item>"
	          "<item><title>1 &lt; 2 &amp; 3 > 2</title></item></channel></rss>");
	assert_string_equal(f->items[0].title, "Fish & Chips now");
	assert_string_equal(f->items[1].title, "a b \xe2\x80\x99 c");
	assert_string_equal(f->items[2].title, "1 < 2 & 3 > 2");
	parsed_feed_free(f);
}

static void test_clean_functions(void **state)
{
	char *s = clean_html_to_plain("<p>a<br>b</p><script>x()</script>&amp;lt;&#x41;&#150;");
	assert_string_equal(s, "a b &lt;A\xe2\x80\x93");
	free(s);
	s = clean_title("AT&T");
	assert_string_equal(s, "AT&T");
	free(s);
}

static void test_ids(void **state)
{
	struct parsed_feed *f =
	    parse("<rss><channel><link>http://e.com/</link>"
	          "<item><title>no guid</title><link>http://e.com/a</link></item>"
	          "<item><title>only title</title></item>"
	          "<item><title>same guid 1</title><guid>http://e.com/</guid></item>"
	          "<item><title>same guid 2</title><guid>http://e.com/</guid></item>"
	          "<item><title>only title</title><description>other</description></item>"
	          "</channel></rss>");
	assert_string_equal(f->items[0].id, "http://e.com/a");
	assert_true(str_starts_with(f->items[1].id, "hash:"));
	assert_string_equal(f->items[2].id, "http://e.com/");
	assert_string_not_equal(f->items[3].id, f->items[2].id);
	assert_string_not_equal(f->items[4].id, f->items[1].id);
	/* the same item written with other attribute order and spacing keeps its id */
	struct parsed_feed *g =
	    parse("<rss><channel><link>http://e.com/</link>"
	          "<item><title>no guid</title><link>http://e.com/a</link></item>"
	          "<item>\n  <title>only title</title>\n</item></channel></rss>");
	assert_string_equal(g->items[1].id, f->items[1].id);
	char *id3 = xstrdup(f->items[3].id);
	parsed_feed_free(f);
	f = parse("<rss><channel><link>http://e.com/</link>"
	          "<item><title>same guid 1</title><guid>http://e.com/</guid></item>"
	          "<item><title>same guid 2</title><guid>http://e.com/</guid></item>"
	          "</channel></rss>");
	assert_string_equal(f->items[1].id, id3); /* the disambiguated id is stable */
	free(id3);
	parsed_feed_free(f);
	parsed_feed_free(g);
}

static void test_external_entities_refused(void **state)
{
	FILE *fp = fopen("/tmp/tidings-secret.txt", "w");
	assert_non_null(fp);
	fputs("SECRET", fp);
	fclose(fp);
	struct parsed_feed *f =
	    parse("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
	          "\"file:///tmp/tidings-secret.txt\">]><rss><channel><title>a&x;b</title>"
	          "<item><title>&x;</title></item></channel></rss>");
	assert_null(strstr(f->title, "SECRET"));
	assert_true(f->items[0].title == NULL || !strstr(f->items[0].title, "SECRET"));
	parsed_feed_free(f);
	remove("/tmp/tidings-secret.txt");
}

static void test_entity_expansion_refused(void **state)
{
	struct buf doc;
	buf_init(&doc);
	buf_puts(&doc, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a0 \"xxxxxxxxxxxxxxxx\">");
	for (int i = 1; i < 12; i++)
		buf_printf(&doc, "<!ENTITY a%d \"&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;\">", i,
		           i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	buf_puts(&doc, "]><rss><channel><title>&a11;</title><item><description>&a11;&a11;"
	               "</description></item></channel></rss>");
	clock_t start = clock();
	struct parsed_feed *f = parse(doc.data);
	assert_true(clock() - start < CLOCKS_PER_SEC);
	assert_true(f->title == NULL || strlen(f->title) < 1000);
	assert_true(f->items[0].summary == NULL || strlen(f->items[0].summary) < 1000);
	parsed_feed_free(f);
	buf_free(&doc);
}

static void test_size_limit(void **state)
{
	struct feed_parse_options o = {.max_size = 100};
	struct parsed_feed *f = NULL;
	char *err = NULL;
	char doc[200];
	memset(doc, ' ', sizeof(doc));
	memcpy(doc, "<rss/>", 6);
	assert_int_equal(feed_parse(doc, sizeof(doc), &o, &f, &err), -1);
	assert_non_null(strstr(err, "limit"));
	free(err);
}

static void test_malformed_is_partial(void **state)
{
	struct parsed_feed *f = parse("<rss><channel><title>T</title><item><title>A &amp; B"
	                              "</title></item><item><title>C</tit></item>"
	                              "<item><title>D &amp; E</title></item>");
	assert_non_null(f->warning);
	assert_true(f->item_count >= 2);
	assert_string_equal(f->items[0].title, "A & B");
	/* references after the first error are still decoded */
	assert_string_equal(f->items[f->item_count - 1].title, "D & E");
	parsed_feed_free(f);
}

static void test_not_a_feed(void **state)
{
	struct parsed_feed *f = NULL;
	char *err = NULL;
	assert_int_equal(feed_parse("<html><body>x</body></html>", 27, NULL, &f, &err), -1);
	assert_non_null(strstr(err, "not a feed"));
	free(err);
	err = NULL;
	assert_int_equal(feed_parse("garbage", 7, NULL, &f, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(feed_parse("{\"a\": 1}", 8, NULL, &f, &err), -1);
	free(err);
}

/* "café" in a title, in each encoding */
static void assert_title_cafe(const char *doc, size_t len, const char *charset)
{
	printf("# %.60s / %s\n", doc, charset ? charset : "-");
	struct parsed_feed *f = parse_opts(doc, len, NULL, charset);
	assert_non_null(f->title);
	assert_string_equal(f->title, "caf\xc3\xa9");
	assert_true(utf8_is_valid(f->title, strlen(f->title)));
	parsed_feed_free(f);
}

#define DOC(s) s, sizeof(s) - 1

static void test_encodings(void **state)
{
	/* declaration */
	assert_title_cafe(DOC("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel>"
	                      "<title>caf\xe9</title></channel></rss>"),
	                  NULL);
	assert_title_cafe(DOC("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel>"
	                      "<title>caf\xe9</title></channel></rss>"),
	                  NULL);
	assert_title_cafe(DOC("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss><channel>"
	                      "<title>caf&#233;</title></channel></rss>"),
	                  NULL);
	/* HTTP charset over the declaration */
	assert_title_cafe(DOC("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel>"
	                      "<title>caf\xe9</title></channel></rss>"),
	                  "iso-8859-1");
	/* BOM over the HTTP charset */
	assert_title_cafe(
	    DOC("\xef\xbb\xbf<rss><channel><title>caf\xc3\xa9</title></channel></rss>"),
	    "iso-8859-1");
	/* UTF-16 with a BOM */
	assert_title_cafe(
	    DOC("\xff\xfe<\0r\0s\0s\0>\0<\0c\0h\0a\0n\0n\0e\0l\0>\0<\0t\0i\0t\0l\0e\0>"
	        "\0c\0a\0f\0\xe9\0<\0/\0t\0i\0t\0l\0e\0>\0<\0/\0c\0h\0a\0n\0n\0e\0l\0>"
	        "\0<\0/\0r\0s\0s\0>\0"),
	    NULL);
	/* a wrong HTTP charset: decoding fails, the declaration is tried next */
	assert_title_cafe(DOC("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel>"
	                      "<title>caf\xe9</title></channel></rss>"),
	                  "utf-8");
	/* no declaration and invalid UTF-8: windows-1252 is tried */
	assert_title_cafe(DOC("<rss><channel><title>caf\xe9</title></channel></rss>"), NULL);
	/* KOI8-R proper */
	struct parsed_feed *f =
	    parse_opts(DOC("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss><channel><title>"
	                   "\xf0\xd2\xc9\xd7\xc5\xd4</title></channel></rss>"),
	               NULL, NULL);
	assert_string_equal(f->title, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
	parsed_feed_free(f);
}

static void test_nul_bytes_dropped_with_a_warning(void **state)
{
	/* libxml2 would end the document at the NUL: the items after it are kept */
	struct parsed_feed *f =
	    parse_opts(DOC("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss><channel><title>T"
	                   "</title><item><title>one</title></item><item><title>t\0wo</title>"
	                   "</item>\0\0<item><title>three</title></item></channel></rss>"),
	               NULL, NULL);
	assert_int_equal(f->item_count, 3);
	assert_string_equal(f->items[1].title, "two");
	assert_string_equal(f->items[2].title, "three");
	assert_non_null(f->warning);
	assert_non_null(strstr(f->warning, "3 NUL bytes dropped"));
	parsed_feed_free(f);
}

/* Items are read as soon as they end (streaming); what the channel says after them still
 * counts as when the whole document is read first. */
static void test_streamed_items_match_whole_reading(void **state)
{
	/* the channel link after the items: their relative links resolve against it */
	struct parsed_feed *f = parse("<rss><channel><title>T</title><item><title>a</title>"
	                              "<link>a.html</link></item><item><title>b</title>"
	                              "<link>/b.html</link></item><link>http://e.com/x/</link>"
	                              "</channel></rss>");
	assert_int_equal(f->item_count, 2);
	assert_string_equal(f->items[0].link, "http://e.com/x/a.html");
	assert_string_equal(f->items[1].link, "http://e.com/b.html");
	parsed_feed_free(f);

	/* the link first (streamed), fields after the items still read, items in order */
	f = parse("<rss><channel><link>http://e.com/</link><item><title>a</title><enclosure "
	          "url=\"m/1.mp3\" type=\"audio/mpeg\"/></item>\n <item><title>b</title></item>\n"
	          "<title>After</title><description>d</description></channel></rss>");
	assert_string_equal(f->title, "After");
	assert_string_equal(f->description, "d");
	assert_int_equal(f->item_count, 2);
	assert_string_equal(f->items[0].title, "a");
	assert_string_equal(f->items[0].enclosures[0].url, "http://e.com/m/1.mp3");
	assert_string_equal(f->items[1].title, "b");
	parsed_feed_free(f);

	/* RSS 1.0: the items beside the channel */
	f = parse("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	          "xmlns=\"http://purl.org/rss/1.0/\"><channel><title>R</title>"
	          "<link>http://e.com/</link></channel><item><title>a</title><link>a</link></item>"
	          "<item><title>b</title><link>b</link></item></rdf:RDF>");
	assert_int_equal(f->item_count, 2);
	assert_string_equal(f->items[1].link, "http://e.com/b");
	parsed_feed_free(f);

	/* Atom: the feed's author after the entries is theirs too */
	f = parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><link href=\"http://e.com/\"/>"
	          "<entry><id>1</id><title>a</title></entry><entry><id>2</id><title>b</title>"
	          "<author><name>Own</name></author></entry><author><name>Feed</name></author>"
	          "</feed>");
	assert_int_equal(f->item_count, 2);
	assert_string_equal(f->items[0].author, "Feed");
	assert_string_equal(f->items[1].author, "Own");
	parsed_feed_free(f);

	/* a retry with another encoding: the items of the first attempt are not kept twice */
	f = parse_opts(DOC("<rss><channel><link>http://e.com/</link><item><title>one</title>"
	                   "</item><item><title>caf\xe9</title></item></channel></rss>"),
	               NULL, NULL);
	assert_int_equal(f->item_count, 2);
	assert_string_equal(f->items[1].title, "caf\xc3\xa9");
	parsed_feed_free(f);
}

/* CDATA sections of UTF-8 documents are read by the parse stage itself: the same text as
 * libxml2 gives, the same line numbers in messages, and libxml2 still reads what it must. */
static void test_cdata_sections(void **state)
{
	struct parsed_feed *f = parse(
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss><channel>"
	    "<link>http://e.com/</link><!-- <![CDATA[ not a section ]]> -->\n"
	    "<item><title><![CDATA[caf\xc3\xa9 & <b>bold</b>]]></title>"
	    "<description><![CDATA[<p>one\ntwo</p>]]><![CDATA[ & three]]></description></item>"
	    "\n<item><title>c</title><description><![CDATA[x\n\n]]></description></item>\n"
	    "<item><title>d</title><oops></item>\n</channel></rss>");
	assert_int_equal(f->item_count, 3);
	assert_string_equal(f->items[0].title, "caf\xc3\xa9 & bold");
	assert_string_equal(f->items[0].summary, "<p>one\ntwo</p> & three");
	assert_string_equal(f->items[1].summary, "x");
	/* the newlines of the sections cut still count: the error is on line 8 */
	assert_non_null(f->warning);
	assert_non_null(strstr(f->warning, "first at line 8:"));
	parsed_feed_free(f);

	/* a CR: the document is left to libxml2, which reads CRLF as LF */
	f = parse("<rss><channel><item><title>b</title><description><![CDATA[a\r\nb]]>"
	          "</description></item></channel></rss>");
	assert_string_equal(f->items[0].summary, "a\nb");
	parsed_feed_free(f);

	/* another encoding: libxml2 reads the sections */
	f = parse_opts(DOC("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item>"
	                   "<title><![CDATA[caf\xe9]]></title></item></channel></rss>"),
	               NULL, NULL);
	assert_string_equal(f->items[0].title, "caf\xc3\xa9");
	parsed_feed_free(f);
}

static void test_control_characters_removed(void **state)
{
	struct parsed_feed *f = parse("<rss><channel><item><title>a&#x1b;[31mb&#x202e;c</title>"
	                              "<description>x&#x9b;y&#10;z</description></item>"
	                              "</channel></rss>");
	assert_string_equal(f->items[0].title, "a[31mbc");
	assert_string_equal(f->items[0].summary, "xy\nz");
	parsed_feed_free(f);
}

static void test_bare_ampersands(void **state)
{
	struct parsed_feed *f = parse("<rss><channel><title>Fish & Chips &amp; more &lt;3</title>"
	                              "<link>http://e.com/?a=1&b=2&copy=3</link><item><title>"
	                              "<![CDATA[x &amp; y]]></title><!-- a & b --></item>"
	                              "</channel></rss>");
	assert_string_equal(f->title, "Fish & Chips & more <3");
	assert_string_equal(f->link, "http://e.com/?a=1&b=2&copy=3");
	/* CDATA is left alone: its "&amp;" is text, decoded once as a title */
	assert_string_equal(f->items[0].title, "x & y");
	assert_null(f->warning);
	parsed_feed_free(f);
}

static void test_base_url_option(void **state)
{
	const char *doc = "<rss><channel><link>/home</link><item><link>p</link></item>"
	                  "</channel></rss>";
	struct parsed_feed *f =
	    parse_opts(doc, strlen(doc), "https://host.example/feeds/x.xml", NULL);
	assert_string_equal(f->link, "https://host.example/home");
	assert_string_equal(f->items[0].link, "https://host.example/feeds/p");
	parsed_feed_free(f);
}

/* XHTML namespace (XHTML 1.0, the namespace http://www.w3.org/1999/xhtml): an item whose body
 * is written as XHTML markup, with the namespace as default or with a prefix, has that
 * markup as its content; <fullitem> carries the whole article as escaped HTML. */
static void test_xhtml_body_in_rss_items(void **state)
{
	struct parsed_feed *f = parse(
	    "<rss version=\"2.0\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"><channel>"
	    "<link>http://e.com/</link>"
	    "<item><link>http://e.com/a</link><description>short</description>"
	    "<body xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hello <b>world</b></p></body></item>"
	    "<item><link>http://e.com/b</link><xhtml:body><xhtml:p>Bee <xhtml:a href=\"/x\">x"
	    "</xhtml:a></xhtml:p></xhtml:body></item>"
	    "<item><link>http://e.com/c</link><fullitem>&lt;p&gt;Full text&lt;/p&gt;</fullitem>"
	    "</item></channel></rss>");
	assert_int_equal(f->item_count, 3);
	assert_string_equal(f->items[0].summary, "short");
	assert_string_equal(f->items[0].content, "<p>Hello <b>world</b></p>");
	assert_non_null(strstr(f->items[1].content, "<p>Bee <a href="));
	assert_null(strstr(f->items[1].content, "xhtml:"));
	assert_string_equal(f->items[2].content, "<p>Full text</p>");
	parsed_feed_free(f);
}

/* ISO-8859-1 and US-ASCII labels are read as windows-1252 (the Encoding Standard's rule, what
 * browsers do): the curly quotes and dashes of 0x80-0x9F survive. */
static void test_latin1_read_as_windows_1252(void **state)
{
	static const char doc[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel>"
	                          "<title>\x93"
	                          "caf\xe9\x94 \x96 \x80</title></channel></rss>";
	struct parsed_feed *f = parse_opts(DOC(doc), NULL, NULL);
	assert_string_equal(f->title, "\xe2\x80\x9c"
	                              "caf\xc3\xa9\xe2\x80\x9d \xe2\x80\x93 \xe2\x82\xac");
	parsed_feed_free(f);
	/* the same from the HTTP charset */
	f = parse_opts(DOC("<rss><channel><title>\x93x\x94</title></channel></rss>"), NULL,
	               "iso-8859-1");
	assert_string_equal(f->title, "\xe2\x80\x9cx\xe2\x80\x9d");
	parsed_feed_free(f);
}

/* XML has hexadecimal character references with a lower-case x only (XML 1.0, 4.1), and
 * entities only when declared: "&#X41;" and "&foo;" are not references, so they stay the
 * text they read as, and the words around them stay too. */
static void test_uppercase_hex_and_undefined_entities_kept(void **state)
{
	struct parsed_feed *f =
	    parse("<rss><channel><title>a &#X41; b &foo; c &eacute; &#x41;</title>"
	          "<item><title>x</title><description>one &bar; two</description></item>"
	          "</channel></rss>");
	assert_string_equal(f->title, "a &#X41; b &foo; c \xc3\xa9 A");
	assert_non_null(strstr(f->items[0].summary, "one &bar; two"));
	parsed_feed_free(f);
}

/* Unicode's bidirectional algorithm (UAX #9): the marks LRM, RLM and ALM only give a neutral
 * character a direction and are kept; embeddings, overrides and isolates, which reorder all
 * that follows, are dropped. */
static void test_bidi_marks_kept(void **state)
{
	struct parsed_feed *f = parse("<rss><channel><title>a&#x200E;b&#x200F;c&#x61C;d</title>"
	                              "<item><title>x&#x202E;y&#x2066;z&#x2069;</title></item>"
	                              "</channel></rss>");
	assert_string_equal(f->title, "a\xe2\x80\x8e"
	                              "b\xe2\x80\x8f"
	                              "c\xd8\x9c"
	                              "d");
	assert_string_equal(f->items[0].title, "xyz");
	parsed_feed_free(f);
}

/* BCP 47 separates subtags with hyphens; "en_US" (a locale's spelling) is "en-US", from
 * <language> and from xml:lang alike (XML 1.0, 2.12). */
static void test_language_tags(void **state)
{
	struct parsed_feed *f = parse("<rss><channel><language>pt_BR</language></channel></rss>");
	assert_string_equal(f->language, "pt-BR");
	parsed_feed_free(f);
	f = parse("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en_US\"><title>t</title>"
	          "</feed>");
	assert_string_equal(f->language, "en-US");
	parsed_feed_free(f);
	f = parse("<rss xml:lang=\"de_AT\"><channel><title>t</title></channel></rss>");
	assert_string_equal(f->language, "de-AT");
	parsed_feed_free(f);
}

/* A document that says UTF-8 (or says nothing, XML's default) with one byte that is not: the
 * byte is read as windows-1252 where it is, and every valid character keeps its meaning. */
static void test_utf8_bad_byte_repaired_in_place(void **state)
{
	static const char doc[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel>"
	                          "<title>caf\xe9 \xe2\x80\x9cok\xe2\x80\x9d \xd0\x9f</title>"
	                          "</channel></rss>";
	struct parsed_feed *f = parse_opts(DOC(doc), NULL, NULL);
	assert_string_equal(f->title, "caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d \xd0\x9f");
	parsed_feed_free(f);
	f = parse_opts(DOC("<rss><channel><title>\xd0\x9f \x80</title></channel></rss>"), NULL,
	               "utf-8");
	assert_string_equal(f->title, "\xd0\x9f \xe2\x82\xac");
	parsed_feed_free(f);
}

/* RFC 4287: atom:id is an IRI, and xml:base (RFC 4287 section 2, XML Base) resolves every
 * relative reference in its scope; the document's own URL does not take part, so the id is
 * the same wherever the feed is read from. */
static void test_atom_id_against_xml_base(void **state)
{
	const char *doc =
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://e.com/f/\">"
	    "<entry xml:base=\"2003/\"><id>entry/1</id><title>a</title></entry>"
	    "<entry><id>tag:e.com,2003:2</id><title>b</title></entry></feed>";
	struct parsed_feed *f = parse_opts(doc, strlen(doc), "http://mirror.example/x.xml", NULL);
	assert_string_equal(f->items[0].id, "http://e.com/f/2003/entry/1");
	assert_string_equal(f->items[1].id, "tag:e.com,2003:2");
	parsed_feed_free(f);
	/* no xml:base: the id stays as written */
	doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>entry/1</id></entry></feed>";
	f = parse_opts(doc, strlen(doc), "http://mirror.example/x.xml", NULL);
	assert_string_equal(f->items[0].id, "entry/1");
	parsed_feed_free(f);
}

/* Atom 0.3 (draft-nottingham-atom-format-02): <issued> is when the entry was published,
 * <modified> when it last changed, also on the feed. */
static void test_atom03_dates(void **state)
{
	struct parsed_feed *f =
	    parse("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>t</title>"
	          "<modified>2003-12-13T18:30:02Z</modified>"
	          "<entry><title>e</title><issued>2003-12-13T08:29:29-04:00</issued>"
	          "<modified>2003-12-14T18:30:02Z</modified></entry></feed>");
	assert_int_equal(f->updated, 1071340202);
	assert_int_equal(f->items[0].published, 1071318569);
	assert_int_equal(f->items[0].updated, 1071426602);
	parsed_feed_free(f);
}

/* RFC 4287 4.2.2: a category is its term; the label only a way to show it. */
static void test_categories_by_term(void **state)
{
	struct parsed_feed *f =
	    parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>e</title>"
	          "<category term=\"tech\" label=\"Technology\"/><category term=\"go\"/>"
	          "<category label=\"Only a label\"/></entry></feed>");
	assert_int_equal(f->items[0].category_count, 3);
	assert_string_equal(f->items[0].categories[0], "tech");
	assert_string_equal(f->items[0].categories[1], "go");
	assert_string_equal(f->items[0].categories[2], "Only a label");
	parsed_feed_free(f);
}

int main(void)
{
	text_init_locale();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rss20),
	    cmocka_unit_test(test_atom10),
	    cmocka_unit_test(test_rss10),
	    cmocka_unit_test(test_json_feed),
	    cmocka_unit_test(test_plain_text_keeps_line_breaks),
	    cmocka_unit_test(test_titles_plain),
	    cmocka_unit_test(test_clean_functions),
	    cmocka_unit_test(test_ids),
	    cmocka_unit_test(test_external_entities_refused),
	    cmocka_unit_test(test_entity_expansion_refused),
	    cmocka_unit_test(test_size_limit),
	    cmocka_unit_test(test_malformed_is_partial),
	    cmocka_unit_test(test_not_a_feed),
	    cmocka_unit_test(test_encodings),
	    cmocka_unit_test(test_control_characters_removed),
	    cmocka_unit_test(test_cdata_sections),
	    cmocka_unit_test(test_streamed_items_match_whole_reading),
	    cmocka_unit_test(test_nul_bytes_dropped_with_a_warning),
	    cmocka_unit_test(test_bare_ampersands),
	    cmocka_unit_test(test_base_url_option),
	    cmocka_unit_test(test_xhtml_body_in_rss_items),
	    cmocka_unit_test(test_latin1_read_as_windows_1252),
	    cmocka_unit_test(test_uppercase_hex_and_undefined_entities_kept),
	    cmocka_unit_test(test_bidi_marks_kept),
	    cmocka_unit_test(test_language_tags),
	    cmocka_unit_test(test_utf8_bad_byte_repaired_in_place),
	    cmocka_unit_test(test_atom_id_against_xml_base),
	    cmocka_unit_test(test_atom03_dates),
	    cmocka_unit_test(test_categories_by_term),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
