/* A cached article as every view shows it: its header and its body, chosen once for the
 * reading pane, `tidings show` and saved files. */
#ifndef TIDINGS_TASKS_ARTICLE_H
#define TIDINGS_TASKS_ARTICLE_H

#include "render/render.h"
#include "store/items.h"

/* What the header says about r (render's article_header_build makes the lines). r's
 * feed_title should be its display name (item_row_name_feed). The strings stay r's. */
void article_meta_of_row(const struct item_row *r, struct article_meta *meta);
/* The article's HTML: the extracted full text when there is some (unless feed_text asks
 * for the feed's own), else the feed's content, else its summary; "" when none. */
const char *article_body_html(const struct item_row *r, int feed_text);
/* Whether article_body_html(r, feed_text) is the extracted full text. */
int article_shows_fulltext(const struct item_row *r, int feed_text);

#endif
