/* The document model and its back ends: what HTML becomes, how lines wrap, and that nothing
 * hostile gets through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "parse/feed.h"
#include "render/render.h"

#include <libxml/uri.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct doc *parse(const char *html)
{
	return doc_from_html(html, strlen(html), "https://example.com/news/story.html");
}

static char *text_of(const char *html, int width)
{
	struct doc *d = parse(html);
	char *out = render_text(d, width);
	doc_free(d);
	return out;
}

static void assert_text(const char *html, int width, const char *want)
{
	char *out = text_of(html, width);
	if (strcmp(out, want) != 0)
		print_message("got:\n%s\nwanted:\n%s\n", out, want);
	assert_string_equal(out, want);
	free(out);
}

static char *markdown_of(const char *html)
{
	struct doc *d = parse(html);
	char *out = render_markdown_body(d);
	doc_free(d);
	return out;
}

static void assert_markdown(const char *html, const char *want)
{
	char *out = markdown_of(html);
	if (strcmp(out, want) != 0)
		print_message("got:\n%s\nwanted:\n%s\n", out, want);
	assert_string_equal(out, want);
	free(out);
}

/* ---- the model ---- */

static void test_model_blocks_and_styles(void **state)
{
	struct doc *d = parse("<h2>Title</h2><p>a <b>bold</b> <i>it</i> <code>c</code> "
	                      "<s>x</s> <a href='/l'>link</a></p><hr><pre>  x\n y</pre>");

	assert_int_equal(d->block_count, 4);
	assert_int_equal(d->blocks[0].type, DOC_HEADING);
	assert_int_equal(d->blocks[0].level, 2);
	assert_int_equal(d->blocks[1].type, DOC_PARAGRAPH);
	assert_int_equal(d->blocks[2].type, DOC_HR);
	assert_int_equal(d->blocks[3].type, DOC_PRE);
	assert_string_equal(d->blocks[3].runs[0].text, "  x\n y");

	const struct doc_block *p = &d->blocks[1];
	unsigned seen = 0;
	for (int i = 0; i < p->run_count; i++)
		seen |= p->runs[i].style;
	assert_int_equal(seen, DOC_BOLD | DOC_ITALIC | DOC_CODE | DOC_STRIKE | DOC_LINK);
	assert_int_equal(d->link_count, 1);
	assert_string_equal(d->links[0], "https://example.com/l");
	doc_free(d);
}

static void test_model_whitespace_rules(void **state)
{
	struct doc *d = parse("<p>\n  a   <b> b </b>\t c&nbsp;&nbsp;d  \n</p>");

	assert_int_equal(d->block_count, 1);
	struct buf all;
	buf_init(&all);
	for (int i = 0; i < d->blocks[0].run_count; i++)
		buf_puts(&all, d->blocks[0].runs[i].text);
	assert_string_equal(all.data, "a b c\xc2\xa0\xc2\xa0"
	                              "d");
	buf_free(&all);
	doc_free(d);
}

static void test_model_lists_number_and_nest(void **state)
{
	struct doc *d = parse("<ol start=3><li>a<ul><li>b</li></ul></li><li>c</li></ol>");

	assert_int_equal(d->block_count, 3);
	assert_int_equal(d->blocks[0].nest_count, 1);
	assert_int_equal(d->blocks[0].nest[0].number, 3);
	assert_true(d->blocks[0].nest[0].ordered);
	assert_int_equal(d->blocks[1].nest_count, 2);
	assert_false(d->blocks[1].nest[1].ordered);
	assert_int_equal(d->blocks[2].nest[0].number, 4);
	doc_free(d);
}

static void test_model_drops_hidden_and_active_content(void **state)
{
	char *out = text_of("<script>evil()</script><style>p{}</style><form>f</form>"
	                    "<iframe src=x>i</iframe><p hidden>h</p>"
	                    "<p style='DISPLAY: none'>n</p><p aria-hidden=true>a</p>"
	                    "<img src='t.gif' width=1 height=1><p>kept</p>",
	                    80);
	assert_string_equal(out, "kept\n");
	free(out);
}

static void test_model_resolves_links_and_refuses_javascript(void **state)
{
	struct doc *d = parse("<a href='../up'>u</a> <a href='javascript:alert(1)'>j</a> "
	                      "<a href='//cdn.example.org/x'>c</a> <a href='#frag'>f</a>");

	assert_int_equal(d->link_count, 3);
	assert_string_equal(d->links[0], "https://example.com/up");
	assert_string_equal(d->links[1], "https://cdn.example.org/x");
	assert_string_equal(d->links[2], "https://example.com/news/story.html#frag");
	doc_free(d);
}

/* Links are what libxml2's xmlBuildURI makes of them (paths from the root take a shorter
 * way there, which must arrive at the same place). */
static void test_model_links_resolve_as_libxml2_does(void **state)
{
	static const char *const bases[] = {"https://example.com/news/story.html",
	                                    "http://u@Example.org:8080/a/b/?q=1#f",
	                                    "https://example.com",
	                                    "http://[::1]:80/x",
	                                    "https://example.com/a%20b/c",
	                                    "file:///tmp/x.html",
	                                    "https://ex%41mple.com/"};
	static const char *const refs[] = {
	    "/",         "/img/5.jpg", "/a/b/c", "/a.b/c_d~e-f", "/a/./b", "/a/../b",
	    "//cdn.x/y", "/a b",       "/a?b",   "/a#b",         "/%41",   "/\xc3\xa9",
	    "rel/x",     "../up",      "?q",     "#f",           "/a//b"};

	for (size_t i = 0; i < ARRAY_LEN(bases); i++)
		for (size_t j = 0; j < ARRAY_LEN(refs); j++) {
			char *html = xasprintf("<a href='%s'>x</a>", refs[j]);
			struct doc *d = doc_from_html(html, strlen(html), bases[i]);
			xmlChar *want =
			    xmlBuildURI((const xmlChar *)refs[j], (const xmlChar *)bases[i]);
			if (want && (strncmp((char *)want, "http", 4) == 0)) {
				assert_int_equal(d->link_count, 1);
				if (strcmp(d->links[0], (char *)want) != 0)
					fail_msg("%s against %s: %s, libxml2 says %s", refs[j],
					         bases[i], d->links[0], (char *)want);
			}
			xmlFree(want);
			doc_free(d);
			free(html);
		}
}

static void test_model_survives_nesting_bomb(void **state)
{
	struct buf html;
	buf_init(&html);
	/* libxml2 stops reading past its depth limit; what came before is kept */
	buf_puts(&html, "<p>before</p>");
	for (int i = 0; i < 10000; i++)
		buf_puts(&html, "<blockquote><ul><li>x");
	struct doc *d = doc_from_html(html.data, html.len, NULL);
	assert_true(d->block_count >= 1);
	for (int i = 0; i < d->block_count; i++)
		assert_true(d->blocks[i].nest_count <= DOC_MAX_NEST);
	char *out = render_text(d, 40);
	assert_non_null(strstr(out, "before"));
	assert_non_null(strstr(out, "x"));
	free(out);
	doc_free(d);
	buf_free(&html);
}

/* The parse stops where libxml2 stopped building a tree: 256 elements deep. html and body
 * are two of them, so div 254 (counting from 0) is the last one read. */
static void test_model_stops_at_the_depth_limit(void **state)
{
	struct buf html;
	buf_init(&html);
	for (int i = 0; i < 300; i++)
		buf_printf(&html, "<div>d%d ", i);
	char *out = text_of(html.data, 80);
	assert_non_null(strstr(out, "d0\n"));
	assert_non_null(strstr(out, "\nd254\n"));
	assert_null(strstr(out, "d255"));
	/* every level read made a block of its own */
	int lines = 0;
	for (const char *p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 255 * 2 - 1);
	free(out);
	buf_free(&html);
}

/* Text reaches the model a piece at a time (around entities, comments and chunks): pieces
 * of one text are read as a whole, styles and white space as if it had come at once. */
static void test_model_text_in_pieces_reads_whole(void **state)
{
	struct doc *d = parse("<p>a&amp;b&lt;c <!-- x --> d&#32;&#32;e\xe6\x9d\xb1&#x4EAC;</p>");

	assert_int_equal(d->block_count, 1);
	assert_int_equal(d->blocks[0].run_count, 1);
	assert_string_equal(d->blocks[0].runs[0].text, "a&b<c d e\xe6\x9d\xb1\xe4\xba\xac");
	doc_free(d);
}

/* What libxml2's tree builder did on its own: a name's prefix is dropped ("dc:title" is a
 * title, and dropped with it), and text outside every element goes. */
static void test_model_prefixed_names_and_stray_text(void **state)
{
	assert_text("<dc:title>T</dc:title><o:p>para</o:p><x:script>s()</x:script>"
	            "<itunes:summary>sum</itunes:summary>",
	            80, "para\n\nsum\n");
	assert_text("<&#b>x</b><p>y</p>", 80, "b>x\n\ny\n");
}

static void test_model_from_text(void **state)
{
	struct doc *d = doc_from_text("one\ntwo\n\nthree\x1b[2J", 19);
	assert_int_equal(d->block_count, 2);
	assert_string_equal(d->blocks[0].runs[0].text, "one two");
	assert_string_equal(d->blocks[1].runs[0].text, "three[2J");
	doc_free(d);
}

/* ---- wrapping and widths ---- */

static void test_wraps_at_width(void **state)
{
	assert_text("<p>the quick brown fox jumps over the lazy dog</p>", 15,
	            "the quick brown\nfox jumps over\nthe lazy dog\n");
}

static void test_wraps_wide_characters_by_columns(void **state)
{
	/* 12 CJK characters, 24 columns, into 10-column lines */
	assert_text("<p>日本語日本語日本語日本語</p>", 10, "日本語日本\n語日本語日\n本語\n");
}

static void test_combining_marks_take_no_column(void **state)
{
	/* "e" + U+0301 ten times: 10 columns */
	assert_text("<p>e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81 x</p>",
	            12,
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81"
	            "e\xcc\x81 x\n");
}

static void test_layout_lines_fit_and_rewrap(void **state)
{
	struct doc *d = parse("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
	                      "eiusmod tempor 日本語 incididunt ut labore et dolore magna aliqua "
	                      "<a href='https://a.example/'>link</a>.</p><pre>a\tb</pre>");
	struct term_layout *l = term_layout_new(d, 30);
	int widths[] = {30, 12, 80, 10, 45};

	for (size_t k = 0; k < ARRAY_LEN(widths); k++) {
		term_layout_set_width(l, widths[k]);
		assert_int_equal(l->width, widths[k]);
		for (int i = 0; i < l->line_count; i++) {
			int cols = 0;
			for (int s = 0; s < l->lines[i].seg_count; s++) {
				const struct term_seg *seg = &l->lines[i].segs[s];
				assert_int_equal(text_width(seg->text), seg->cols);
				assert_int_equal(strlen(seg->text), seg->len);
				cols += seg->cols;
			}
			assert_int_equal(cols, l->lines[i].cols);
			assert_true(cols <= widths[k]);
		}
	}
	term_layout_free(l);
	doc_free(d);
}

static void test_link_numbers_and_list(void **state)
{
	assert_text("<p>see <a href='/a'>this</a> and <a href='/b'>that</a>, "
	            "<a href='/a'>again</a></p>",
	            80,
	            "see this[1] and that[2], again[1]\n\nLinks:\n[1] https://example.com/a\n"
	            "[2] https://example.com/b\n");
}

static void test_link_segments_carry_the_link(void **state)
{
	struct doc *d = parse("<p>x <a href='/a'>one two</a></p>");
	struct term_layout *l = term_layout_new(d, 80);
	int found = 0;

	for (int s = 0; s < l->lines[0].seg_count; s++) {
		const struct term_seg *seg = &l->lines[0].segs[s];
		if (strcmp(seg->text, "one two") == 0) {
			assert_true(seg->attr & TERM_LINK);
			assert_int_equal(seg->link, 0);
			found++;
		}
		if (strcmp(seg->text, "[1]") == 0) {
			assert_true(seg->attr & TERM_LINKNUM);
			found++;
		}
	}
	assert_int_equal(found, 2);
	term_layout_free(l);
	doc_free(d);
}

static void test_quotes_and_hanging_bullets(void **state)
{
	assert_text("<blockquote><p>quoted words here</p></blockquote>"
	            "<ul><li>item text that wraps</li></ul>",
	            14, "│ quoted words\n│ here\n\n• item text\n  that wraps\n");
}

/* Text output never loses a preformatted line's end: it goes on over the next lines, each
 * full one ending in "↩". */
static void test_pre_is_continued_in_text(void **state)
{
	assert_text("<pre>0123456789abcdefghij\n\tx</pre>", 12,
	            "0123456789a↩\nbcdefghij\n        x\n");
	assert_text("<pre>0123456789abcdefghijklmnopqrstuv</pre>", 12,
	            "0123456789a↩\nbcdefghijkl↩\nmnopqrstuv\n");
	/* exactly the width: no mark */
	assert_text("<pre>0123456789ab</pre>", 12, "0123456789ab\n");
	/* quoted: the bar on every line; wide characters never split */
	assert_text("<blockquote><pre>日本語日本語日本語</pre></blockquote>", 12,
	            "│ 日本語日↩\n│ 本語日本語\n");
}

/* The layout itself cuts such a line unless asked to wrap it; the marks are TERM_TRUNC. */
static void test_layout_cuts_or_wraps_pre(void **state)
{
	struct doc *d = parse("<pre>0123456789abcdefghij</pre>");
	struct term_layout *cut = term_layout_new(d, 12);
	struct term_layout *wrap = term_layout_new_flags(d, 12, TERM_WRAP_CODE);
	const struct term_line *ln;

	assert_int_equal(cut->line_count, 1);
	ln = &cut->lines[0];
	assert_string_equal(ln->segs[ln->seg_count - 1].text, "…");
	assert_true(ln->segs[ln->seg_count - 1].attr & TERM_TRUNC);
	assert_int_equal(wrap->line_count, 2);
	ln = &wrap->lines[0];
	assert_int_equal(ln->cols, 12);
	assert_string_equal(ln->segs[ln->seg_count - 1].text, "↩");
	assert_true(ln->segs[ln->seg_count - 1].attr & TERM_TRUNC);
	assert_string_equal(wrap->lines[1].segs[0].text, "bcdefghij");
	term_layout_set_width(wrap, 30);
	assert_int_equal(wrap->line_count, 1);
	term_layout_set_width(wrap, 10);
	assert_int_equal(wrap->line_count, 3);
	term_layout_free(cut);
	term_layout_free(wrap);
	doc_free(d);
}

static void test_images_and_captions(void **state)
{
	assert_text("<figure><img src='p.png' alt='A cat'><figcaption>Caption</figcaption>"
	            "</figure><img src='q.png'>",
	            40, "[image: A cat]\nCaption\n\n[image]\n");
}

static void test_small_images_read_inline(void **state)
{
	assert_text("<p>so <img src='e.png' alt='🙂' width=16 height=16> happy</p>", 40,
	            "so 🙂 happy\n");
}

static void test_links_without_text_are_not_listed(void **state)
{
	assert_text("<p><a href='/empty'></a><a href='/a'>a</a></p>", 40,
	            "a[1]\n\nLinks:\n[1] https://example.com/a\n");
}

static void test_pre_tab_stops_count_columns(void **state)
{
	/* two wide characters take four columns: the tab goes on to column 8 */
	assert_text("<pre>日本\tx\n<b>ab</b>\tc</pre>", 40, "日本    x\nab      c\n");
}

static void test_table_grid_and_fallback(void **state)
{
	const char *html = "<table><tr><th>k</th><th>value</th></tr><tr><td>a</td><td>1</td></tr>"
	                   "</table>";
	assert_text(html, 40, "k │ value\n──┼──────\na │ 1\n");
	assert_text("<table><tr><td>a long first cell</td><td>another long cell</td></tr></table>",
	            20, "a long first cell │\nanother long cell\n");
}

static void test_headings_underlined(void **state)
{
	assert_text("<h1>Big</h1><h2>Less</h2><h3>Small</h3>", 40,
	            "Big\n═══\n\nLess\n────\n\nSmall\n");
}

static void test_br_breaks_lines(void **state)
{
	assert_text("<p>one<br>two<br/>three</p>", 40, "one\ntwo\nthree\n");
	/* none at the start or the end, at most one empty line */
	assert_text("<p><br> a <br><br><br><br>b <br> </p>", 40, "a\n\nb\n");
	assert_markdown("<h2>one<br>two</h2><p>a<br></p>", "## one two\n\na\n");
}

static void test_entities_decoded(void **state)
{
	assert_text("<p>&lt;tag&gt; &amp; &quot;q&quot; &eacute; &#233; &#x263A; &bogus;</p>", 80,
	            "<tag> & \"q\" é é ☺ &bogus;\n");
}

/* ---- Markdown ---- */

static void test_markdown_inline_and_escapes(void **state)
{
	assert_markdown("<p>a <b>bold </b><i>it</i> <code>x`y</code> <a href='/l'>li*nk</a> "
	                "*stars* [br]</p>",
	                "a **bold** *it* ``x`y`` [li\\*nk](https://example.com/l) \\*stars\\* "
	                "\\[br\\]\n");
}

static void test_markdown_blocks(void **state)
{
	assert_markdown("<h3>H</h3><ol><li>one</li><li>two<ul><li>sub</li></ul></li></ol>"
	                "<blockquote><p>q1</p><p>q2</p></blockquote><pre>code\n```</pre><hr>",
	                "### H\n\n1. one\n2. two\n   - sub\n\n> q1\n>\n> q2\n\n````\ncode\n```\n"
	                "````\n\n* * *\n");
}

static void test_markdown_line_start_escapes(void **state)
{
	assert_markdown("<p># not a heading</p><p>1. not a list</p>",
	                "\\# not a heading\n\n\\1. not a list\n");
}

static void test_markdown_article_shape(void **state)
{
	struct doc *d = parse("<p>Body text.</p>");
	struct article_meta meta = {.title = "A \x1b[31mTitle",
	                            .author = "Ann Author",
	                            .date = 1384387200,
	                            .link = "https://example.com/story"};
	char *out;

	settings.date_format = (char *)"%B %-d, %Y"; /* the saved-article seed's long form */
	out = render_markdown(d, &meta);
	assert_string_equal(out, "A \\[31mTitle\n\nBy Ann Author\n\nNovember 14, 2013\n\n"
	                         "Body text.\n\nOriginal url:\n\n<https://example.com/story>\n");
	free(out);
	meta.date = TIME_UNKNOWN;
	meta.author = NULL;
	out = render_markdown(d, &meta);
	assert_null(strstr(out, "By "));
	free(out);
	doc_free(d);
}

/* ---- hostile input ---- */

#define HOSTILE                                                                                    \
	"\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b]0;title\x1b\\\xc2\x9b"                                  \
	"31m\xc2\x85\x9b\x85\xff\xfe\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xe2\x80\xae\xe2\x81\xa6"  \
	"\xe2\x80\x8f\xd8\x9c\r\b\x7f\x01\x0b\x0c"

static const char hostile_html[] =
    "<h1>" HOSTILE "</h1><p>" HOSTILE "<b>" HOSTILE "</b><a href='/" HOSTILE "'>" HOSTILE
    "</a></p><pre>" HOSTILE "\t" HOSTILE "</pre><ul><li>" HOSTILE "</li></ul>"
    "<blockquote>" HOSTILE "</blockquote><img src='/" HOSTILE "' alt='" HOSTILE "'>"
    "<table><tr><th>" HOSTILE "</th><td>" HOSTILE "</td></tr></table>"
    "<figure><img src=x alt=y><figcaption>" HOSTILE "</figcaption></figure>" HOSTILE;

/* Embeddings, overrides and isolates; the marks (LRM, RLM, ALM) are harmless and kept. */
static int is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* No control byte but newline (and tab when allowed), no DEL, no C1, no bidi control, and
 * valid UTF-8. */
static void assert_clean(const char *s, size_t len, int tab_ok)
{
	assert_true(utf8_is_valid(s, len));
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\n' && !(tab_ok && c == '\t'))
			fail_msg("control byte 0x%02x at %zu", c, i);
		assert_int_not_equal(c, 0x7f);
		i += utf8_decode(s + i, len - i, &cp);
		if ((cp >= 0x80 && cp < 0xA0) || is_bidi_control(cp))
			fail_msg("forbidden character U+%04X", (unsigned)cp);
	}
}

static void test_hostile_input_never_reaches_any_back_end(void **state)
{
	struct doc *d = parse(hostile_html);
	struct article_meta meta = {.title = HOSTILE,
	                            .author = HOSTILE,
	                            .date = 0,
	                            .link = "https://x.example/" HOSTILE,
	                            .feed = HOSTILE};
	int widths[] = {10, 40, 80, 120};
	char *out;

	assert_true(d->block_count > 5);
	for (size_t k = 0; k < ARRAY_LEN(widths); k++) {
		struct term_layout *l = term_layout_new(d, widths[k]);
		for (int i = 0; i < l->line_count; i++)
			for (int s = 0; s < l->lines[i].seg_count; s++) {
				const struct term_seg *seg = &l->lines[i].segs[s];
				assert_clean(seg->text, seg->len, 0);
				assert_null(memchr(seg->text, '\n', seg->len));
			}
		term_layout_free(l);
		out = render_text(d, widths[k]);
		assert_clean(out, strlen(out), 0);
		free(out);
	}
	out = render_markdown(d, &meta);
	assert_clean(out, strlen(out), 1);
	free(out);
	out = render_markdown_body(d);
	assert_clean(out, strlen(out), 1);
	free(out);
	doc_free(d);

	d = doc_from_text(hostile_html, sizeof(hostile_html) - 1);
	out = render_text(d, 40);
	assert_clean(out, strlen(out), 0);
	free(out);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_model_blocks_and_styles),
	    cmocka_unit_test(test_model_whitespace_rules),
	    cmocka_unit_test(test_model_lists_number_and_nest),
	    cmocka_unit_test(test_model_drops_hidden_and_active_content),
	    cmocka_unit_test(test_model_resolves_links_and_refuses_javascript),
	    cmocka_unit_test(test_model_links_resolve_as_libxml2_does),
	    cmocka_unit_test(test_model_survives_nesting_bomb),
	    cmocka_unit_test(test_model_stops_at_the_depth_limit),
	    cmocka_unit_test(test_model_text_in_pieces_reads_whole),
	    cmocka_unit_test(test_model_prefixed_names_and_stray_text),
	    cmocka_unit_test(test_model_from_text),
	    cmocka_unit_test(test_wraps_at_width),
	    cmocka_unit_test(test_wraps_wide_characters_by_columns),
	    cmocka_unit_test(test_combining_marks_take_no_column),
	    cmocka_unit_test(test_layout_lines_fit_and_rewrap),
	    cmocka_unit_test(test_link_numbers_and_list),
	    cmocka_unit_test(test_link_segments_carry_the_link),
	    cmocka_unit_test(test_quotes_and_hanging_bullets),
	    cmocka_unit_test(test_pre_is_continued_in_text),
	    cmocka_unit_test(test_layout_cuts_or_wraps_pre),
	    cmocka_unit_test(test_images_and_captions),
	    cmocka_unit_test(test_small_images_read_inline),
	    cmocka_unit_test(test_links_without_text_are_not_listed),
	    cmocka_unit_test(test_pre_tab_stops_count_columns),
	    cmocka_unit_test(test_table_grid_and_fallback),
	    cmocka_unit_test(test_headings_underlined),
	    cmocka_unit_test(test_br_breaks_lines),
	    cmocka_unit_test(test_entities_decoded),
	    cmocka_unit_test(test_markdown_inline_and_escapes),
	    cmocka_unit_test(test_markdown_blocks),
	    cmocka_unit_test(test_markdown_line_start_escapes),
	    cmocka_unit_test(test_markdown_article_shape),
	    cmocka_unit_test(test_hostile_input_never_reaches_any_back_end),
	};
	text_init_locale();
	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
