/* Fuzzes the article extractor ("reader mode") on any web page: it finds an article or says
 * why not, never reaches the network, and every string of the article is valid UTF-8
 * (extract/extract.h promises it); the HTML-to-text helper takes any HTML too. */
#include "fuzz/fuzz.h"
#include "core/text.h"
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

static void check_utf8(const char *s)
{
	if (s && !utf8_is_valid(s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_options opts = {.base_url = "https://fuzz.example/news/story.html"};
	struct article *a = NULL;
	char *err = NULL, *text;

	if (extract_article((const char *)data, size, &opts, &a, &err) == 0) {
		check_utf8(a->title);
		check_utf8(a->byline);
		check_utf8(a->site_name);
		check_utf8(a->lang);
		check_utf8(a->dir);
		check_utf8(a->excerpt);
		check_utf8(a->html);
		check_utf8(a->text);
		article_free(a);
	}
	free(err);
	text = extract_html_to_text((const char *)data, size);
	check_utf8(text);
	free(text);
	return 0;
}
