/* The "tidings" FTS5 tokenizer (see tokenizer.h). Text outside CJK runs goes to FTS5's own
 * unicode61 tokenizer, so that its folding and its idea of a word are exactly unicode61's;
 * CJK runs are cut into pairs here. */
#include "store/tokenizer.h"
#include "store/internal.h"
#include "core/text.h"
#include "core/util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#ifndef FTS5_TOKENIZE_QUERY
#error "SQLite headers without FTS5"
#endif

/* Characters in one CJK run kept at once; a longer run is cut (a pair across the cut is
 * lost, nothing else). */
#define RUN_MAX 256
/* The first CJK character (U+1100) is encoded E1 84 80, and UTF-8 never uses a byte from E1
 * up inside a character, only to begin one. */
#define NOT_CJK_BELOW 0xE1

int search_is_cjk(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x11FF) || /* Hangul Jamo */
	       (cp >= 0x3040 && cp <= 0x30FF) || /* Hiragana, Katakana */
	       (cp >= 0x3130 && cp <= 0x318F) || /* Hangul compatibility Jamo */
	       (cp >= 0x31F0 && cp <= 0x31FF) || /* Katakana extensions */
	       (cp >= 0x3400 && cp <= 0x4DBF) || /* Han extension A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) || /* Han */
	       (cp >= 0xA960 && cp <= 0xA97F) || /* Hangul Jamo extended A */
	       (cp >= 0xAC00 && cp <= 0xD7AF) || /* Hangul syllables */
	       (cp >= 0xF900 && cp <= 0xFAFF) || /* Han compatibility */
	       (cp >= 0xFF66 && cp <= 0xFF9F) || /* halfwidth Katakana */
	       (cp >= 0x20000 && cp <= 0x3134F); /* Han extensions B.. */
}

/* The first byte from pos on that is not ASCII (or len), eight bytes at a time. */
static int skip_ascii(const char *text, int pos, int len)
{
	uint64_t w;

	while (pos + 8 <= len) {
		memcpy(&w, text + pos, 8);
		if (w & 0x8080808080808080u)
			break;
		pos += 8;
	}
	while (pos < len && !((unsigned char)text[pos] & 0x80))
		pos++;
	return pos;
}

struct tidings_tokenizer {
	fts5_tokenizer base; /* unicode61's methods */
	Fts5Tokenizer *words;
};

struct offset_ctx {
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
	int base;
};

/* unicode61's tokens of a part of the text, with offsets in the whole text. */
static int shifted_token(void *p, int flags, const char *tok, int n, int start, int end)
{
	struct offset_ctx *o = p;
	return o->token(o->ctx, flags, tok, n, start + o->base, end + o->base);
}

static int tokenize_words(struct tidings_tokenizer *t, void *ctx, int flags, const char *text,
                          int start, int end,
                          int (*token)(void *, int, const char *, int, int, int))
{
	struct offset_ctx o = {ctx, token, start};

	if (end <= start)
		return SQLITE_OK;
	return t->base.xTokenize(t->words, &o, flags, text + start, end - start, shifted_token);
}

/* One run of CJK characters, starting at byte offsets starts[0..n-1] and ending at end. In a
 * document: every pair, then the last character alone. In a query: the pairs (a phrase of
 * them), or the one character when the run has only one. */
static int tokenize_run(void *ctx, int flags, const char *text, const int *starts, int n, int end,
                        int (*token)(void *, int, const char *, int, int, int))
{
	int rc = SQLITE_OK;

	for (int i = 0; rc == SQLITE_OK && i + 1 < n; i++) {
		int stop = i + 2 < n ? starts[i + 2] : end;
		rc = token(ctx, 0, text + starts[i], stop - starts[i], starts[i], stop);
	}
	if (rc == SQLITE_OK && (n == 1 || !(flags & FTS5_TOKENIZE_QUERY)))
		rc = token(ctx, 0, text + starts[n - 1], end - starts[n - 1], starts[n - 1], end);
	return rc;
}

static int tidings_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int len,
                            int (*token)(void *, int, const char *, int, int, int))
{
	struct tidings_tokenizer *t = (struct tidings_tokenizer *)tok;
	int starts[RUN_MAX];
	int pos = 0, words_from = 0, run = 0, rc = SQLITE_OK;

	while (rc == SQLITE_OK && pos < len) {
		uint32_t cp;
		int n;

		/* Outside a run, only a lead byte from NOT_CJK_BELOW up can start a CJK character:
		 * the bytes below it (ASCII, continuation bytes, leads of characters under
		 * U+1000) are stepped over without decoding, as most text is made of them. */
		if (run == 0 && (unsigned char)text[pos] < NOT_CJK_BELOW) {
			pos = skip_ascii(text, pos + 1, len);
			continue;
		}
		n = (int)utf8_decode(text + pos, (size_t)(len - pos), &cp);

		if (search_is_cjk(cp)) {
			if (run == RUN_MAX) {
				rc = tokenize_run(ctx, flags, text, starts, run, pos, token);
				run = 0;
				words_from = pos;
			}
			if (rc == SQLITE_OK && run == 0)
				rc = tokenize_words(t, ctx, flags, text, words_from, pos, token);
			starts[run++] = pos;
		} else if (run > 0) {
			rc = tokenize_run(ctx, flags, text, starts, run, pos, token);
			run = 0;
			words_from = pos;
		}
		pos += n;
	}
	if (rc == SQLITE_OK && run > 0)
		rc = tokenize_run(ctx, flags, text, starts, run, len, token);
	else if (rc == SQLITE_OK)
		rc = tokenize_words(t, ctx, flags, text, words_from, len, token);
	return rc;
}

static int tidings_create(void *user, const char **args, int nargs, Fts5Tokenizer **out)
{
	fts5_api *api = user;
	struct tidings_tokenizer *t;
	void *words_user = NULL;
	/* diacritics removed from every letter, as newer SQLite does by default */
	const char *words_args[] = {"remove_diacritics", "2"};
	int rc;

	(void)args;
	(void)nargs;
	*out = NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return SQLITE_NOMEM;
	rc = api->xFindTokenizer(api, "unicode61", &words_user, &t->base);
	if (rc == SQLITE_OK)
		rc = t->base.xCreate(words_user, words_args, 2, &t->words);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tidings_delete(Fts5Tokenizer *tok)
{
	struct tidings_tokenizer *t = (struct tidings_tokenizer *)tok;

	if (!t)
		return;
	t->base.xDelete(t->words);
	free(t);
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int search_tokenizer_register(sqlite3 *db)
{
	static fts5_tokenizer methods = {tidings_create, tidings_delete, tidings_tokenize};
	fts5_api *api = fts5_api_of(db);

	if (!api)
		return -1;
	return api->xCreateTokenizer(api, SEARCH_TOKENIZER, api, &methods, NULL) == SQLITE_OK ? 0
	                                                                                      : -1;
}
