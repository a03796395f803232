#include "tasks/article.h"

void article_meta_of_row(const struct item_row *r, struct article_meta *meta)
{
	meta->title = r->title;
	meta->author = r->author;
	meta->date = item_row_date(r);
	meta->link = r->link;
	meta->feed = r->feed_title;
	meta->enclosures = r->enclosures;
}

int article_shows_fulltext(const struct item_row *r, int feed_text)
{
	return !feed_text && r->fulltext && *r->fulltext;
}

const char *article_body_html(const struct item_row *r, int feed_text)
{
	if (article_shows_fulltext(r, feed_text))
		return r->fulltext;
	if (r->content && *r->content)
		return r->content;
	return r->summary ? r->summary : "";
}
