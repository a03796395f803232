#include "store/cache.h"
#include "store/internal.h"
#include "core/log.h"
#include "core/text.h"
#include "core/util.h"
#include "store/items.h"
#include "store/tokenizer.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Milliseconds a writer waits for the other process (reader or cron refresh) to finish. */
#define CACHE_BUSY_TIMEOUT_MS 10000

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

char *cache_error_cause(sqlite3 *db)
{
	int code = sqlite3_extended_errcode(db), sys = sqlite3_system_errno(db);
	const char *what;

	switch (code & 0xff) {
	case SQLITE_FULL:
		what = "the disk is full";
		break;
	case SQLITE_IOERR:
		what = sys == ENOSPC || sys == EDQUOT || sys == EFBIG ? "the disk is full"
		                                                      : "an I/O error";
		break;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		what = sys == EROFS ? "the file system is read-only"
		                    : "no permission to write the cache or its directory";
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		what = "another program holds the cache";
		break;
	case SQLITE_NOMEM:
		what = "memory ran out";
		break;
	default:
		return xstrdup(sqlite3_errmsg(db));
	}
	if (sys > 0)
		return xasprintf("%s (%s: %s)", what, sqlite3_errmsg(db), strerror(sys));
	return xasprintf("%s (%s)", what, sqlite3_errmsg(db));
}

/* Refuses a file that is not ours before anything writes to it. Only a file that SQLite
 * says is no database, or one of another program's, is called that: a cache that cannot
 * be read for want of space or permission is ours, and its cause is named. */
static int check_identity(sqlite3 *db, const char *path, char **err)
{
	int app_id = 0, tables = 0, version = 0;

	if (pragma_int(db, "PRAGMA application_id", &app_id) != 0 ||
	    pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables) != 0) {
		if ((sqlite3_extended_errcode(db) & 0xff) == SQLITE_NOTADB) {
			*err =
			    xasprintf("%s is not a tidings cache (%s); it was left as it is. Move "
			              "it away to start a new cache.",
			              path, sqlite3_errmsg(db));
		} else {
			char *cause = cache_error_cause(db);
			*err = xasprintf("cannot use the cache %s: %s", path, cause);
			free(cause);
		}
		return -1;
	}
	if (tables > 0 && app_id != CACHE_APPLICATION_ID) {
		*err = xasprintf("%s is an SQLite database of another program; it was left as it "
		                 "is. Move it away to start a new cache.",
		                 path);
		return -1;
	}
	version = cache_schema_version(db);
	if (version > CACHE_SCHEMA_VERSION) {
		*err = xasprintf("%s was written by a newer tidings (schema %d, this one knows %d)",
		                 path, version, CACHE_SCHEMA_VERSION);
		return -1;
	}
	return 0;
}

static int check_integrity(sqlite3 *db, const char *path, char **err);

/* The open marker: a file beside the cache (PATH-open) that every connection holds a shared
 * lock on while it is open. The last one to close removes it; finding it with nobody holding
 * it means a process died with the cache open, and only then is the whole file read through
 * (PRAGMA quick_check). Returns the marker's descriptor (-1 when it cannot be made: then the
 * check runs every time, as it is safe to), and sets *unclean. */
static int marker_take(const char *path, int *unclean)
{
	char *name;
	int fd = -1;

	/* an in-memory database has no file to check, and no marker beside it */
	if (strcmp(path, ":memory:") == 0) {
		*unclean = 0;
		return -1;
	}
	name = xasprintf("%s-open", path);
	*unclean = 1;
	for (int tries = 0; tries < 10; tries++) {
		struct stat a, b;
		int created = 1;

		fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST) {
			created = 0;
			fd = open(name, O_RDWR | O_CLOEXEC);
		}
		if (fd < 0)
			break;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			/* nobody else has the cache open: a marker left behind is a crash */
			*unclean = !created;
			flock(fd, LOCK_SH);
		} else {
			*unclean = 0;
			flock(fd, LOCK_SH);
		}
		/* the last one to close may have removed the file between our open and lock */
		if (fstat(fd, &a) == 0 && stat(name, &b) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			break;
		close(fd);
		fd = -1;
		*unclean = 1;
	}
	free(name);
	return fd;
}

static void marker_release(const char *path, int fd)
{
	if (fd < 0)
		return;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		char *name = xasprintf("%s-open", path);
		unlink(name);
		free(name);
	}
	close(fd);
}

int cache_check(struct cache *c, char **err)
{
	return check_integrity(c->db, c->path, err);
}

static int check_integrity(sqlite3 *db, const char *path, char **err)
{
	sqlite3_stmt *st;
	char *problem = NULL;
	int rc = SQLITE_ERROR;

	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			const unsigned char *r = sqlite3_column_text(st, 0);
			if (r && strcmp((const char *)r, "ok") == 0)
				rc = SQLITE_OK;
			else /* the first problem found, in SQLite's words */
				problem = text_sanitize_str(r ? (const char *)r : "no answer",
				                            TEXT_COLLAPSE_SPACE);
		}
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_OK)
		return 0;
	if (!problem && (sqlite3_extended_errcode(db) & 0xff) != SQLITE_CORRUPT) {
		/* the check could not run: the cache is not known to be corrupt, and the cause
		 * (no space, no permission, an I/O error) is what to tell */
		char *cause = cache_error_cause(db);
		*err = xasprintf("cannot use the cache %s: %s", path, cause);
		free(cause);
		return -1;
	}
	/* When the check itself failed, SQLite's last error says why; a failed check has a row
	 * and leaves that error empty ("not an error"). */
	*err = xasprintf("%s is corrupt (%s); it was left as it is", path,
	                 problem ? problem : sqlite3_errmsg(db));
	free(problem);
	return -1;
}

static int configure_connection(sqlite3 *db, char **err)
{
	char *msg = NULL;

	sqlite3_busy_timeout(db, CACHE_BUSY_TIMEOUT_MS);
	if (sqlite3_exec(db,
	                 "PRAGMA journal_mode = WAL;"
	                 "PRAGMA synchronous = NORMAL;"
	                 "PRAGMA foreign_keys = ON;"
	                 /* savepoints within a batch journal their pages in memory, not in
	                  * a temporary file */
	                 "PRAGMA temp_store = MEMORY;",
	                 NULL, NULL, &msg) != SQLITE_OK) {
		char *cause = cache_error_cause(db);
		*err = xasprintf("setting up the cache: %s", cause);
		free(cause);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int cache_open(const char *path, struct cache **out, char **err)
{
	return cache_open_flags(path, 0, out, err);
}

/* After a failed open: the files this open created and left empty (a -shm made before the
 * disk turned out to be full), and the cache itself when it was new and holds nothing. A
 * file that was there before is never touched. */
static void remove_own_leftovers(const char *path, int existed, int wal_existed, int shm_existed)
{
	static const char *const suffixes[] = {"-wal", "-shm", ""};
	const int before[] = {wal_existed, shm_existed, existed};
	struct stat st;

	for (int i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		/* a -shm in use by another connection is 32 KiB at least */
		if (!before[i] && stat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_size < (i == 1 ? 32768 : 1))
			unlink(p);
		free(p);
	}
}

static int file_exists(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	struct stat st;
	int yes = lstat(p, &st) == 0;
	free(p);
	return yes;
}

/* A cache migrated from before the search index of CACHE_INDEX_VERSION has every item
 * queued (schema.c): they are indexed now, so that search finds them at once. */
static int reindex_after_migration(struct cache *c, int from_version)
{
	if (from_version <= 0 || from_version >= CACHE_INDEX_VERSION)
		return 0;
	return store_index_pending(c) < 0 ? -1 : 0;
}

/* Numbers each open of the process (struct cache's serial). */
static atomic_uint_fast64_t open_serial;

int cache_open_flags(const char *path, int flags, struct cache **out, char **err)
{
	sqlite3 *db = NULL;
	struct stat st;
	int existed = stat(path, &st) == 0;
	int wal_existed = file_exists(path, "-wal"), shm_existed = file_exists(path, "-shm");
	int unclean = 0, marker, from_version;

	*out = NULL;
	*err = NULL;
	if (existed && !S_ISREG(st.st_mode)) {
		*err = xasprintf("%s is not a regular file", path);
		return -1;
	}
	if (sqlite3_open_v2(path, &db,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK) {
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		char *cause = !db ? xstrdup("memory ran out")
		              : !existed && access(slash ? (*dir ? dir : "/") : ".", W_OK) != 0
		                  ? xasprintf("its directory is not writable (%s)", strerror(errno))
		                  : cache_error_cause(db);
		free(dir);
		*err = xasprintf("cannot open the cache %s: %s", path, cause);
		free(cause);
		sqlite3_close(db);
		remove_own_leftovers(path, existed, wal_existed, shm_existed);
		return -1;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, CACHE_BUSY_TIMEOUT_MS);
	marker = marker_take(path, &unclean);
	if (search_tokenizer_register(db) != 0) {
		*err = xasprintf("this SQLite has no full-text search (FTS5)");
		goto fail;
	}
	if (check_identity(db, path, err) != 0)
		goto fail;
	if (existed && unclean && !(flags & CACHE_OPEN_NO_SCAN) &&
	    check_integrity(db, path, err) != 0) {
		/* the marker stays: the next open checks again */
		close(marker);
		marker = -1;
		goto fail;
	}
	if (configure_connection(db, err) != 0)
		goto fail;
	from_version = cache_schema_version(db);
	if (cache_migrate_to(db, CACHE_SCHEMA_VERSION, err) != 0)
		goto fail;
	*out = xcalloc(1, sizeof(**out));
	(*out)->db = db;
	(*out)->path = xstrdup(path);
	(*out)->serial = atomic_fetch_add(&open_serial, 1) + 1;
	(*out)->marker = marker;
	if (reindex_after_migration(*out, from_version) != 0)
		log_error("indexing the cache for search: %s (a refresh tries again)",
		          sqlite3_errmsg(db));
	return 0;
fail:
	sqlite3_close(db);
	marker_release(path, marker);
	remove_own_leftovers(path, existed, wal_existed, shm_existed);
	return -1;
}

/* The gate (cache_set_gate) is held from the start of a write transaction to its end. */
static void gate_enter(struct cache *c)
{
	if (c->gate && !c->gate_held) {
		__atomic_add_fetch(&c->gate->waiting, 1, __ATOMIC_SEQ_CST);
		pthread_mutex_lock(&c->gate->lock);
		__atomic_sub_fetch(&c->gate->waiting, 1, __ATOMIC_SEQ_CST);
		c->gate_held = 1;
	}
}

static void gate_leave(struct cache *c)
{
	if (c->gate_held) {
		c->gate_held = 0;
		pthread_mutex_unlock(&c->gate->lock);
	}
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	gate_leave(c);
	for (int i = 0; i < c->kept_count; i++)
		sqlite3_finalize(c->kept[i].st);
	sqlite3_close(c->db);
	free(c->failure);
	marker_release(c->path, c->marker);
	free(c->path);
	free(c);
}

void cache_note_failure(struct cache *c)
{
	free(c->failure);
	c->failure = cache_error_cause(c->db);
}

char *cache_last_failure(struct cache *c)
{
	return c->failure ? xstrdup(c->failure) : NULL;
}

int cache_exec(struct cache *c, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error("cache: %s", msg ? msg : sqlite3_errmsg(c->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

void cache_set_gate(struct cache *c, struct cache_gate *gate)
{
	gate_leave(c);
	c->gate = gate;
}

int cache_begin(struct cache *c)
{
	if (!c->batch) {
		gate_enter(c);
		if (cache_exec(c, "BEGIN IMMEDIATE") != 0) {
			if (sqlite3_get_autocommit(c->db))
				gate_leave(c);
			return -1;
		}
		return 0;
	}
	/* SQLite ends the whole transaction on some errors (a full disk): the batch goes on in
	 * a new one, taken IMMEDIATE like any other write. */
	if (sqlite3_get_autocommit(c->db) && cache_exec(c, "BEGIN IMMEDIATE") != 0)
		return -1;
	return cache_exec(c, "SAVEPOINT unit");
}

int cache_commit(struct cache *c)
{
	int rc = cache_exec(c, c->batch ? "RELEASE unit" : "COMMIT");
	if (!c->batch && sqlite3_get_autocommit(c->db))
		gate_leave(c);
	return rc;
}

void cache_rollback(struct cache *c)
{
	if (!sqlite3_get_autocommit(c->db)) {
		if (c->batch)
			sqlite3_exec(c->db, "ROLLBACK TO unit; RELEASE unit", NULL, NULL, NULL);
		else
			sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	}
	if (!c->batch)
		gate_leave(c);
}

int cache_batch_begin(struct cache *c)
{
	if (c->batch)
		return 0;
	gate_enter(c);
	if (cache_exec(c, "BEGIN IMMEDIATE") != 0) {
		if (sqlite3_get_autocommit(c->db))
			gate_leave(c);
		return -1;
	}
	c->batch = 1;
	return 0;
}

int cache_batch_try(struct cache *c)
{
	if (c->batch)
		return 0;
	/* one that waits goes first: the batches would otherwise take the gate back each time
	 * before the waiting thread wakes up */
	if (c->gate && !c->gate_held) {
		if (__atomic_load_n(&c->gate->waiting, __ATOMIC_SEQ_CST) > 0 ||
		    pthread_mutex_trylock(&c->gate->lock) != 0)
			return 1;
		c->gate_held = 1;
	}
	return cache_batch_begin(c);
}

int cache_batch_end(struct cache *c)
{
	int rc = 0;

	if (!c->batch)
		return 0;
	c->batch = 0;
	if (!sqlite3_get_autocommit(c->db) && cache_exec(c, "COMMIT") != 0) {
		cache_note_failure(c);
		cache_rollback(c);
		rc = -1;
	}
	gate_leave(c);
	return rc;
}

sqlite3_stmt *cache_prepare(struct cache *c, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_error("cache: %s", sqlite3_errmsg(c->db));
		return NULL;
	}
	return st;
}

sqlite3_stmt *cache_kept(struct cache *c, const char *sql)
{
	sqlite3_stmt *st = NULL;

	for (int i = 0; i < c->kept_count; i++)
		if (c->kept[i].sql == sql)
			return c->kept[i].st;
	if (c->kept_count == CACHE_KEPT_MAX) {
		log_error("cache: more than %d kept statements", CACHE_KEPT_MAX);
		return NULL;
	}
	if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		log_error("cache: %s", sqlite3_errmsg(c->db));
		sqlite3_finalize(st);
		return NULL;
	}
	c->kept[c->kept_count].sql = sql;
	c->kept[c->kept_count].st = st;
	c->kept_count++;
	return st;
}

int cache_read_rows(sqlite3_stmt *st, size_t size,
                    void (*read_row)(sqlite3_stmt *st, void *row, void *user), void *user,
                    void **rows, int *count)
{
	char *v = NULL;
	int n = 0, cap = 0, rc = SQLITE_ERROR;

	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			v = xrealloc(v, size * (size_t)cap);
		}
		memset(v + size * (size_t)n, 0, size);
		read_row(st, v + size * (size_t)n, user);
		n++;
	}
	sqlite3_finalize(st);
	*rows = v;
	*count = n;
	return rc == SQLITE_DONE ? 0 : -1;
}

char *cache_column_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? xstrdup((const char *)t) : NULL;
}

int cache_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

const char *cache_path(const struct cache *c)
{
	return c->path;
}

const char *cache_errmsg(struct cache *c)
{
	return sqlite3_errmsg(c->db);
}
