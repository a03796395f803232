/* The extractor on pages made for the purpose, its metadata, and the save path's file names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "extract/dom.h"
#include "extract/extract.h"
#include "tasks/save.h"
#include "parse/date.h"
#include "parse/feed.h"

#include <stdlib.h>
#include <string.h>

#define PROSE                                                                                      \
	"<p>The committee met on Thursday, after weeks of delay, to weigh the proposal, which "    \
	"has divided the town, its shopkeepers and its council for most of the year.</p>"          \
	"<p>Supporters say the plan, drawn up by engineers from the university, would cut "        \
	"traffic, noise and pollution in the old centre, where the streets are narrow.</p>"        \
	"<p>Opponents, among them most of the market traders, fear that fewer cars will mean "     \
	"fewer customers, and that the changes will cost more than the budget allows.</p>"

static struct article *extract(const char *html)
{
	struct extract_options o = {.base_url = "https://news.example/2024/story.html"};
	struct article *a = NULL;
	char *err = NULL;

	if (extract_article(html, strlen(html), &o, &a, &err) != 0) {
		print_error("extract_article: %s\n", err);
		free(err);
		return NULL;
	}
	return a;
}

static void test_keeps_prose_drops_furniture(void **state)
{
	struct article *a = extract(
	    "<html><body><nav><a href='/'>Home</a> <a href='/world'>World news section</a></nav>"
	    "<div class='sidebar'><p>Most read: a long list of other stories, with commas, "
	    "many, many of them, to tempt the scorer into choosing the wrong block.</p></div>"
	    "<article>" PROSE "</article>"
	    "<div id='comments'><p>A reader writes: this is outrageous, and I for one, having "
	    "lived here for years, will not stand for it, ever, at all.</p></div>"
	    "<footer>Copyright, all rights reserved, privacy, terms, contact, about us</footer>"
	    "</body></html>");

	assert_non_null(a);
	assert_non_null(strstr(a->text, "The committee met on Thursday"));
	assert_non_null(strstr(a->text, "cost more than the budget allows."));
	assert_null(strstr(a->text, "Home"));
	assert_null(strstr(a->text, "Most read"));
	assert_null(strstr(a->text, "A reader writes"));
	assert_null(strstr(a->text, "Copyright"));
	/* paragraphs separated by blank lines */
	assert_non_null(strstr(a->text, "year.\n\nSupporters"));
	article_free(a);
}

static void test_rejoins_paragraph_split_by_ad(void **state)
{
	struct article *a = extract("<html><body><article>" PROSE
	                            "<p>The mayor, who chairs the committee, said that the vote "
	                            "would be held</p><div class='ad'>Buy now, save big</div>"
	                            "<p>next month, once the traders had been heard.</p>"
	                            "</article></body></html>");

	assert_non_null(a);
	assert_non_null(strstr(a->text, "would be held next month, once"));
	assert_null(strstr(a->text, "Buy now"));
	article_free(a);
}

static void test_keeps_figures_and_resolves_links(void **state)
{
	struct article *a = extract("<html><body><article>" PROSE
	                            "<figure><img src='/img/square.jpg' alt='The square'>"
	                            "<figcaption>The old square at noon.</figcaption></figure>"
	                            "<p>More on the <a href='../plan.html'>plan</a>, which the "
	                            "council publishes today, in full, with its annexes.</p>"
	                            "<p><a href='javascript:alert(1)'>click</a> and more words, "
	                            "so that this paragraph counts, with a comma or two, yes.</p>"
	                            "<script>evil()</script><p onclick='evil()'>Last words of the "
	                            "story, long enough to count as a paragraph, with commas.</p>"
	                            "</article></body></html>");

	assert_non_null(a);
	assert_non_null(strstr(a->html, "<img src=\"https://news.example/img/square.jpg\""));
	assert_non_null(strstr(a->html, "<figcaption>The old square at noon.</figcaption>"));
	assert_non_null(strstr(a->html, "href=\"https://news.example/plan.html\""));
	assert_null(strstr(a->html, "javascript:"));
	assert_null(strstr(a->html, "<script"));
	assert_null(strstr(a->html, "onclick"));
	assert_non_null(strstr(a->text, "The old square at noon."));
	article_free(a);
}

static void test_metadata_from_json_ld_and_meta(void **state)
{
	struct article *a = extract(
	    "<html lang='fr' dir='RTL'><head><title>Le vote | Journal du Bourg</title>"
	    "<meta name='author' content='Meta Author'>"
	    "<meta property='og:site_name' content='OG Site'>"
	    "<script type='application/ld+json'>{\"@graph\": [{\"@type\": \"WebSite\", "
	    "\"name\": \"Journal\"}, {\"@type\": [\"NewsArticle\"], \"headline\": \"Le vote &amp; "
	    "la ville\", \"author\": {\"@type\": \"Person\", \"name\": \"Anne Droit\"}, "
	    "\"publisher\": {\"name\": \"Journal du Bourg\"}, \"datePublished\": "
	    "\"2024-05-01T12:00:00+02:00\", \"description\": \"R\\u00e9sum\\u00e9.\"}]}</script>"
	    "</head><body><article>" PROSE "</article></body></html>");

	assert_non_null(a);
	assert_string_equal(a->title, "Le vote & la ville");
	assert_string_equal(a->byline, "Anne Droit");
	assert_string_equal(a->site_name, "Journal du Bourg");
	assert_string_equal(a->lang, "fr");
	assert_string_equal(a->dir, "rtl");
	assert_string_equal(a->excerpt, "R\xc3\xa9sum\xc3\xa9.");
	assert_int_equal(a->published, 1714557600);
	article_free(a);
}

static void test_title_without_site_name(void **state)
{
	struct article *a = extract("<html><head><title>Council votes on the new traffic plan - "
	                            "The Daily Bugle</title></head><body><article>" PROSE
	                            "</article></body></html>");

	assert_non_null(a);
	assert_string_equal(a->title, "Council votes on the new traffic plan");
	assert_null(a->byline);
	assert_int_equal(a->published, TIME_UNKNOWN);
	article_free(a);
}

static void test_byline_from_the_page(void **state)
{
	struct article *a =
	    extract("<html><body><article><p class='byline'>By <span "
	            "itemprop='name'>Jo Writer</span>, May 2</p>" PROSE "</article></body></html>");

	assert_non_null(a);
	assert_string_equal(a->byline, "Jo Writer");
	assert_null(strstr(a->text, "May 2"));
	article_free(a);
}

static void test_no_article(void **state)
{
	const char *pages[] = {
	    "",
	    "<html><body></body></html>",
	    "<html><body><ul><li><a href='/1'>One story</a></li><li><a href='/2'>Two "
	    "stories</a></li><li><a href='/3'>Three stories</a></li></ul></body></html>",
	    "<html><body><p>Sign in to read on.</p><form><input name='u'><input type='password' "
	    "name='p'></form><p>Not a subscriber? Subscribe now.</p></body></html>",
	    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
	};

	for (size_t i = 0; i < ARRAY_LEN(pages); i++) {
		struct article *a = NULL;
		char *err = NULL;
		size_t len = i == 4 ? 16 : strlen(pages[i]);

		assert_int_equal(extract_article(pages[i], len, NULL, &a, &err), -1);
		assert_null(a);
		assert_non_null(strstr(err, "no article"));
		free(err);
	}
}

static void test_hostile_structure(void **state)
{
	/* 100,000 nested elements and control characters: no crash, sanitised output */
	struct buf b;
	struct article *a;
	char *err = NULL;

	buf_init(&b);
	buf_puts(&b, "<html><body>");
	for (int i = 0; i < 100000; i++)
		buf_puts(&b, "<div>");
	buf_puts(&b, "<p>Deep \x1b[31m text\x07, with commas, many words, and more words, to "
	             "make it long enough to count as an article paragraph.</p></body></html>");
	if (extract_article(b.data, b.len, NULL, &a, &err) == 0) {
		assert_null(strchr(a->text, '\x1b'));
		assert_null(strchr(a->html, '\x07'));
		article_free(a);
	} else {
		free(err);
	}
	buf_free(&b);
}

static void test_too_large(void **state)
{
	struct extract_options o = {.max_size = 10};
	struct article *a = NULL;
	char *err = NULL;

	assert_int_equal(extract_article("<html><body><p>x</p></body></html>", 34, &o, &a, &err),
	                 -1);
	assert_non_null(strstr(err, "larger"));
	free(err);
}

static void test_dates(void **state)
{
	assert_int_equal(date_parse_iso8601("2024-05-01"), 1714521600);
	assert_int_equal(date_parse_iso8601("2024-05-01T12:00:00Z"), 1714564800);
	assert_int_equal(date_parse_iso8601("2024-05-01T12:00:00.123+0100"), 1714561200);
	assert_int_equal(date_parse_iso8601("2024-05-01 12:00:00"), 1714564800);
	assert_int_equal(date_parse_iso8601("2024-05-01T14:00:00+02:00"), 1714564800);
	assert_int_equal(date_parse_iso8601("May 1, 2024"), TIME_UNKNOWN);
	assert_int_equal(date_parse_iso8601("2024-13-01"), TIME_UNKNOWN);
	assert_int_equal(date_parse_iso8601(NULL), TIME_UNKNOWN);
}

static void test_unescape(void **state)
{
	char *s = html_unescape("a &amp;amp; b &lt;i&gt; &#233;&#x263A; &#0; &bogus; &");

	assert_string_equal(s, "a &amp; b <i> \xc3\xa9\xe2\x98\xba \xef\xbf\xbd &bogus; &");
	free(s);
}

static void assert_safe_name(const char *name)
{
	assert_true(strlen(name) <= SAVE_NAME_MAX);
	assert_true(name[0] != '.' && name[0] != '-');
	assert_null(strchr(name, '/'));
	assert_null(strchr(name, '\\'));
	for (const char *p = name; *p; p++)
		assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
	assert_true(utf8_is_valid(name, strlen(name)));
}

static void test_file_names(void **state)
{
	struct {
		const char *title;
		const char *want;
	} cases[] = {
	    {"Harbour bridge reopens!", "2024-03-05-harbour-bridge-reopens.md"},
	    {"../../.bashrc", "2024-03-05-bashrc.md"},
	    {"/etc/passwd", "2024-03-05-etc-passwd.md"},
	    {"....", "2024-03-05-article.md"},
	    {"", "2024-03-05-article.md"},
	    {NULL, "2024-03-05-article.md"},
	    {"line\none\x1b[31m\x07", "2024-03-05-line-one-31m.md"},
	    {"Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac",
	     "2024-03-05-caf\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac.md"},
	    {"bad \xff utf8", "2024-03-05-bad-\xef\xbf\xbd-utf8.md"},
	};
	struct buf longer;
	char *name;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		name = save_file_name(cases[i].title, 1709627400, "md");
		assert_string_equal(name, cases[i].want);
		assert_safe_name(name);
		free(name);
	}
	buf_init(&longer);
	for (int i = 0; i < 1000; i++)
		buf_puts(&longer, "\xe6\x97\xa5 word ");
	name = save_file_name(longer.data, TIME_UNKNOWN, "html");
	assert_safe_name(name);
	assert_true(str_starts_with(name, "undated-"));
	assert_true(str_ends_with(name, ".html"));
	free(name);
	buf_free(&longer);
}

/* The canonical link names the article's address only on the page's own site. */
static void test_canonical_on_the_same_site(void **state)
{
	struct article *a =
	    extract("<html><head><link rel='alternate canonical' "
	            "href=' /2024/story '></head><body><article>" PROSE "</article></body></html>");
	assert_non_null(a);
	assert_string_equal(a->canonical, "https://news.example/2024/story");
	article_free(a);
	a = extract("<html><head><link rel=canonical href='https://www.news.example/s'></head>"
	            "<body><article>" PROSE "</article></body></html>");
	assert_string_equal(a->canonical, "https://www.news.example/s");
	article_free(a);
	a = extract("<html><head><link rel=canonical href='https://aggregator.example/s'></head>"
	            "<body><article>" PROSE "</article></body></html>");
	assert_null(a->canonical);
	article_free(a);
}

/* A box after the text that asks for money goes, whatever it is called; a link to a
 * donation page inside the text stays. */
static void test_appeal_box_dropped(void **state)
{
	struct article *a = extract(
	    "<html><body><article><div class='c'>" PROSE
	    "<p>The town's food bank, which <a href='/donate'>takes donations</a>, said so.</p>"
	    "</div><div class='box'><h3>A message from the Gazette:</h3><p>Dear readers, we "
	    "depend on you, our readers, to keep reporting, and every gift, however small, "
	    "helps.</p><a href='https://news.example/contribute?src=a'>Contribute today</a>"
	    "</div></article></body></html>");
	assert_non_null(a);
	assert_non_null(strstr(a->text, "cost more than the budget allows."));
	assert_non_null(strstr(a->text, "takes donations"));
	assert_null(strstr(a->text, "Dear readers"));
	assert_null(strstr(a->text, "Contribute today"));
	article_free(a);
}

/* HTML: dir on <body> gives the direction when <html> has none. */
static void test_direction_from_body(void **state)
{
	struct article *a =
	    extract("<html><body dir='rtl'><article>" PROSE "</article></body></html>");
	assert_non_null(a);
	assert_string_equal(a->dir, "rtl");
	article_free(a);
}

/* A NUL byte halfway through the page (padding after an image, past the first 4 KiB, which
 * tell a binary file) does not end it: browsers skip it, and the text after it is the
 * article's. */
static void test_nul_bytes_skipped(void **state)
{
	static const char head[] = "<html><body><div><img src='a.png'>";
	static const char tail[] = "</div><article>" PROSE "</article></body></html>";
	size_t size = sizeof(head) + 5000 + 8 + sizeof(tail), n;
	char *page = xmalloc(size);
	struct extract_options o = {.base_url = "https://news.example/2024/story.html"};
	struct article *a = NULL;
	char *err = NULL;

	memcpy(page, head, sizeof(head) - 1);
	n = sizeof(head) - 1;
	memset(page + n, ' ', 5000);
	n += 5000;
	memset(page + n, 0, 8);
	n += 8;
	memcpy(page + n, tail, sizeof(tail) - 1);
	n += sizeof(tail) - 1;
	assert_int_equal(extract_article(page, n, &o, &a, &err), 0);
	assert_non_null(strstr(a->text, "cost more than the budget allows."));
	article_free(a);
	free(page);
}

/* The lines a page puts under its articles go, whatever the markup: a line of links back to
 * the list, a call to follow, and the heading over a list of other stories; a last
 * paragraph of the story that happens to name a newsletter's shop stays when it is long. */
static void test_closing_lines_dropped(void **state)
{
	struct article *a =
	    extract("<html><body><div class='main'>" PROSE
	            "<p>The vote, the mayor said, will be held in the spring, once the traders' "
	            "association and the council have met again to talk it over.</p>"
	            "<p><strong>Follow the Gazette on Twitter and Instagram for more.</strong></p>"
	            "<h3>Other stories</h3><p><a href='/a'>Bridge to close for repairs</a></p>"
	            "<p><a href='/list'>Back to the overview</a></p></div></body></html>");
	assert_non_null(a);
	assert_non_null(strstr(a->text, "to talk it over."));
	assert_null(strstr(a->text, "Follow the Gazette"));
	assert_null(strstr(a->text, "Other stories"));
	assert_null(strstr(a->text, "Back to the overview"));
	article_free(a);
}

/* Picture credits go in any language the web writes them in; the caption stays. */
static void test_photo_credits_dropped(void **state)
{
	struct article *a = extract(
	    "<html><body><article>" PROSE
	    "<figure><img src='/b.jpg'><figcaption>The old bridge at dusk.</figcaption>"
	    "<small>Foto: Anna Beispiel</small></figure>"
	    "<p>The council will decide in the spring, after a last round of talks with the "
	    "traders, the engineers and the people who live in the old centre.</p>"
	    "<div><img src='/c.jpg'><span>Kuva: Matti Esimerkki</span></div>"
	    "<p>Old town square at noon (Jane Roe/Shutterstock.com)</p></article></body></html>");
	assert_non_null(a);
	assert_non_null(strstr(a->text, "The old bridge at dusk."));
	assert_non_null(strstr(a->text, "who live in the old centre."));
	assert_null(strstr(a->text, "Anna Beispiel"));
	assert_null(strstr(a->text, "Matti"));
	assert_null(strstr(a->text, "Shutterstock"));
	article_free(a);
}

/* A short post above a long thread: the entries are many, alike, signed (a time stamp, a
 * reply link) and together far longer than the post, but the post is the article. The
 * names say nothing here ("entries", "item"), so only the shape can tell. */
static void test_short_post_beats_its_thread(void **state)
{
	static const char entry[] =
	    "<div class='item'><b>A reader</b> <time datetime='2024-05-03'>3 May</time>"
	    "<p>I walked past the site again today, and, to be honest, the new bridge looks "
	    "fine to me, whatever the council, the papers and my neighbours say about it.</p>"
	    "<a href='?replyto=1#respond'>Reply</a></div>";
	struct buf page;
	struct article *a;

	buf_init(&page);
	buf_puts(&page, "<html><body><div class='wrap'><div class='post'><h1>The bridge</h1>"
	                "<p>The new footbridge opened on Monday, two years late, and the first "
	                "walkers crossed it in the rain.</p><p>It cost twice the estimate; the "
	                "city will pay the difference out of next year's budget.</p>"
	                "</div><div class='entries'>");
	for (int i = 0; i < 12; i++)
		buf_puts(&page, entry);
	buf_puts(&page, "</div></div></body></html>");
	a = extract(page.data);
	assert_non_null(a);
	assert_non_null(strstr(a->text, "the first walkers crossed it in the rain."));
	assert_non_null(strstr(a->text, "out of next year's budget."));
	assert_null(strstr(a->text, "my neighbours"));
	article_free(a);
	buf_free(&page);
}

/* An open letter and its signatories, one "Name, Place" per line: the commas of the list
 * separate fields, so the list does not outscore the letter above it. */
static void test_letter_beats_its_signatories(void **state)
{
	struct buf page;
	struct article *a;

	buf_init(&page);
	buf_puts(&page, "<html><body><div class='letter'>" PROSE "<table><tr><td>");
	for (int i = 0; i < 30; i++)
		buf_printf(&page, "<b>Signer %d</b>, Town %d<br>", i, i);
	buf_puts(&page, "</td></tr></table></div></body></html>");
	a = extract(page.data);
	assert_non_null(a);
	assert_non_null(strstr(a->text, "has divided the town"));
	assert_non_null(strstr(a->text, "cost more than the budget allows."));
	article_free(a);
	buf_free(&page);
}

/* The direction: from the nearest element that states one around the article (<main dir>
 * here, not <html>), else from the script of the text when nothing says (Arabic reads right
 * to left; an English page quoting a line of Arabic still reads left to right). */
static void test_direction_from_ancestor_and_script(void **state)
{
	struct article *a = extract("<html><body><main dir='rtl'><article>" PROSE
	                            "</article></main></body></html>");
	assert_non_null(a);
	assert_string_equal(a->dir, "rtl");
	article_free(a);

	a = extract(
	    "<html lang='ar'><body><article>"
	    "<p>\u0630\u0647\u0628 \u0627\u0644\u0648\u0644\u062f \u0625\u0644\u0649 "
	    "\u0627\u0644\u0645\u062f\u0631\u0633\u0629 \u0641\u064a "
	    "\u0627\u0644\u0635\u0628\u0627\u062d\u060c \u062b\u0645 \u0639\u0627\u062f "
	    "\u0625\u0644\u0649 \u0627\u0644\u0628\u064a\u062a \u0628\u0639\u062f "
	    "\u0627\u0644\u0638\u0647\u0631 (2024).</p>"
	    "<p>\u0643\u062a\u0628 \u0627\u0644\u0648\u0644\u062f "
	    "\u0631\u0633\u0627\u0644\u0629 \u0637\u0648\u064a\u0644\u0629 "
	    "\u0625\u0644\u0649 \u062c\u062f\u062a\u0647\u060c "
	    "\u0648\u0642\u0631\u0623\u0647\u0627 "
	    "\u0623\u0628\u0648\u0647 \u0641\u064a \u0627\u0644\u0645\u0633\u0627\u0621 "
	    "\u0628\u0635\u0648\u062a \u0639\u0627\u0644\u064d.</p>"
	    "<p>\u0641\u064a \u0627\u0644\u064a\u0648\u0645 "
	    "\u0627\u0644\u062a\u0627\u0644\u064a\u060c "
	    "\u0630\u0647\u0628\u0627 \u0645\u0639\u064b\u0627 \u0625\u0644\u0649 "
	    "\u0627\u0644\u0633\u0648\u0642 \u0644\u0634\u0631\u0627\u0621 "
	    "\u0627\u0644\u062e\u0628\u0632 \u0648\u0627\u0644\u0641\u0627\u0643\u0647\u0629 "
	    "\u0648\u0627\u0644\u062d\u0644\u064a\u0628 \u0644\u0644\u0623\u0633\u0631\u0629.</p>"
	    "</article></body></html>");
	assert_non_null(a);
	assert_string_equal(a->dir, "rtl");
	article_free(a);

	a = extract("<html><body><article>" PROSE
	            "<p>The sign read \u0627\u0644\u0633\u0648\u0642, the market.</p></article>"
	            "</body></html>");
	assert_non_null(a);
	assert_null(a->dir);
	article_free(a);
}

static void assert_byline(const char *byline_html, const char *expected)
{
	struct buf page;
	struct article *a;

	buf_init(&page);
	buf_printf(&page, "<html><body><article>%s" PROSE "</article></body></html>", byline_html);
	a = extract(page.data);
	assert_non_null(a);
	if (expected)
		assert_string_equal(a->byline, expected);
	else
		assert_null(a->byline);
	article_free(a);
	buf_free(&page);
}

/* By-lines on pages nobody here wrote: a date, a time or a relative time after the name is
 * not the name's; a role is; a line that is only a date is no by-line, and the writer's
 * line after it is. */
static void test_byline_without_its_date(void **state)
{
	assert_byline("<p class='byline'>By Jane Roe \u2022 8h</p>", "By Jane Roe");
	assert_byline("<p class='byline'>By Jane Roe, May 2, 2024, 10:15 am</p>", "By Jane Roe");
	assert_byline("<div class='author'>Jane Roe | Updated 3 hours ago</div>", "Jane Roe");
	assert_byline("<div class='author'>Jane Roe, Games Editor</div>", "Jane Roe, Games Editor");
	assert_byline("<div class='autor'>Von Hans Muster - 12.03.2024, 14:05 Uhr</div>",
	              "Von Hans Muster");
	assert_byline("<span class='dateline'>Sunday, Feb 1, 2015 11:57 AM UTC</span><h2>A "
	              "deck</h2><span class='byline'>By John Doe</span>",
	              "By John Doe");
	assert_byline("<span class='dateline'>Sunday, Feb 1, 2015 11:57 AM UTC</span>", NULL);
}

/* A line that is only a date is the page's time stamp, at the top or the bottom of the
 * article; numbers that are no date, and dates in sentences, stay. */
static void test_date_lines_dropped(void **state)
{
	struct article *a = extract(
	    "<html><body><article><h2>Bridge plans</h2><p>23.10.2018</p>" PROSE
	    "<p>2, 3, 5, 8, 13</p><p>The vote is due on 12.03.2025, the mayor said, after the "
	    "traders and the council have met again.</p><div>Updated Sunday, Feb 1, 2015 11:57 "
	    "AM</div></article></body></html>");
	assert_non_null(a);
	assert_null(strstr(a->text, "23.10.2018"));
	assert_null(strstr(a->text, "11:57"));
	assert_non_null(strstr(a->text, "2, 3, 5, 8, 13"));
	assert_non_null(strstr(a->text, "due on 12.03.2025"));
	article_free(a);
}

/* An endless scroll: the page's own story, under the headline that is its title, and the
 * next one loaded below it, longer: the page's own is the article. */
static void test_own_story_of_several(void **state)
{
	struct article *a = extract(
	    "<html><head><title>Bridge opens | The Gazette</title></head><body>"
	    "<article><h1>Bridge opens</h1>" PROSE "</article>"
	    "<article><h1>Market moves</h1>" PROSE PROSE
	    "<p>The traders, the council and the engineers, who met again on Friday, agreed on "
	    "little, but they agreed to meet once more, in the spring, at the town hall.</p>"
	    "</article></body></html>");
	assert_non_null(a);
	assert_non_null(strstr(a->text, "has divided the town"));
	assert_null(strstr(a->text, "at the town hall."));
	article_free(a);
}

/* The same endless scroll inside the template's own <article>: the stories nested in it are
 * weighed, not the wrapper as one. */
static void test_own_story_in_a_wrapping_article(void **state)
{
	struct article *a = extract(
	    "<html><head><title>Bridge opens | The Gazette</title></head><body>"
	    "<article class='post'><section>"
	    "<article><h1>Market moves</h1><p>Prices at the market rose again this week, the "
	    "traders said, for the third week in a row, and nobody expects them to fall soon.</p>"
	    "<p>Growers blame the weather, the buyers blame the growers, and the council blames "
	    "both of them, as it has done every autumn for as long as anyone remembers.</p>"
	    "</article>"
	    "<article><h1>Bridge opens</h1>" PROSE "</article>"
	    "<article><h1>Library closes</h1>" PROSE PROSE
	    "<p>The librarians, the readers and the council, who met again on Friday, agreed on "
	    "little, but they agreed to meet once more, in the spring, at the town hall.</p>"
	    "</article></section></article></body></html>");
	assert_non_null(a);
	assert_non_null(strstr(a->text, "has divided the town"));
	assert_null(strstr(a->text, "Prices at the market"));
	assert_null(strstr(a->text, "at the town hall."));
	article_free(a);
}

/* The paragraph in the article's header that is the page's own summary (og:description) is
 * its lead, though it sits above the block of prose; a teaser far from the article with the
 * same words is not, and a lead the body already holds is not given twice. */
#define LEAD_TEXT                                                                                  \
	"The town will vote next month on a plan to close its old centre to cars, after a year "   \
	"of argument."

static void test_lead_from_the_summary(void **state)
{
	static const char *const pages[] = {
	    /* the lead in the header: kept, first */
	    "<html><head><meta property='og:description' content='" LEAD_TEXT "'></head><body>"
	    "<article><header><h1>Centre to close to cars</h1><p class='dek'>" LEAD_TEXT "</p>"
	    "</header><div class='body'>" PROSE "</div></article></body></html>",
	    /* a summary cut short by the publisher ("...") still names the lead */
	    "<html><head><meta name='description' content='The town will vote next month on a plan "
	    "to close its old centre to cars\xe2\x80\xa6'></head><body>"
	    "<article><header><h1>Centre to close to cars</h1><p>" LEAD_TEXT "</p>"
	    "</header><div class='body'>" PROSE "</div></article></body></html>",
	    /* the summary runs on past the lead, cut with "[...]", with no-break spaces */
	    "<html><head><meta property='og:description' content='The town will vote next month "
	    "on a plan to close its old centre to cars, after a year of argument. The council "
	    "says [\xe2\x80\xa6]'></head><body><article><header><h1>Centre to close to cars"
	    "</h1><div class='intro'><div><p>The town will vote next month on a plan to close its "
	    "old centre to cars, after a year\xc2\xa0of argument.</p></div></div></header>"
	    "<div class='body'>" PROSE "</div></article></body></html>",
	};

	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		struct article *a = extract(pages[i]);

		assert_non_null(a);
		assert_true(strncmp(a->text,
		                    "The town will vote next month on a plan to close its "
		                    "old centre to cars, after a year",
		                    strlen("The town will vote next month on a plan to close its "
		                           "old centre to cars, after a year")) == 0);
		assert_non_null(strstr(a->text, "The committee met on Thursday"));
		article_free(a);
	}
}

static void test_lead_not_from_elsewhere(void **state)
{
	struct article *a = extract(
	    "<html><head><meta property='og:description' content='" LEAD_TEXT "'></head><body>"
	    "<div class='top'><div class='strip'><div class='teasers'><div "
	    "class='card'><p>" LEAD_TEXT "</p></div></div></div></div>"
	    "<div class='page'><div class='main'><div class='column'><article><h1>Centre to close "
	    "to cars</h1><div class='body'>" PROSE
	    "</div></article></div></div></div></body></html>");
	const char *first;

	assert_non_null(a);
	assert_null(strstr(a->text, "The town will vote"));
	article_free(a);

	a = extract("<html><head><meta property='og:description' content='" LEAD_TEXT
	            "'></head><body><article><header><h1>Centre to close to cars</h1><p>" LEAD_TEXT
	            "</p></header><div class='body'><p>" LEAD_TEXT "</p>" PROSE
	            "</div></article></body></html>");
	assert_non_null(a);
	first = strstr(a->text, "The town will vote");
	assert_non_null(first);
	assert_null(strstr(first + 1, "The town will vote"));
	article_free(a);
}

/* A short line ending in a colon that is left last once the links it introduced went as
 * furniture goes with them; one that was last by itself (its video removed) stays. */
static void test_dangling_label_after_trimmed_links(void **state)
{
	struct article *a =
	    extract("<html><body><article>" PROSE "<p>Earlier in this story:</p>"
	            "<p><a href='/2024/traffic.html'>Traffic plan goes to the council</a></p>"
	            "<p><a href='/2024/bridge.html'>The bridge closes for repairs</a></p>"
	            "</article></body></html>");

	assert_non_null(a);
	assert_non_null(strstr(a->text, "cost more than the budget allows."));
	assert_null(strstr(a->text, "Traffic plan"));
	assert_null(strstr(a->text, "Earlier in this story"));
	article_free(a);

	a = extract(
	    "<html><body><article>" PROSE
	    "<p>To see the old centre as it is today, watch the footage below:</p>"
	    "<iframe src='https://video.example/embed/1'></iframe></article></body></html>");
	assert_non_null(a);
	assert_non_null(strstr(a->text, "watch the footage below:"));
	article_free(a);
}

/* A browser with scripting off shows <noscript>: one holding the article's paragraphs is
 * read (the page's script fills the body in from a template), while a noscript asking for
 * JavaScript or holding a pixel's markup as text is not. */
static void test_noscript_with_prose_read(void **state)
{
	struct article *a = extract(
	    "<html><body><noscript><p>Please enable JavaScript to use this site.</p></noscript>"
	    "<div class='post'><div class='post-body' itemprop='articleBody'>"
	    "<script type='text/template'>&lt;p&gt;template&lt;/p&gt;</script>"
	    "<noscript>" PROSE "</noscript></div></div>"
	    "<noscript>&lt;div&gt;&lt;img width=1 height=1 src='https://pixel.example/b?P=1'"
	    "&gt;&lt;/div&gt; and more escaped markup of a tracking pixel, long enough to pass "
	    "for prose by its length alone: &lt;img src='https://pixel.example/b?P=2'&gt;"
	    "&lt;img src='https://pixel.example/b?P=3'&gt;</noscript>"
	    "</body></html>");

	assert_non_null(a);
	assert_non_null(strstr(a->text, "The committee met on Thursday"));
	assert_non_null(strstr(a->text, "cost more than the budget allows."));
	assert_null(strstr(a->text, "enable JavaScript"));
	assert_null(strstr(a->text, "pixel"));
	assert_null(strstr(a->text, "template"));
	article_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keeps_prose_drops_furniture),
	    cmocka_unit_test(test_rejoins_paragraph_split_by_ad),
	    cmocka_unit_test(test_keeps_figures_and_resolves_links),
	    cmocka_unit_test(test_metadata_from_json_ld_and_meta),
	    cmocka_unit_test(test_title_without_site_name),
	    cmocka_unit_test(test_byline_from_the_page),
	    cmocka_unit_test(test_no_article),
	    cmocka_unit_test(test_hostile_structure),
	    cmocka_unit_test(test_too_large),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_unescape),
	    cmocka_unit_test(test_file_names),
	    cmocka_unit_test(test_canonical_on_the_same_site),
	    cmocka_unit_test(test_appeal_box_dropped),
	    cmocka_unit_test(test_direction_from_body),
	    cmocka_unit_test(test_nul_bytes_skipped),
	    cmocka_unit_test(test_closing_lines_dropped),
	    cmocka_unit_test(test_photo_credits_dropped),
	    cmocka_unit_test(test_short_post_beats_its_thread),
	    cmocka_unit_test(test_letter_beats_its_signatories),
	    cmocka_unit_test(test_direction_from_ancestor_and_script),
	    cmocka_unit_test(test_byline_without_its_date),
	    cmocka_unit_test(test_date_lines_dropped),
	    cmocka_unit_test(test_own_story_of_several),
	    cmocka_unit_test(test_noscript_with_prose_read),
	    cmocka_unit_test(test_own_story_in_a_wrapping_article),
	    cmocka_unit_test(test_lead_from_the_summary),
	    cmocka_unit_test(test_lead_not_from_elsewhere),
	    cmocka_unit_test(test_dangling_label_after_trimmed_links),
	};

	text_init_locale();
	settings_reset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
