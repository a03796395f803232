/* The picture loader: a fetcher for the network, stepped by the caller's loop, and one thread
 * for the disk and the decoders. A picture asked for goes to the thread, which reads it from
 * the disk cache and decodes it; when the cache has none, the loop fetches it and hands the
 * bytes back to the thread, which stores and decodes them. The thread wakes the loop through
 * a pipe. A new article makes a new generation: work of an older one is dropped unseen. */
#include "tasks/pictures.h"

#include "config/config.h"
#include "core/paths.h"
#include "core/url.h"
#include "core/util.h"
#include "fetch/fetch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Pictures fetched at once, and against one host: a page of 200 pictures must not flood a
 * server, nor hold back the next article's pictures for long. */
#define PICTURE_PARALLEL 4
/* Pictures that failed this session (too large, broken, gone), not asked for again: moving
 * back and forth between articles must not fetch an oversized picture each time. */
#define PICTURE_FAILED_KEPT 512

enum pic_outcome { PIC_DECODED, PIC_MISSING, PIC_FAILED };

struct pic_job {
	struct pic_job *next;
	unsigned gen;
	char *url;
	struct image_limits lim;
	char *bytes; /* fetched, to be stored and decoded; NULL: look in the cache */
	size_t len;
	enum pic_outcome outcome;
	struct image img;
	char *err;
	struct picture_loader *loader;
};

struct job_list {
	struct pic_job *head, *tail;
};

struct picture_loader {
	/* the thread's own */
	char *dir;
	size_t limit;
	int64_t disk_total; /* bytes in dir, -1 until counted */
	/* shared, under mu */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job_list todo, done;
	unsigned gen;
	int stop;
	/* the loop's own */
	pthread_t thread;
	int wake[2];
	struct fetcher *fetcher;
	struct pic_job **fetching;
	int fetching_count;
	int pending;
	uint64_t failed[PICTURE_FAILED_KEPT]; /* hashes of their URLs, a ring */
	int failed_count, failed_next;
	picture_done_fn done_fn;
	void *done_user;
};

static void list_push(struct job_list *l, struct pic_job *j)
{
	j->next = NULL;
	if (l->tail)
		l->tail->next = j;
	else
		l->head = j;
	l->tail = j;
}

static struct pic_job *list_pop(struct job_list *l)
{
	struct pic_job *j = l->head;

	if (j) {
		l->head = j->next;
		if (!l->head)
			l->tail = NULL;
	}
	return j;
}

static void job_free(struct pic_job *j)
{
	if (!j)
		return;
	free(j->url);
	free(j->bytes);
	image_free(&j->img);
	free(j->err);
	free(j);
}

static uint64_t url_hash(const char *url)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return h;
}

void picture_cache_name(const char *url, char buf[32])
{
	snprintf(buf, 32, "%016llx.img", (unsigned long long)url_hash(url));
}

static int failed_before(const struct picture_loader *l, const char *url)
{
	uint64_t h = url_hash(url);

	for (int i = 0; i < l->failed_count; i++)
		if (l->failed[i] == h)
			return 1;
	return 0;
}

static void remember_failure(struct picture_loader *l, const char *url)
{
	l->failed[l->failed_next] = url_hash(url);
	l->failed_next = (l->failed_next + 1) % PICTURE_FAILED_KEPT;
	if (l->failed_count < PICTURE_FAILED_KEPT)
		l->failed_count++;
}

/* ---- the disk cache (on the thread) ---- */

struct cached_file {
	char *path;
	time_t mtime;
	off_t size;
};

static int older_first(const void *a, const void *b)
{
	const struct cached_file *x = a, *y = b;
	return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

/* Counts the cache's bytes and, over the limit, deletes the oldest files down to 90% of it. */
static void cache_trim(struct picture_loader *l)
{
	DIR *d = opendir(l->dir);
	struct cached_file *files = NULL;
	size_t count = 0, cap = 0;
	int64_t total = 0;
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;
		char *path;
		if (!str_ends_with(e->d_name, ".img"))
			continue;
		path = path_join(l->dir, e->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			files = xrealloc(files, cap * sizeof(*files));
		}
		files[count++] = (struct cached_file){path, st.st_mtime, st.st_size};
		total += st.st_size;
	}
	closedir(d);
	if (total > (int64_t)l->limit) {
		qsort(files, count, sizeof(*files), older_first);
		for (size_t i = 0; i < count && total > (int64_t)(l->limit / 10 * 9); i++)
			if (unlink(files[i].path) == 0)
				total -= files[i].size;
	}
	for (size_t i = 0; i < count; i++)
		free(files[i].path);
	free(files);
	l->disk_total = total;
}

static void cache_store(struct picture_loader *l, const char *url, const char *bytes, size_t len)
{
	char name[32], *path, *tmp;
	int fd;

	if (l->limit == 0 || len > l->limit || mkdir_p(l->dir, 0700) != 0)
		return;
	picture_cache_name(url, name);
	path = path_join(l->dir, name);
	tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0) {
		int ok = write_all(fd, bytes, len) == 0;
		ok = close(fd) == 0 && ok;
		if (ok && rename(tmp, path) == 0) {
			if (l->disk_total >= 0)
				l->disk_total += (int64_t)len;
		} else {
			unlink(tmp);
		}
	}
	free(tmp);
	free(path);
	if (l->disk_total < 0 || l->disk_total > (int64_t)l->limit)
		cache_trim(l);
}

/* The cached bytes of url, touched so that the oldest-first trim sees them as recent. */
static int cache_read(struct picture_loader *l, const char *url, size_t max, char **bytes,
                      size_t *len)
{
	char name[32], *path;
	int rc;

	if (l->limit == 0)
		return -1;
	picture_cache_name(url, name);
	path = path_join(l->dir, name);
	rc = read_file(path, max, bytes, len);
	if (rc == 0)
		utimensat(AT_FDCWD, path, NULL, 0);
	free(path);
	return rc == 0 ? 0 : -1;
}

/* ---- the thread ---- */

static void work(struct picture_loader *l, struct pic_job *j)
{
	if (j->bytes) {
		cache_store(l, j->url, j->bytes, j->len);
	} else if (cache_read(l, j->url, j->lim.max_bytes, &j->bytes, &j->len) != 0) {
		j->outcome = PIC_MISSING;
		return;
	}
	j->outcome = image_decode(j->bytes, j->len, &j->lim, &j->img, &j->err) == 0 ? PIC_DECODED
	                                                                            : PIC_FAILED;
	free(j->bytes);
	j->bytes = NULL;
}

static void *thread_main(void *arg)
{
	struct picture_loader *l = arg;

	for (;;) {
		struct pic_job *j;
		int current;

		pthread_mutex_lock(&l->mu);
		while (!l->stop && !l->todo.head)
			pthread_cond_wait(&l->cv, &l->mu);
		if (l->stop) {
			pthread_mutex_unlock(&l->mu);
			return NULL;
		}
		j = list_pop(&l->todo);
		current = j->gen == l->gen;
		pthread_mutex_unlock(&l->mu);
		if (current)
			work(l, j);
		pthread_mutex_lock(&l->mu);
		list_push(&l->done, j);
		pthread_mutex_unlock(&l->mu);
		while (write(l->wake[1], "", 1) < 0 && errno == EINTR) {
		}
	}
}

/* ---- the loop's side ---- */

static void submit(struct picture_loader *l, struct pic_job *j)
{
	pthread_mutex_lock(&l->mu);
	j->gen = l->gen;
	list_push(&l->todo, j);
	pthread_cond_signal(&l->cv);
	pthread_mutex_unlock(&l->mu);
}

static void tell(struct picture_loader *l, struct pic_job *j, struct image *img, const char *err)
{
	l->pending--;
	if (!img)
		remember_failure(l, j->url);
	if (l->done_fn)
		l->done_fn(j->url, img, err, l->done_user);
}

static void forget_fetching(struct picture_loader *l, struct pic_job *j)
{
	for (int i = 0; i < l->fetching_count; i++)
		if (l->fetching[i] == j) {
			l->fetching[i] = l->fetching[--l->fetching_count];
			return;
		}
}

static void on_fetched(struct fetch_result *res, void *user)
{
	struct pic_job *j = user;
	struct picture_loader *l = j->loader;

	forget_fetching(l, j);
	if (res->error != FETCH_OK) {
		tell(l, j, NULL, res->error_text ? res->error_text : "fetch failed");
		job_free(j);
		return;
	}
	j->bytes = res->body;
	j->len = res->body_len;
	res->body = NULL;
	submit(l, j);
}

static struct fetcher *new_fetcher(void)
{
	struct fetch_options opts;

	fetch_options_from_settings(&opts);
	opts.max_parallel = PICTURE_PARALLEL;
	opts.max_per_host = PICTURE_PARALLEL;
	opts.max_size = (size_t)settings.image_max_size * 1024 * 1024;
	return fetcher_new(&opts);
}

static void fetch(struct picture_loader *l, struct pic_job *j)
{
	struct fetch_request req = {.url = j->url};

	if (fetcher_add(l->fetcher, &req, on_fetched, j) != 0) {
		tell(l, j, NULL, "the picture's URL cannot be fetched");
		job_free(j);
		return;
	}
	l->fetching = xrealloc(l->fetching, sizeof(*l->fetching) * (size_t)(l->fetching_count + 1));
	l->fetching[l->fetching_count++] = j;
}

struct picture_loader *picture_loader_open(const char *cache_dir, size_t cache_limit,
                                           picture_done_fn done, void *user)
{
	struct picture_loader *l = xcalloc(1, sizeof(*l));

	l->dir = xstrdup(cache_dir);
	l->limit = cache_limit;
	l->disk_total = -1;
	l->done_fn = done;
	l->done_user = user;
	l->wake[0] = l->wake[1] = -1;
	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->cv, NULL);
	if (pipe(l->wake) != 0 || !(l->fetcher = new_fetcher())) {
		picture_loader_free(l);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(l->wake[i], F_SETFL, fcntl(l->wake[i], F_GETFL) | O_NONBLOCK);
		fcntl(l->wake[i], F_SETFD, FD_CLOEXEC);
	}
	if (pthread_create(&l->thread, NULL, thread_main, l) != 0) {
		fetcher_free(l->fetcher);
		l->fetcher = NULL;
		picture_loader_free(l);
		return NULL;
	}
	return l;
}

int picture_loader_want(struct picture_loader *l, const char *url, const struct image_limits *lim)
{
	struct pic_job *j;

	if (!url_is_web(url) || failed_before(l, url))
		return -1;
	j = xcalloc(1, sizeof(*j));
	j->url = xstrdup(url);
	j->lim = *lim;
	j->loader = l;
	l->pending++;
	submit(l, j);
	return 0;
}

void picture_loader_forget(struct picture_loader *l)
{
	pthread_mutex_lock(&l->mu);
	l->gen++;
	pthread_mutex_unlock(&l->mu);
	l->pending = 0;
	if (l->fetching_count) {
		/* abandons the requests without their callbacks: their jobs are freed here */
		fetcher_free(l->fetcher);
		for (int i = 0; i < l->fetching_count; i++)
			job_free(l->fetching[i]);
		l->fetching_count = 0;
		l->fetcher = new_fetcher();
	}
}

int picture_loader_pending(const struct picture_loader *l)
{
	return l ? l->pending : 0;
}

int picture_loader_wait_fds(struct picture_loader *l, struct pollfd *fds, int max, int *timeout_ms)
{
	int n = 0;

	*timeout_ms = -1;
	if (max < 1)
		return 0;
	fds[n++] = (struct pollfd){.fd = l->wake[0], .events = POLLIN};
	if (l->fetcher && fetcher_pending(l->fetcher))
		n += fetcher_wait_fds(l->fetcher, fds + n, max - n, timeout_ms);
	return n;
}

void picture_loader_step(struct picture_loader *l)
{
	struct job_list done;
	struct pic_job *j;
	unsigned gen;
	char drain[64];

	while (read(l->wake[0], drain, sizeof(drain)) > 0) {
	}
	pthread_mutex_lock(&l->mu);
	done = l->done;
	l->done.head = l->done.tail = NULL;
	gen = l->gen;
	pthread_mutex_unlock(&l->mu);
	while ((j = list_pop(&done))) {
		if (j->gen != gen) {
			job_free(j);
		} else if (j->outcome == PIC_MISSING && l->fetcher) {
			fetch(l, j);
		} else {
			if (j->outcome == PIC_DECODED) {
				struct image img = j->img;
				memset(&j->img, 0, sizeof(j->img));
				tell(l, j, &img, NULL);
			} else {
				tell(l, j, NULL, j->err ? j->err : "cannot fetch the picture");
			}
			job_free(j);
		}
	}
	if (l->fetcher && fetcher_pending(l->fetcher))
		fetcher_step(l->fetcher);
}

void picture_loader_free(struct picture_loader *l)
{
	struct pic_job *j;

	if (!l)
		return;
	if (l->fetcher) {
		pthread_mutex_lock(&l->mu);
		l->stop = 1;
		pthread_cond_signal(&l->cv);
		pthread_mutex_unlock(&l->mu);
		pthread_join(l->thread, NULL);
		fetcher_free(l->fetcher);
	}
	for (int i = 0; i < l->fetching_count; i++)
		job_free(l->fetching[i]);
	free(l->fetching);
	while ((j = list_pop(&l->todo)))
		job_free(j);
	while ((j = list_pop(&l->done)))
		job_free(j);
	for (int i = 0; i < 2; i++)
		if (l->wake[i] >= 0)
			close(l->wake[i]);
	pthread_mutex_destroy(&l->mu);
	pthread_cond_destroy(&l->cv);
	free(l->dir);
	free(l);
}
