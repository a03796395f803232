/* How long an article takes to reach the reading pane: parsing 200 KB of HTML into the
 * document model and laying it out at 80 columns (goal: under 5 ms), then re-wrapping the
 * layout to another width, as on a terminal resize (goal: under 2 ms).
 *
 * usage: render-bench [--wall] [FILE.html|-] [RUNS]   (without FILE or with -, a 200 KB
 * article is generated) */
#include "core/text.h"
#include "core/util.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time of this thread: on a busy machine, wall time measures the neighbours too. With
 * --wall, wall-clock time instead. */
static clockid_t clock_id = CLOCK_THREAD_CPUTIME_ID;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(clock_id, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* A news article's mix: headings, long paragraphs with styles and links, lists, quotes, code,
 * a table, images, some CJK text. */
static char *make_article(size_t size, size_t *len)
{
	struct buf b;
	int n = 0;

	buf_init(&b);
	buf_puts(&b, "<html><body><article><h1>A long article</h1>");
	while (b.len < size) {
		buf_printf(
		    &b,
		    "<h2>Part %d</h2><p>The committee met on <b>Tuesday</b> to discuss the "
		    "<a href='/topics/%d'>budget proposal</a>, which <em>critics</em> say "
		    "would cut funding for public transport by a fifth. &ldquo;We cannot "
		    "accept this,&rdquo; said one member, adding that the plan had been "
		    "drawn up without consulting the cities most affected. 東京でも同様の議論が"
		    "続いている。</p><ul><li>First point of part %d</li><li>Second, with "
		    "<code>inline code</code> and a <a href='https://example.org/%d'>link</a>"
		    "</li></ul><blockquote><p>A quotation from the report, long enough to "
		    "wrap over two lines at eighty columns or fewer.</p></blockquote>"
		    "<pre>for (int i = 0; i &lt; %d; i++)\n\tprintf(\"%%d\\n\", i);</pre>"
		    "<table><tr><th>Year</th><th>Amount</th></tr><tr><td>2024</td>"
		    "<td>%d</td></tr></table><figure><img src='/img/%d.jpg' alt='Chart %d'>"
		    "<figcaption>Spending over time.</figcaption></figure>\n",
		    n, n, n, n, n, n * 1000, n, n);
		n++;
	}
	buf_puts(&b, "</article></body></html>");
	*len = b.len;
	return buf_steal(&b);
}

/* Sorts v; the median is the typical run, the minimum the one least disturbed by the rest of
 * the machine. */
static void report(const char *what, double *v, int n, const char *goal)
{
	qsort(v, n, sizeof(*v), by_value);
	printf("%-28s median %7.3f  min %7.3f%s\n", what, v[n / 2], v[0], goal);
}

int main(int argc, char **argv)
{
	int runs;
	double *parse, *layout, *rewrap, *total;
	size_t len;
	char *html;
	int lines = 0;

	text_init_locale();
	if (argc > 1 && strcmp(argv[1], "--wall") == 0) {
		clock_id = CLOCK_MONOTONIC;
		argv++, argc--;
	}
	runs = argc > 2 ? atoi(argv[2]) : 50;
	if (argc > 1 && strcmp(argv[1], "-") != 0) {
		if (read_file(argv[1], 64u << 20, &html, &len) != 0) {
			fprintf(stderr, "cannot read %s\n", argv[1]);
			return 1;
		}
	} else {
		html = make_article(200 * 1024, &len);
	}
	if (runs < 1)
		runs = 1;
	parse = xcalloc(runs, sizeof(double));
	layout = xcalloc(runs, sizeof(double));
	rewrap = xcalloc(runs, sizeof(double));
	total = xcalloc(runs, sizeof(double));
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		struct doc *d = doc_from_html(html, len, "https://example.com/news/story.html");
		double t1 = now_ms();
		struct term_layout *l = term_layout_new(d, 80);
		double t2 = now_ms();
		term_layout_set_width(l, i % 2 ? 100 : 60);
		double t3 = now_ms();
		lines = l->line_count;
		parse[i] = t1 - t0;
		layout[i] = t2 - t1;
		total[i] = t2 - t0;
		rewrap[i] = t3 - t2;
		term_layout_free(l);
		doc_free(d);
	}
	printf("input: %zu bytes, %d lines after re-wrap, %d runs (%s ms)\n", len, lines, runs,
	       clock_id == CLOCK_MONOTONIC ? "wall-clock" : "CPU");
	report("parse HTML to doc:", parse, runs, "");
	report("lay out at 80 columns:", layout, runs, "");
	report("parse + lay out (render):", total, runs, "   goal < 5");
	report("re-wrap to 60/100 columns:", rewrap, runs, "   goal < 2");
	free(parse);
	free(layout);
	free(rewrap);
	free(total);
	free(html);
	return 0;
}
