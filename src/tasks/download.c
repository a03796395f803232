/* Downloading enclosures: the queue in the cache, files written as NAME.part and named when
 * complete. Names come from hostile text (feed and episode titles), so they are built by
 * save's safe alphabet, opened relative to the folder with O_EXCL|O_NOFOLLOW, and a finished
 * file is given its name with link(), which never replaces anything. */
#include "tasks/download.h"
#include "config/config.h"
#include "core/paths.h"
#include "core/util.h"
#include "parse/feed.h"
#include "store/feeds.h"
#include "store/items.h"
#include "core/media.h"
#include "tasks/save.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNNING 16
#define MAX_SUFFIX 1000
#define FEED_DIR_MAX 80
/* A download cut short that made progress is resumed at once this many times. */
#define MAX_RESUMES 3
#define PROGRESS_NOTE_SECONDS 2

char *download_directory(const char *data_dir)
{
	const char *d = settings.download_dir;

	if (d && *d) {
		if (d[0] == '~' && d[1] == '/' && getenv("HOME"))
			return path_join(getenv("HOME"), d + 2);
		return xstrdup(d);
	}
	return path_join(data_dir, "downloads");
}

/* ---- queueing ---- */

static char *feed_folder(const char *base_dir, const char *feed_name)
{
	char *slug = save_slug(feed_name, FEED_DIR_MAX), *dir = path_join(base_dir, slug);

	free(slug);
	return dir;
}

static int queue_row(struct cache *c, const struct item_row *r, const struct media *m,
                     const char *dir, int64_t *id)
{
	struct download_row spec = {.item_id = r->id,
	                            .feed_id = r->feed_id,
	                            .url = m->url,
	                            .title = r->title,
	                            .feed = r->feed_title,
	                            .type = m->type,
	                            .dir = (char *)dir,
	                            .announced = m->length};

	return store_download_add(c, &spec, id);
}

int download_queue_item(struct cache *c, const struct feeds_file *ff, int64_t item_id,
                        const char *base_dir, const char *output, int64_t **ids, int *count,
                        char **err)
{
	struct item_row r;
	struct media *list;
	int n, added = 0, rc;
	char *dir;

	*ids = NULL;
	*count = 0;
	rc = store_item_get(c, item_id, &r);
	if (rc <= 0) {
		*err = rc < 0 ? xstrdup("cannot read the cache")
		              : xasprintf("no item %lld in the cache", (long long)item_id);
		return -1;
	}
	item_row_name_feed(&r, ff);
	n = media_list(r.enclosures, &list);
	if (n == 0) {
		*err = xasprintf("item %lld has no enclosures to download", (long long)item_id);
		item_row_free(&r);
		return -1;
	}
	dir = output ? xstrdup(output) : feed_folder(base_dir, r.feed_title);
	*ids = xcalloc((size_t)n, sizeof(**ids));
	for (int i = 0; i < n; i++) {
		rc = queue_row(c, &r, &list[i], dir, &(*ids)[*count]);
		if (rc < 0) {
			*err = xstrdup("cannot write the download queue to the cache");
			added = -1;
			break;
		}
		added += rc;
		(*count)++;
	}
	free(dir);
	media_list_free(list, n);
	item_row_free(&r);
	return added;
}

/* Queues the newest episodes of one feed; appends the new rows' ids to *ids. */
static int queue_newest(struct cache *c, const struct feeds_file *ff, int64_t feed_id,
                        const char *base_dir, int newest, int64_t **ids, int *count)
{
	int64_t *items = NULL;
	int n = store_downloads_unqueued_newest(c, feed_id, newest, &items), added = 0;

	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		int64_t *rows = NULL;
		int row_count = 0, rc;
		char *err = NULL;
		rc = download_queue_item(c, ff, items[i], base_dir, NULL, &rows, &row_count, &err);
		if (rc > 0) {
			added += rc;
			*ids = xrealloc(*ids, sizeof(**ids) * (size_t)(*count + row_count));
			memcpy(*ids + *count, rows, sizeof(*rows) * (size_t)row_count);
			*count += row_count;
		}
		free(rows);
		free(err);
	}
	free(items);
	return added;
}

int download_queue_tagged(struct cache *c, const struct feeds_file *ff, const char *base_dir,
                          int newest, int64_t **ids, int *count)
{
	const char **urls;
	int added = 0;

	*ids = NULL;
	*count = 0;
	if (newest <= 0 || !ff || !(urls = feeds_file_tag_urls(ff, DOWNLOAD_TAG)))
		return 0;
	for (int i = 0; urls[i]; i++) {
		struct feed_row row;
		int rc;
		if (store_feed_get(c, urls[i], &row) != 1)
			continue;
		rc = queue_newest(c, ff, row.id, base_dir, newest, ids, count);
		feed_row_free(&row);
		if (rc > 0)
			added += rc;
	}
	free(urls);
	return added;
}

/* ---- running ---- */

enum stop_reason { STOP_NONE, STOP_PAUSE, STOP_REMOVE, STOP_DELETE, STOP_QUIT };

struct active {
	struct downloader *owner;
	int64_t id;
	char *title;
	char *dir;
	char *part;  /* the partial file's name within dir */
	char *final; /* the name it gets when complete */
	int fd;
	int64_t have, total, announced;
	int resumes;
	enum stop_reason stop;
	time_t noted; /* when the bytes so far were last written to the queue */
};

struct downloader {
	struct cache *c;
	struct fetcher *f;
	void (*changed)(void *user, int64_t id);
	void *user;
	struct active *run[MAX_RUNNING];
	int running;
	int64_t *only;
	int only_count;
	int owns_fetcher;
};

struct downloader *downloader_new(struct cache *c, struct fetcher *f,
                                  void (*changed)(void *user, int64_t id), void *user)
{
	struct downloader *d = xcalloc(1, sizeof(*d));

	d->c = c;
	d->f = f;
	d->changed = changed;
	d->user = user;
	store_downloads_requeue_running(c);
	return d;
}

static void active_free(struct active *a)
{
	if (a->fd >= 0)
		close(a->fd);
	free(a->title);
	free(a->dir);
	free(a->part);
	free(a->final);
	free(a);
}

static void forget(struct downloader *d, struct active *a)
{
	for (int i = 0; i < d->running; i++)
		if (d->run[i] == a) {
			d->run[i] = d->run[--d->running];
			break;
		}
	active_free(a);
}

void downloader_free(struct downloader *d)
{
	if (!d)
		return;
	while (d->running > 0) {
		struct active *a = d->run[0];
		fetcher_cancel(d->f, a);
		store_download_update(d->c, a->id, DL_QUEUED, a->have, a->total, NULL, NULL);
		forget(d, a);
	}
	if (d->owns_fetcher)
		fetcher_free(d->f);
	free(d->only);
	free(d);
}

struct downloader *downloader_open(struct cache *c, void (*changed)(void *user, int64_t id),
                                   void *user)
{
	struct fetch_options o;
	struct fetcher *f;
	struct downloader *d;

	fetch_options_from_settings(&o);
	if (!(f = fetcher_new(&o)))
		return NULL;
	d = downloader_new(c, f, changed, user);
	d->owns_fetcher = 1;
	return d;
}

int downloader_wait_fds(struct downloader *d, struct pollfd *fds, int max, int *timeout_ms)
{
	*timeout_ms = -1;
	if (fetcher_pending(d->f) == 0)
		return 0;
	return fetcher_wait_fds(d->f, fds, max, timeout_ms);
}

void downloader_step(struct downloader *d)
{
	if (fetcher_pending(d->f) > 0)
		fetcher_step(d->f);
}

void downloader_only(struct downloader *d, const int64_t *ids, int count)
{
	free(d->only);
	d->only = count > 0 ? xmalloc(sizeof(*ids) * (size_t)count) : NULL;
	if (count > 0)
		memcpy(d->only, ids, sizeof(*ids) * (size_t)count);
	d->only_count = count;
}

static void notify(struct downloader *d, int64_t id)
{
	if (d->changed)
		d->changed(d->user, id);
}

/* A file name's extension from the URL's path ("mp3"), else from the MIME type, else "bin":
 * letters and digits only. */
static void pick_extension(const char *url, const char *type, char *out, size_t size)
{
	static const struct {
		const char *type, *ext;
	} known[] = {{"audio/mpeg", "mp3"},  {"audio/mp4", "m4a"},   {"audio/x-m4a", "m4a"},
	             {"audio/ogg", "ogg"},   {"audio/opus", "opus"}, {"audio/aac", "aac"},
	             {"audio/wav", "wav"},   {"audio/flac", "flac"}, {"video/mp4", "mp4"},
	             {"video/webm", "webm"}, {"video/x-m4v", "m4v"}, {"application/pdf", "pdf"}};
	const char *end = url + strcspn(url, "?#"), *slash, *dot = NULL;
	size_t n = 0;

	for (slash = end; slash > url && slash[-1] != '/'; slash--)
		if (*slash == '.' && !dot)
			dot = slash;
	for (const char *p = end - 1; p >= slash; p--)
		if (*p == '.') {
			dot = p;
			break;
		}
	if (dot && end - dot - 1 >= 1 && end - dot - 1 <= 5) {
		for (const char *p = dot + 1; p < end && n + 1 < size; p++) {
			char ch = *p;
			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			      (ch >= '0' && ch <= '9'))) {
				n = 0;
				break;
			}
			out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		}
		if (n > 0 && n == (size_t)(end - dot - 1)) {
			out[n] = '\0';
			return;
		}
	}
	for (size_t i = 0; type && i < ARRAY_LEN(known); i++)
		if (strcmp(type, known[i].type) == 0) {
			snprintf(out, size, "%s", known[i].ext);
			return;
		}
	snprintf(out, size, "bin");
}

/* Opens dir (made when missing) without following a link at its end. */
static int open_dir(const char *dir, char **err)
{
	int fd;

	if (mkdir_p(dir, 0755) != 0) {
		*err = xasprintf("cannot make %s: %s", dir, strerror(errno));
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		*err = xasprintf("cannot open %s: %s", dir, strerror(errno));
	return fd;
}

/* name with "-N" before its extension for N > 1. malloc'd. */
static char *numbered(const char *name, int n)
{
	const char *dot = strrchr(name, '.');

	if (n <= 1)
		return xstrdup(name);
	if (!dot)
		return xasprintf("%s-%d", name, n);
	return xasprintf("%.*s-%d%s", (int)(dot - name), name, n, dot);
}

/* Picks a name free both as NAME and as NAME.part, and creates NAME.part. */
static int create_part(int dirfd, const char *base, struct active *a, char **err)
{
	for (int n = 1; n <= MAX_SUFFIX; n++) {
		char *name = numbered(base, n), *part = xasprintf("%s.part", name);
		struct stat st;
		int fd = -1;
		if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT)
			fd = openat(dirfd, part,
			            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd >= 0) {
			flock(fd,
			      LOCK_EX | LOCK_NB); /* held while it is written: see reopen_part */
			a->fd = fd;
			a->final = name;
			a->part = part;
			return 0;
		}
		free(name);
		free(part);
		if (errno != EEXIST && errno != 0 && errno != ENOENT) {
			*err = xasprintf("cannot create a file in %s: %s", a->dir, strerror(errno));
			return -1;
		}
	}
	*err = xasprintf("no free file name in %s", a->dir);
	return -1;
}

/* Reopens a partial file for resuming: only a plain file directly in the folder. */
static int reopen_part(int dirfd, const char *path, struct active *a)
{
	const char *name = strrchr(path, '/');
	struct stat st;
	int fd;

	name = name ? name + 1 : path;
	if (!str_ends_with(name, ".part") || name[0] == '.')
		return -1;
	fd = openat(dirfd, name, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	/* another tidings (the reader, a cron'd refresh) is writing it: leave it to that one */
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return errno == EWOULDBLOCK ? -2 : -1;
	}
	a->fd = fd;
	a->have = st.st_size;
	a->part = xstrdup(name);
	a->final = xstrndup(name, strlen(name) - 5);
	return 0;
}

static char *full_path(const struct active *a, const char *name)
{
	return path_join(a->dir, name);
}

static int open_target(struct downloader *d, const struct download_row *row, struct active *a,
                       char **err)
{
	int dirfd = open_dir(a->dir, err), rc = 0;
	struct item_row item;
	int64_t date = TIME_UNKNOWN;
	char ext[8], *base;

	if (dirfd < 0)
		return -1;
	if (row->path && (rc = reopen_part(dirfd, row->path, a)) != -1) {
		close(dirfd);
		return rc;
	}
	rc = 0;
	if (store_item_get(d->c, row->item_id, &item) == 1) {
		date = item_row_date(&item);
		item_row_free(&item);
	}
	pick_extension(row->url, row->type, ext, sizeof(ext));
	base = save_file_name(row->title, date, ext);
	rc = create_part(dirfd, base, a, err);
	free(base);
	close(dirfd);
	return rc;
}

static void on_done(struct fetch_result *res, void *user);
static void remove_part(struct active *a);

static int on_progress(void *user, int64_t have, int64_t total)
{
	struct active *a = user;
	time_t now = time(NULL);

	a->have = have;
	if (total >= 0)
		a->total = total;
	/* now and then, so that `tidings downloads` elsewhere sees how far it has come */
	if (now - a->noted >= PROGRESS_NOTE_SECONDS) {
		a->noted = now;
		store_download_update(a->owner->c, a->id, DL_DOWNLOADING, a->have, a->total, NULL,
		                      NULL);
	}
	return a->stop != STOP_NONE;
}

static int submit(struct downloader *d, struct active *a, const char *url)
{
	struct fetch_sink sink = {.fd = a->fd,
	                          .offset = a->have,
	                          .max_size = (int64_t)settings.download_max_size << 20,
	                          .progress = on_progress};
	struct fetch_request req = {.url = url, .sink = &sink};

	return fetcher_add(d->f, &req, on_done, a);
}

static void fail(struct downloader *d, int64_t id, int64_t bytes, int64_t total, const char *why)
{
	store_download_update(d->c, id, DL_FAILED, bytes, total, NULL, why);
	notify(d, id);
}

/* Starts one queued row. Returns 0 when it runs, -1 when it failed at once, 1 when another
 * process is downloading it. */
static int start_one(struct downloader *d, int64_t id)
{
	struct download_row row;
	struct active *a;
	char *err = NULL, *part;
	int rc;

	if (store_download_get(d->c, id, &row) != 1)
		return -1;
	a = xcalloc(1, sizeof(*a));
	a->owner = d;
	a->id = id;
	a->fd = -1;
	a->title = xstrdup(row.title ? row.title : row.url);
	a->dir = xstrdup(row.dir ? row.dir : ".");
	a->announced = row.announced;
	a->total = row.total;
	if ((rc = open_target(d, &row, a, &err)) == -2) {
		store_download_update(d->c, id, DL_DOWNLOADING, row.bytes, row.total, NULL, NULL);
		active_free(a);
		download_row_free(&row);
		return 1;
	}
	if (rc != 0 || submit(d, a, row.url) != 0) {
		if (a->part && a->have == 0)
			remove_part(a);
		fail(d, id, 0, row.total, err ? err : "the URL cannot be fetched");
		free(err);
		active_free(a);
		download_row_free(&row);
		return -1;
	}
	d->run[d->running++] = a;
	part = full_path(a, a->part);
	store_download_update(d->c, id, DL_DOWNLOADING, a->have, a->total, part, NULL);
	free(part);
	download_row_free(&row);
	notify(d, id);
	return 0;
}

static int is_only(const struct downloader *d, int64_t id)
{
	if (d->only_count == 0)
		return 1;
	for (int i = 0; i < d->only_count; i++)
		if (d->only[i] == id)
			return 1;
	return 0;
}

int downloader_start(struct downloader *d)
{
	int64_t skip[64];
	int skipped = 0;

	while (d->running < settings.download_parallel && d->running < MAX_RUNNING) {
		int64_t id;
		if (store_download_next(d->c, skip, skipped, &id) != 1)
			break;
		if (!is_only(d, id) || start_one(d, id) == 1) {
			if (skipped == (int)ARRAY_LEN(skip))
				break;
			skip[skipped++] = id;
		}
	}
	return d->running;
}

int downloader_running(const struct downloader *d, struct download_progress *out, int max)
{
	int n = 0;

	for (int i = 0; i < d->running && n < max; i++)
		out[n++] = (struct download_progress){.id = d->run[i]->id,
		                                      .title = d->run[i]->title,
		                                      .have = d->run[i]->have,
		                                      .total = d->run[i]->total};
	return d->running;
}

/* Gives a complete partial file its name: link() refuses an existing name, so the first
 * free "-N" is taken. Returns the final path (malloc'd) or NULL with *err. */
static char *name_finished(struct active *a, char **err)
{
	int dirfd = open(a->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	char *path = NULL;

	if (dirfd < 0) {
		*err = xasprintf("cannot open %s: %s", a->dir, strerror(errno));
		return NULL;
	}
	for (int n = 1; n <= MAX_SUFFIX && !path; n++) {
		char *name = numbered(a->final, n);
		if (linkat(dirfd, a->part, dirfd, name, 0) == 0) {
			unlinkat(dirfd, a->part, 0);
			path = full_path(a, name);
		} else if (errno != EEXIST) {
			*err = xasprintf("cannot name the file %s: %s", name, strerror(errno));
			free(name);
			break;
		}
		free(name);
	}
	if (!path && !*err)
		*err = xasprintf("no free file name in %s", a->dir);
	close(dirfd);
	return path;
}

static void remove_part(struct active *a)
{
	char *p = full_path(a, a->part);

	unlink(p);
	free(p);
}

/* Why a finished transfer is not the file: its size against what was announced. NULL when
 * it is right. The server's announcement counts first; the feed's when the server made
 * none (feeds' lengths are often stale, so they do not overrule the server). */
static char *size_problem(const struct active *a, const struct fetch_result *res)
{
	if (res->sink_total >= 0 && res->sink_have != res->sink_total)
		return xasprintf("got %lld bytes, the server announced %lld",
		                 (long long)res->sink_have, (long long)res->sink_total);
	if (res->sink_total < 0 && a->announced > 0 && res->sink_have != a->announced)
		return xasprintf("got %lld bytes, the feed announced %lld",
		                 (long long)res->sink_have, (long long)a->announced);
	return NULL;
}

static void finished_ok(struct downloader *d, struct active *a, const struct fetch_result *res)
{
	char *why = size_problem(a, res), *err = NULL, *path;

	if (why) {
		fail(d, a->id, res->sink_have, res->sink_total, why);
		free(why);
		return;
	}
	close(a->fd);
	a->fd = -1;
	path = name_finished(a, &err);
	if (!path) {
		fail(d, a->id, res->sink_have, res->sink_have, err);
		free(err);
		return;
	}
	store_download_update(d->c, a->id, DL_DONE, res->sink_have, res->sink_have, path, NULL);
	free(path);
	notify(d, a->id);
}

static void stopped(struct downloader *d, struct active *a)
{
	if (a->stop == STOP_PAUSE) {
		store_download_update(d->c, a->id, DL_PAUSED, a->have, a->total, NULL, NULL);
	} else {
		remove_part(a);
		store_download_delete(d->c, a->id);
	}
	notify(d, a->id);
}

static void on_done(struct fetch_result *res, void *user)
{
	struct active *a = user;
	struct downloader *d = a->owner;

	a->have = res->sink_have;
	if (res->sink_total >= 0)
		a->total = res->sink_total;
	if (res->error == FETCH_ERR_ABORTED || a->stop != STOP_NONE) {
		stopped(d, a);
	} else if (res->error == FETCH_OK) {
		finished_ok(d, a, res);
	} else if (res->error == FETCH_ERR_TRANSPORT && res->sink_have > 0 &&
	           a->resumes < MAX_RESUMES) {
		/* cut short after some bytes: go on from where it stopped */
		char *url = NULL;
		struct download_row row;
		a->resumes++;
		if (store_download_get(d->c, a->id, &row) == 1) {
			url = xstrdup(row.url);
			download_row_free(&row);
		}
		store_download_update(d->c, a->id, DL_DOWNLOADING, a->have, a->total, NULL, NULL);
		if (url && submit(d, a, url) == 0) {
			free(url);
			return;
		}
		free(url);
		fail(d, a->id, a->have, a->total, res->error_text);
	} else {
		const char *text = res->error_text ? res->error_text : "failed";
		char *why =
		    res->sink_have == 0 || res->error == FETCH_ERR_HTTP ? xstrdup(text)
		    : res->sink_total >= 0
		        ? xasprintf("got %lld of the %lld bytes the server announced: %s",
		                    (long long)res->sink_have, (long long)res->sink_total, text)
		        : xasprintf("%s (after %lld bytes)", text, (long long)res->sink_have);
		if (res->sink_have == 0)
			remove_part(a);
		store_download_update(d->c, a->id, DL_FAILED, res->sink_have, a->total,
		                      res->sink_have == 0 ? "" : NULL, why);
		free(why);
		notify(d, a->id);
	}
	forget(d, a);
	downloader_start(d);
}

int downloader_pause(struct downloader *d, int64_t id, char **err)
{
	struct download_row row;

	for (int i = 0; i < d->running; i++)
		if (d->run[i]->id == id) {
			d->run[i]->stop = STOP_PAUSE;
			return 0;
		}
	if (store_download_get(d->c, id, &row) != 1) {
		*err = xasprintf("no download %lld", (long long)id);
		return -1;
	}
	if (row.state == DL_QUEUED)
		store_download_update(d->c, id, DL_PAUSED, row.bytes, row.total, NULL, NULL);
	download_row_free(&row);
	notify(d, id);
	return 0;
}

int downloader_resume(struct downloader *d, int64_t id, char **err)
{
	struct download_row row;

	if (store_download_get(d->c, id, &row) != 1) {
		*err = xasprintf("no download %lld", (long long)id);
		return -1;
	}
	if (row.state == DL_PAUSED || row.state == DL_FAILED)
		store_download_update(d->c, id, DL_QUEUED, row.bytes, row.total, NULL, NULL);
	download_row_free(&row);
	notify(d, id);
	downloader_start(d);
	return 0;
}

int download_remove(struct cache *c, int64_t id, int delete_file, char **err)
{
	struct download_row row;
	int rc;

	if (store_download_get(c, id, &row) != 1) {
		*err = xasprintf("no download %lld", (long long)id);
		return -1;
	}
	/* a partial file is always removed; a finished one only when asked */
	if (row.path && (row.state != DL_DONE || delete_file))
		unlink(row.path);
	rc = store_download_delete(c, id);
	if (rc != 0)
		*err = xstrdup("cannot write the download queue to the cache");
	download_row_free(&row);
	return rc;
}

int downloader_remove(struct downloader *d, int64_t id, int delete_file, char **err)
{
	for (int i = 0; i < d->running; i++)
		if (d->run[i]->id == id) {
			d->run[i]->stop = delete_file ? STOP_DELETE : STOP_REMOVE;
			return 0;
		}
	if (download_remove(d->c, id, delete_file, err) != 0)
		return -1;
	notify(d, id);
	return 0;
}
