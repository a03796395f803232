/* A refresh job: one fetch per feed on the shared fetcher, and on each completion the HTTP
 * outcome turned into the feed's new state in the cache. */
#include "tasks/refresh.h"
#include "config/config.h"
#include "core/text.h"
#include "core/util.h"
#include "fetch/command.h"
#include "tasks/fulltext.h"
#include "tasks/ignore.h"
#include "parse/feed.h"
#include "store/feeds.h"
#include "store/housekeep.h"
#include "store/indexer.h"
#include "store/items.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define LOCK_POLL_MS 50
/* Feeds stored in one cache transaction (a batch) at most, and how long one stays open:
 * together they share one commit, but the reader waits for a batch to end before it can
 * mark anything read. A batch also ends whenever the loop goes back to wait for the
 * network. */
#define BATCH_MAX_FEEDS 64
#define BATCH_MAX_MS 200
/* Parsed feeds kept, at most, while the search indexer writes to the cache, and the bytes
 * of the answers they were parsed from (feeds can be large). */
#define MAX_WAITING 128
#define MAX_WAITING_BYTES ((size_t)32 << 20)

struct refresh_job {
	struct refresh *r;
	char *url;
	int64_t id;
	int conditional; /* validators were sent */
	int full_text;   /* fetch the pages of new items too (+full-text or the setting) */
	char *filter;    /* filter:COMMAND:URL: the command the body goes through */
	char *body_hash; /* digest of the body stored last time, or NULL */
	/* exec: and filter: feeds: the command running, the answer's status and final URL */
	struct command_job *command;
	int command_status;
	char *command_base;
};

/* A parsed feed waiting for the cache, with what its answer said. */
struct waiting_feed {
	struct refresh_job *job;
	struct parsed_feed *feed;
	size_t size; /* of the answer's body */
	int status;
	char *etag, *last_modified, *permanent_url;
	char digest[BODY_DIGEST_SIZE]; /* of the body it was parsed from */
};

struct url_move {
	char *from, *to;
};

struct refresh {
	struct cache *cache;
	struct feeds_file *feeds;
	struct fetcher *fetcher;
	struct fetch_options fetch_opts;
	refresh_progress_fn progress;
	void *user;
	int lock_fd;
	int done;
	struct refresh_summary sum;
	struct refresh_job *jobs;
	int job_count;
	struct url_move *moves;
	int move_count;
	int64_t started;
	struct fulltext_queue *fulltext; /* pages of new items, on the same fetcher */
	struct indexer *indexer;         /* indexes for search what the batches queue */
	int batch_feeds;                 /* feeds stored in the open batch */
	int batch_items;                 /* and the items they queued for the search index */
	int batch_new, batch_changed;    /* of which new and changed (undone if it fails) */
	struct waiting_feed waiting[MAX_WAITING];
	int waiting_count;
	size_t waiting_bytes;
	int64_t batch_started;     /* when it began, monotonic milliseconds */
	int commands_running;      /* exec: and filter: commands (refresh_job.command) */
	const struct rules *rules; /* ignore-article in download mode, or NULL */
	struct filter_scope scope; /* the feeds file's titles, tags and order, for the rules */
};

static int take_lock(const char *path, int wait_ms, int *busy, char **err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	for (int waited = 0;; waited += LOCK_POLL_MS) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			*err = xasprintf("%s: %s", path, strerror(errno));
			break;
		}
		if (waited >= wait_ms) {
			*busy = 1;
			*err = xstrdup("another refresh of this cache is running");
			break;
		}
		usleep(LOCK_POLL_MS * 1000);
	}
	close(fd);
	return -1;
}

static void add_failure(struct refresh *r, const char *url, const char *reason)
{
	struct refresh_summary *s = &r->sum;

	s->failures = xrealloc(s->failures, sizeof(*s->failures) * (size_t)(s->failure_count + 1));
	s->failures[s->failure_count].url = text_sanitize_str(url, TEXT_COLLAPSE_SPACE);
	s->failures[s->failure_count].reason = text_sanitize_str(reason, TEXT_COLLAPSE_SPACE);
	s->failure_count++;
	s->failed++;
}

/* Records a failed fetch on the feed and in the summary; its items stay as they are. */
static void fail(struct refresh_job *job, int status, const char *reason, int64_t retry_after)
{
	char *clean = text_sanitize_str(reason, TEXT_COLLAPSE_SPACE);

	store_feed_set_error(job->r->cache, job->id, time(NULL), status, clean, retry_after);
	add_failure(job->r, job->url, clean);
	free(clean);
}

static void fail_http(struct refresh_job *job, const struct fetch_result *res)
{
	char when[64], *reason;
	struct tm tm;
	time_t t = (time_t)res->retry_after;

	if (res->status == 410) {
		reason = xasprintf("%s: gone, no longer fetched", res->error_text);
		store_feed_set_gone(job->r->cache, job->id, time(NULL), reason);
		add_failure(job->r, job->url, reason);
		free(reason);
		return;
	}
	if ((res->status == 429 || res->status == 503) && res->retry_after > 0) {
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
		reason = xasprintf("%s: not fetched again before %s", res->error_text, when);
		fail(job, res->status, reason, res->retry_after);
		free(reason);
		return;
	}
	fail(job, res->status, res->error_text, 0);
}

static void remember_move(struct refresh *r, const char *from, const char *to)
{
	if (strcmp(from, to) == 0)
		return;
	r->moves = xrealloc(r->moves, sizeof(*r->moves) * (size_t)(r->move_count + 1));
	r->moves[r->move_count].from = xstrdup(from);
	r->moves[r->move_count].to = xstrdup(to);
	r->move_count++;
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Commits the open batch, if any. Should the commit fail, the batch's feeds keep their
 * previous state (items and validators alike) and are fetched in full next time. */
static void end_batch(struct refresh *r)
{
	if (r->batch_feeds == 0)
		return;
	if (cache_batch_end(r->cache) != 0) {
		char *cause = cache_last_failure(r->cache);
		char *why = xasprintf("the items of %d feed%s could not be saved: %s",
		                      r->batch_feeds, r->batch_feeds == 1 ? "" : "s",
		                      cause ? cause : "the cache refused them");
		add_failure(r, "cache", why);
		free(why);
		free(cause);
		r->sum.new_items -= r->batch_new;
		r->sum.changed_items -= r->batch_changed;
	} else
		indexer_poke(r->indexer, r->batch_items);
	r->batch_feeds = 0;
	r->batch_items = 0;
	r->batch_new = r->batch_changed = 0;
}

/* Opens a batch, or joins the open one. Without `wait`, gives up when the search indexer is
 * writing (returns 0: the caller keeps the feed for later and goes on fetching and parsing);
 * returns 1 otherwise, also when no batch could begin (each feed then gets a transaction of
 * its own). */
static int join_batch(struct refresh *r, int wait)
{
	if (r->batch_feeds == 0) {
		int rc = wait ? cache_batch_begin(r->cache) : cache_batch_try(r->cache);
		if (rc == 1)
			return 0;
		if (rc != 0)
			return 1;
		r->batch_started = monotonic_ms();
	}
	r->batch_feeds++;
	return 1;
}

static void maybe_end_batch(struct refresh *r)
{
	if (r->batch_feeds >= BATCH_MAX_FEEDS ||
	    (r->batch_feeds > 0 && monotonic_ms() - r->batch_started >= BATCH_MAX_MS))
		end_batch(r);
}

static void waiting_free(struct waiting_feed *w)
{
	parsed_feed_free(w->feed);
	free(w->etag);
	free(w->last_modified);
	free(w->permanent_url);
}

/* Merges a parsed feed into the open batch (join_batch) and records its new state. */
static void store_parsed(struct refresh *r, struct waiting_feed *w)
{
	struct refresh_job *job = w->job;
	struct merge_stats stats = {0};
	int all = w->feed->item_count, rc;

	if (r->rules)
		w->feed->item_count = ignore_parsed_items(r->cache, r->rules, &r->scope, job->id,
		                                          job->url, w->feed, time(NULL));
	rc = store_merge_feed(r->cache, job->id, w->feed, settings.max_items_per_feed, &stats);
	w->feed->item_count = all;
	if (rc != 0) {
		char *cause = cache_last_failure(r->cache);
		char *why = xasprintf("the feed's items could not be stored: %s",
		                      cause ? cause : "the cache refused them");
		fail(job, w->status, why, 0);
		free(why);
		free(cause);
		waiting_free(w);
		return;
	}
	store_feed_set_fetched(r->cache, job->id, time(NULL), w->status, w->etag, w->last_modified,
	                       w->digest);
	r->sum.updated++;
	r->batch_items += stats.added + stats.updated;
	r->sum.new_items += stats.added;
	r->sum.changed_items += stats.updated;
	if (r->batch_feeds > 0) {
		r->batch_new += stats.added;
		r->batch_changed += stats.updated;
	}
	if (w->permanent_url)
		remember_move(r, job->url, w->permanent_url);
	if (job->full_text && stats.added > 0) {
		if (!r->fulltext)
			r->fulltext = fulltext_queue_new(r->cache, r->fetcher);
		fulltext_queue_feed(r->fulltext, job->id, r->started);
	}
	waiting_free(w);
	maybe_end_batch(r);
}

/* Stores the parsed feeds kept while the indexer was writing, oldest first; without `wait`,
 * only as long as the cache is free. */
static void store_waiting(struct refresh *r, int wait)
{
	int n = 0;

	while (n < r->waiting_count && join_batch(r, wait)) {
		r->waiting_bytes -= r->waiting[n].size;
		store_parsed(r, &r->waiting[n++]);
	}
	r->waiting_count -= n;
	memmove(r->waiting, r->waiting + n, sizeof(*r->waiting) * (size_t)r->waiting_count);
}

/* An answer whose body is the one stored last time, as a server without validators sends
 * it: what parsing and merging it would store is in the cache already. Counted with the
 * 304s. */
static void same_body(struct refresh_job *job, const struct fetch_result *res)
{
	struct refresh *r = job->r;

	/* In the open batch, so that 500 such feeds share a commit or a few. */
	join_batch(r, 1);
	store_feed_set_same_body(r->cache, job->id, time(NULL), res->status, res->etag,
	                         res->last_modified);
	r->sum.not_modified++;
	if (res->permanent_url)
		remember_move(r, job->url, res->permanent_url);
	maybe_end_batch(r);
}

/* A full answer: parsed with the HTTP charset and the final URL as base, then merged, or
 * kept parsed until the cache is free (at most MAX_WAITING feeds of MAX_WAITING_BYTES).
 * A body equal to the last one stored is neither parsed nor merged. */
static void store_answer(struct refresh_job *job, const struct fetch_result *res)
{
	struct refresh *r = job->r;
	struct feed_parse_options po = {
	    .base_url = res->final_url,
	    .http_charset = res->charset,
	    .max_size = r->fetch_opts.max_size,
	};
	struct parsed_feed *feed = NULL;
	char *err = NULL, *reason, digest[BODY_DIGEST_SIZE];

	body_digest(res->body, res->body_len, digest);
	ignore_digest(r->rules, job->url, digest);
	if (job->body_hash && strcmp(job->body_hash, digest) == 0) {
		same_body(job, res);
		return;
	}
	if (feed_parse(res->body, res->body_len, &po, &feed, &err) != 0) {
		/* The parser's own message may say "not a feed" already. */
		if (err && str_starts_with(err, "not a feed"))
			reason = xstrdup(err);
		else
			reason = xasprintf("not a feed: %s", err ? err : "unreadable");
		fail(job, res->status, reason, 0);
		free(reason);
		free(err);
		return;
	}
	r->waiting[r->waiting_count] = (struct waiting_feed){
	    .job = job,
	    .feed = feed,
	    .size = res->body_len,
	    .status = res->status,
	    .etag = res->etag ? xstrdup(res->etag) : NULL,
	    .last_modified = res->last_modified ? xstrdup(res->last_modified) : NULL,
	    .permanent_url = res->permanent_url ? xstrdup(res->permanent_url) : NULL,
	};
	memcpy(r->waiting[r->waiting_count++].digest, digest, sizeof(digest));
	r->waiting_bytes += res->body_len;
	store_waiting(r, r->waiting_count == MAX_WAITING || r->waiting_bytes >= MAX_WAITING_BYTES);
}

static void report_progress(struct refresh_job *job)
{
	struct refresh *r = job->r;
	struct refresh_progress p;

	r->done++;
	if (r->progress) {
		p.done = r->done;
		p.total = r->job_count;
		p.failed = r->sum.failed;
		p.url = job->url;
		r->progress(&p, r->user);
	}
}

/* Starts an exec: or filter: feed's command (the fetched body on its input); its output
 * takes the place of an answer's body when it ends (command_done). It runs beside the
 * fetches, polled by the same loop, so that a slow command holds up nothing. */
static void start_command(struct refresh_job *job, const struct fetch_result *res,
                          const char *command)
{
	char *err = NULL;

	job->command =
	    command_start(command, res->body, res->body_len, job->r->fetch_opts.total_timeout,
	                  job->r->fetch_opts.max_size, &err);
	if (!job->command) {
		fail(job, res->status, err, 0);
		free(err);
		report_progress(job);
		return;
	}
	job->command_status = res->status;
	job->command_base = res->final_url ? xstrdup(res->final_url) : NULL;
	job->r->commands_running++;
}

static void command_done(struct refresh_job *job)
{
	struct command_result out;
	struct fetch_result res = {
	    .url = job->url, .final_url = job->command_base, .status = job->command_status};

	command_finish(job->command, &out);
	job->command = NULL;
	job->r->commands_running--;
	if (out.error) {
		fail(job, res.status, out.error, 0);
	} else {
		/* no charset, validators or redirect: the output can change whatever the server
		 * says, and the feeds file line is the user's, never rewritten */
		res.body = out.output;
		res.body_len = out.output_len;
		store_answer(job, &res);
	}
	command_result_free(&out);
	free(job->command_base);
	job->command_base = NULL;
	report_progress(job);
}

static void on_fetched(struct fetch_result *res, void *user)
{
	struct refresh_job *job = user;
	struct refresh *r = job->r;

	if (job->filter && res->error == FETCH_OK && !res->not_modified) {
		start_command(job, res, job->filter);
		return;
	}
	if (res->error != FETCH_OK) {
		if (res->error == FETCH_ERR_HTTP)
			fail_http(job, res);
		else
			fail(job, res->status, res->error_text, 0);
	} else if (res->not_modified) {
		join_batch(r, 1); /* 304s share commits too */
		store_feed_set_not_modified(r->cache, job->id, time(NULL), res->etag,
		                            res->last_modified);
		r->sum.not_modified++;
		if (res->permanent_url)
			remember_move(r, job->url, res->permanent_url);
		maybe_end_batch(r);
	} else {
		store_answer(job, res);
	}
	report_progress(job);
}

/* exec:COMMAND: the command's output is the feed. */
static void run_exec_feed(struct refresh_job *job, const char *command)
{
	struct fetch_result res = {.url = job->url, .final_url = NULL};

	start_command(job, &res, command);
}

static int wanted(const struct refresh_options *o, const char *url)
{
	if (!o->urls)
		return 1;
	for (int i = 0; i < o->url_count; i++)
		if (strcmp(o->urls[i], url) == 0)
			return 1;
	return 0;
}

/* Queues one feed, or counts it as skipped when it is gone or asked us to wait (unless the
 * user named it). Returns -1 when the cache cannot be read. */
static int queue_feed(struct refresh *r, const char *url, int named, int full_text)
{
	struct refresh_job *job = &r->jobs[r->job_count];
	struct feed_row row;
	struct fetch_request req = {.url = url};
	char *command, *filtered_url;
	enum feed_kind kind = feed_kind_of(url, &command, &filtered_url);

	if (store_feed_fetch_state(r->cache, url, &row) != 0) {
		free(command);
		free(filtered_url);
		return -1;
	}
	if (!named && (row.gone || row.retry_after > (int64_t)time(NULL))) {
		r->sum.skipped++;
		feed_row_free(&row);
		return 0;
	}
	job->r = r;
	job->url = xstrdup(url);
	job->id = row.id;
	req.etag = row.etag;
	req.last_modified = row.last_modified;
	req.allow_file = str_ncasecmp_ascii(url, "file://", 7) == 0;
	job->conditional = row.etag || row.last_modified;
	job->body_hash = row.body_hash ? xstrdup(row.body_hash) : NULL;
	job->full_text = full_text || settings.full_text;
	r->job_count++;
	if (kind == FEED_EXEC) {
		run_exec_feed(job, command);
		free(command);
		feed_row_free(&row);
		return 0;
	}
	if (kind == FEED_FILTER) {
		job->filter = command;
		req.url = filtered_url;
		req.etag = req.last_modified = NULL;
		req.allow_file = str_ncasecmp_ascii(filtered_url, "file://", 7) == 0;
		job->conditional = 0;
	}
	if (fetcher_add(r->fetcher, &req, on_fetched, job) != 0) {
		r->done++;
		fail(job, 0, "not a valid URL", 0);
	}
	free(filtered_url);
	feed_row_free(&row);
	return 0;
}

struct refresh *refresh_start(struct cache *c, struct feeds_file *ff,
                              const struct refresh_options *opts, int *busy, char **err)
{
	struct refresh *r = xcalloc(1, sizeof(*r));
	int batch;

	*busy = 0;
	*err = NULL;
	r->lock_fd = -1;
	if (opts->lock_path &&
	    (r->lock_fd = take_lock(opts->lock_path, opts->lock_wait_ms, busy, err)) < 0) {
		free(r);
		return NULL;
	}
	r->cache = c;
	/* New items are queued for the search index, which a thread builds meanwhile; it
	 * starts with what a refresh cut short left. */
	store_defer_index(c, 1);
	r->indexer = indexer_start(c);
	if (!r->indexer)
		store_index_pending(c);
	r->feeds = ff;
	r->started = (int64_t)time(NULL);
	if (opts->rules && opts->rules->ignore_count > 0 && !opts->rules->display_mode) {
		r->rules = opts->rules;
		filter_scope_from_feeds(&r->scope, ff, r->started);
	}
	r->progress = opts->progress;
	r->user = opts->user;
	if (opts->fetch)
		r->fetch_opts = *opts->fetch;
	else
		fetch_options_from_settings(&r->fetch_opts);
	r->fetcher = fetcher_new(&r->fetch_opts);
	r->jobs = xcalloc((size_t)ff->entry_count + 1, sizeof(*r->jobs));
	if (!r->fetcher) {
		*err = xstrdup("cannot start libcurl");
		refresh_finish(r, NULL);
		return NULL;
	}
	/* The rows of new feeds are made in one transaction: with a commit each, a first
	 * refresh of 500 feeds waited a few hundred milliseconds before its first request. */
	batch = cache_batch_begin(c) == 0;
	for (int i = 0; i < ff->entry_count; i++) {
		const char *url = ff->entries[i].url;
		if (str_starts_with(url, "query:")) /* a view over the cache, never fetched */
			continue;
		if (!wanted(opts, url))
			continue;
		r->sum.total++;
		if (queue_feed(r, url, opts->urls != NULL, ff->entries[i].full_text) != 0) {
			*err = xasprintf("cannot read the cache: %s", cache_errmsg(c));
			break;
		}
	}
	if (batch && cache_batch_end(c) != 0 && !*err)
		*err = xasprintf("cannot write the cache: %s", cache_errmsg(c));
	if (*err) {
		refresh_finish(r, NULL);
		return NULL;
	}
	return r;
}

int refresh_wait_fds(struct refresh *r, struct pollfd *fds, int max, int *timeout_ms)
{
	int n = fetcher_wait_fds(r->fetcher, fds, max, timeout_ms);

	for (int i = 0; r->commands_running > 0 && i < r->job_count; i++)
		if (r->jobs[i].command)
			n += command_fds(r->jobs[i].command, fds + n, max - n, timeout_ms);
	return n;
}

/* Moves the running commands along; those that ended are stored. */
static void step_commands(struct refresh *r)
{
	for (int i = 0; r->commands_running > 0 && i < r->job_count; i++)
		if (r->jobs[i].command && command_step(r->jobs[i].command) == 0)
			command_done(&r->jobs[i]);
}

int refresh_step(struct refresh *r)
{
	int pending = fetcher_step(r->fetcher);
	step_commands(r);
	pending += r->commands_running;
	store_waiting(r, pending == 0);
	end_batch(r); /* never hold the cache while waiting for the network */
	return pending > 0;
}

/* Sockets watched at once, at most: max-parallel transfers (256 at most), a second socket for
 * some while they connect, and the commands' pipes. */
#define RUN_MAX_FDS 640

void refresh_run(struct refresh *r)
{
	struct pollfd fds[RUN_MAX_FDS];

	while (refresh_step(r)) {
		int timeout = 1000, n = refresh_wait_fds(r, fds, (int)ARRAY_LEN(fds), &timeout);
		if (timeout < 0 || timeout > 1000)
			timeout = 1000;
		poll(fds, (nfds_t)n, timeout);
	}
	store_waiting(r, 1);
	end_batch(r);
}

/* Permanent redirects change the feed's URL in the cache and on its line of the feeds file
 * (read again from disk, so that edits made meanwhile are kept). */
static void apply_moves(struct refresh *r)
{
	struct feeds_file fresh;
	char *err = NULL;
	int changed = 0;

	if (r->move_count == 0 || !r->feeds->path)
		return;
	if (feeds_file_load(r->feeds->path, &fresh, &err) != 0) {
		add_failure(r, r->feeds->path, err);
		free(err);
		return;
	}
	for (int i = 0; i < r->move_count; i++) {
		const struct url_move *m = &r->moves[i];
		if (feeds_file_find(&fresh, m->to) || store_feed_set_url(r->cache, m->from, m->to))
			continue; /* already subscribed under the new URL: keep both as they are */
		if (feeds_file_replace_url(&fresh, m->from, m->to) == 0) {
			feeds_file_replace_url(r->feeds, m->from, m->to);
			changed = 1;
			r->sum.moved++;
		}
	}
	if (changed && feeds_file_save(&fresh, &err) != 0) {
		add_failure(r, r->feeds->path, err);
		free(err);
	}
	feeds_file_free(&fresh);
}

void refresh_finish(struct refresh *r, struct refresh_summary *out)
{
	if (!r)
		return;
	store_waiting(r, 1);
	fetcher_free(r->fetcher);
	/* commands still running are stopped and fail their feeds */
	for (int i = 0; r->commands_running > 0 && i < r->job_count; i++)
		if (r->jobs[i].command)
			command_done(&r->jobs[i]);
	end_batch(r);
	fulltext_queue_counts(r->fulltext, &r->sum.full_texts, &r->sum.full_text_failures);
	fulltext_queue_free(r->fulltext);
	if (r->cache) {
		indexer_stop(r->indexer);
		store_defer_index(r->cache, 0);
		if (store_index_pending(r->cache) < 0)
			add_failure(r, "search index",
			            "new items could not be indexed; the next refresh tries again");
		/* bounded: whatever it leaves, the next refresh goes on with (a failure costs
		 * searches a little speed, nothing else) */
		else
			store_index_merge(r->cache, STORE_INDEX_MERGE_STEP);
	}
	apply_moves(r);
	if (r->cache && settings.keep_articles_days > 0) {
		int64_t before = r->started - (int64_t)settings.keep_articles_days * 86400;
		r->sum.expired = store_items_expire(r->cache, before, settings.expire_unread);
		if (r->sum.expired < 0) {
			add_failure(r, "keep-articles-days", "old articles could not be deleted");
			r->sum.expired = 0;
		}
	}
	if (r->rules)
		filter_scope_free(&r->scope);
	for (int i = 0; i < r->job_count; i++) {
		free(r->jobs[i].url);
		free(r->jobs[i].filter);
		free(r->jobs[i].body_hash);
	}
	free(r->jobs);
	for (int i = 0; i < r->move_count; i++) {
		free(r->moves[i].from);
		free(r->moves[i].to);
	}
	free(r->moves);
	if (r->lock_fd >= 0)
		close(r->lock_fd); /* releases the flock */
	if (out)
		*out = r->sum;
	else
		refresh_summary_free(&r->sum);
	free(r);
}

void refresh_summary_free(struct refresh_summary *s)
{
	for (int i = 0; i < s->failure_count; i++) {
		free(s->failures[i].url);
		free(s->failures[i].reason);
	}
	free(s->failures);
	memset(s, 0, sizeof(*s));
}
