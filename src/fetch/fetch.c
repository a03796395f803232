/* The fetcher: our own queues in front of one curl multi handle. We start a transfer only
 * when a slot is free (max_parallel, max_per_host), because curl starts a transfer's timeout
 * when it is added to the multi handle, and a feed must not time out while it waits its turn.
 * Each host has its own queue, and hosts take turns: a thousand feeds on one busy host hold up
 * neither the others nor the scheduler. */
#include "fetch/fetch.h"
#include "config/config.h"
#include "core/url.h"
#include "core/util.h"

#include <brotli/decode.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* The server's own statuses of every answer of one request, redirects included. */
#define MAX_HOPS (FETCH_MAX_REDIRECTS + 2)
/* Retry-After beyond this is taken as this: a typo on the server must not silence a feed for
 * years. */
#define RETRY_AFTER_MAX (7 * 24 * 3600)
/* Validators longer than this, or with bytes outside printable ASCII, are not kept. */
#define VALIDATOR_MAX 512
#define HOST_BUCKETS 256
/* The encodings offered, each decoded here (see struct decoder). */
#define ACCEPTED_ENCODINGS "gzip, deflate, br, zstd"
/* zstd frames may ask for a window of up to 2 GB; RFC 8878 has HTTP senders stay within 8 MB. */
#define ZSTD_WINDOW_LOG_MAX 23

/* A compressed answer, decoded here rather than by libcurl: libcurl (7.88) takes a gzip
 * stream cut short with a matching Content-Length as a whole answer, and the half that came
 * would be stored as the feed. Each decoder knows whether its stream reached its end. */
enum encoding { ENC_IDENTITY, ENC_ZLIB, ENC_BROTLI, ENC_ZSTD, ENC_UNKNOWN };

struct decoder {
	enum encoding kind;
	const char *name; /* as the server wrote it, for messages: "gzip", "br", ... */
	int started, ended, failed;
	int raw_deflate; /* "deflate" without its zlib header, as some servers send it */
	size_t raw_len;
	z_stream z;
	BrotliDecoderState *br;
	ZSTD_DStream *zs;
};

/* One host: its requests waiting, and how many of its requests run. While it has requests
 * waiting it is on the fetcher's ring of hosts, which dequeue_ready() walks round-robin. */
struct host_slot {
	char *name;
	struct host_slot *bucket_next;
	struct host_slot *ring_next, *ring_prev;
	struct transfer *head, *tail;
	int running;
};

struct transfer {
	struct fetcher *owner;
	struct transfer *next; /* in its host's queue, or in the running list */
	CURL *easy;
	struct curl_slist *headers;
	char *url;
	struct host_slot *host;
	char *etag, *last_modified;
	int allow_file;
	int has_sink;
	struct fetch_sink sink;
	int64_t sink_have;   /* bytes in the sink's file */
	int64_t sink_total;  /* the whole file's announced size, -1 unknown */
	int sink_checked;    /* the first body bytes of the final answer were seen */
	int64_t range_start; /* from Content-Range, -1 when the answer had none */
	int aborted;         /* the progress callback asked to stop */
	fetch_done_fn done;
	void *user;
	struct buf body;
	int too_large;
	char encoding[32]; /* Content-Encoding of the answer being read, "" for none */
	struct decoder dec;
	int hops[MAX_HOPS];
	int hop_count;
	char reason[96];   /* reason phrase of the last status line */
	char refusal[256]; /* why a header callback ended the transfer, or "" */
	char errbuf[CURL_ERROR_SIZE];
};

struct fetcher {
	struct fetch_options opts;
	char *user_agent;
	char *ca_file; /* NULL: the system's trust store */
	CURLM *multi;
	struct curl_slist *resolve; /* TIDINGS_TEST_RESOLVE, for tests; NULL otherwise */
	struct host_slot *hosts[HOST_BUCKETS];
	struct host_slot *ring; /* the host whose turn is next; NULL when nothing waits */
	struct transfer *running;
	int running_count;
	int queued_count;
};

void fetch_options_from_settings(struct fetch_options *o)
{
	memset(o, 0, sizeof(*o));
	o->max_parallel = settings.max_parallel;
	o->max_per_host = settings.max_per_host;
	o->connect_timeout = settings.connect_timeout;
	o->total_timeout = settings.fetch_timeout;
	o->low_speed_limit = settings.low_speed_limit;
	o->low_speed_time = settings.low_speed_time;
	o->max_size = (size_t)settings.max_feed_size << 20;
	o->user_agent = settings.user_agent;
	o->ca_file = settings.ca_file;
}

/* A peer closing a TLS connection while OpenSSL writes to it raises SIGPIPE, which would end
 * the program (CURLOPT_NOSIGNAL does not cover it). Nothing in tidings wants the signal, so
 * the default disposition is replaced; a handler someone installed is left alone. */
static void ignore_sigpipe(void)
{
	struct sigaction sa;

	if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
		sa.sa_handler = SIG_IGN;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = 0;
		sigaction(SIGPIPE, &sa, NULL);
	}
}

static int curl_ok;

static void curl_init(void)
{
	ignore_sigpipe();
	curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

/* Once per process, whichever thread (the reader runs tasks on threads) comes first. */
static int curl_ready(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, curl_init);
	return curl_ok;
}

/* For tests and benchmarks only: TIDINGS_TEST_RESOLVE holds entries HOST:PORT:ADDRESS
 * (libcurl's CURLOPT_RESOLVE form; HOST may be *) separated by white space, so that a test
 * server on 127.0.0.1 can play many host names without DNS or /etc/hosts. Not a setting:
 * nothing a user would want, and it must never reach a config file. */
static struct curl_slist *test_resolve_list(void)
{
	const char *env = getenv("TIDINGS_TEST_RESOLVE");
	struct curl_slist *list = NULL;
	char *copy, *save = NULL;

	if (!env || !*env)
		return NULL;
	copy = xstrdup(env);
	for (char *tok = strtok_r(copy, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save))
		list = curl_slist_append(list, tok);
	free(copy);
	return list;
}

struct fetcher *fetcher_new(const struct fetch_options *opts)
{
	struct fetcher *f;

	if (!curl_ready())
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->opts = *opts;
	if (f->opts.max_parallel < 1)
		f->opts.max_parallel = 1;
	if (f->opts.max_per_host < 1)
		f->opts.max_per_host = 1;
	f->user_agent = opts->user_agent && *opts->user_agent ? xstrdup(opts->user_agent)
	                                                      : xstrdup("tidings/" PACKAGE_VERSION);
	f->opts.user_agent = f->user_agent;
	f->ca_file = opts->ca_file && *opts->ca_file ? xstrdup(opts->ca_file) : NULL;
	f->opts.ca_file = f->ca_file;
	f->multi = curl_multi_init();
	if (!f->multi) {
		free(f->ca_file);
		free(f->user_agent);
		free(f);
		return NULL;
	}
	f->resolve = test_resolve_list();
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)f->opts.max_per_host);
	curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	return f;
}

static void decoder_end(struct decoder *d)
{
	if (d->kind == ENC_ZLIB && d->started)
		inflateEnd(&d->z);
	if (d->br)
		BrotliDecoderDestroyInstance(d->br);
	if (d->zs)
		ZSTD_freeDStream(d->zs);
	d->br = NULL;
	d->zs = NULL;
	d->started = 0;
}

static void transfer_free(struct transfer *t)
{
	if (t->easy) {
		if (t->owner && t->owner->multi)
			curl_multi_remove_handle(t->owner->multi, t->easy);
		curl_easy_cleanup(t->easy);
	}
	decoder_end(&t->dec);
	curl_slist_free_all(t->headers);
	free(t->url);
	free(t->etag);
	free(t->last_modified);
	buf_free(&t->body);
	free(t);
}

void fetcher_free(struct fetcher *f)
{
	struct transfer *t, *next;

	if (!f)
		return;
	for (int i = 0; i < HOST_BUCKETS; i++) {
		struct host_slot *h, *hnext;
		for (h = f->hosts[i]; h; h = hnext) {
			hnext = h->bucket_next;
			for (t = h->head; t; t = next) {
				next = t->next;
				transfer_free(t);
			}
			free(h->name);
			free(h);
		}
	}
	for (t = f->running; t; t = next) {
		next = t->next;
		transfer_free(t);
	}
	curl_multi_cleanup(f->multi);
	curl_slist_free_all(f->resolve);
	free(f->ca_file);
	free(f->user_agent);
	free(f);
}

/* The host a URL names, lower-cased by curl, or NULL when the URL does not parse. file://
 * URLs have no host: they all count as "localhost". */
static char *url_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *copy = NULL;

	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
		if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
			copy = xstrdup(host);
		else
			copy = xstrdup("localhost");
	}
	curl_free(host);
	curl_url_cleanup(u);
	return copy;
}

/* A header value that is safe to send back: printable ASCII only, bounded. */
static int validator_ok(const char *v)
{
	size_t n = 0;

	if (!v || !*v)
		return 0;
	for (; *v; v++, n++)
		if ((unsigned char)*v < 0x20 || (unsigned char)*v > 0x7e || n >= VALIDATOR_MAX)
			return 0;
	return 1;
}

static struct host_slot *host_slot(struct fetcher *f, char *name)
{
	uint32_t hash = 2166136261u; /* FNV-1a */
	struct host_slot **bucket, *h;

	for (const char *p = name; *p; p++)
		hash = (hash ^ (unsigned char)*p) * 16777619u;
	bucket = &f->hosts[hash % HOST_BUCKETS];
	for (h = *bucket; h; h = h->bucket_next)
		if (strcmp(h->name, name) == 0) {
			free(name);
			return h;
		}
	h = xcalloc(1, sizeof(*h));
	h->name = name;
	h->bucket_next = *bucket;
	*bucket = h;
	return h;
}

/* Puts a host that has requests waiting on the ring, last in turn. */
static void ring_insert(struct fetcher *f, struct host_slot *h)
{
	if (!f->ring) {
		h->ring_next = h->ring_prev = h;
		f->ring = h;
		return;
	}
	h->ring_next = f->ring;
	h->ring_prev = f->ring->ring_prev;
	h->ring_prev->ring_next = h;
	f->ring->ring_prev = h;
}

static void ring_remove(struct fetcher *f, struct host_slot *h)
{
	if (h->ring_next == h) {
		f->ring = NULL;
	} else {
		h->ring_prev->ring_next = h->ring_next;
		h->ring_next->ring_prev = h->ring_prev;
		if (f->ring == h)
			f->ring = h->ring_next;
	}
	h->ring_next = h->ring_prev = NULL;
}

static void enqueue(struct fetcher *f, struct transfer *t)
{
	struct host_slot *h = t->host;

	if (h->tail) {
		h->tail->next = t;
	} else {
		h->head = t;
		ring_insert(f, h);
	}
	h->tail = t;
	f->queued_count++;
}

int fetcher_add(struct fetcher *f, const struct fetch_request *req, fetch_done_fn done, void *user)
{
	struct transfer *t;
	char *host = url_host(req->url);

	if (!host)
		return -1;
	t = xcalloc(1, sizeof(*t));
	t->owner = f;
	t->url = xstrdup(req->url);
	t->host = host_slot(f, host);
	t->etag = validator_ok(req->etag) ? xstrdup(req->etag) : NULL;
	t->last_modified = validator_ok(req->last_modified) ? xstrdup(req->last_modified) : NULL;
	t->allow_file = req->allow_file;
	if (req->sink) {
		t->has_sink = 1;
		t->sink = *req->sink;
		t->sink_have = req->sink->offset;
		t->sink_total = -1;
	}
	t->range_start = -1;
	t->done = done;
	t->user = user;
	buf_init(&t->body);
	enqueue(f, t);
	return 0;
}

int fetcher_pending(const struct fetcher *f)
{
	return f->queued_count + f->running_count;
}

/* Appends decoded bytes, counted against max_size: a gzip bomb or a chunked body has no
 * Content-Length for curl's own size limit to refuse. */
static int keep_bytes(struct transfer *t, const void *data, size_t n)
{
	if (t->body.len + n > t->owner->opts.max_size) {
		t->too_large = 1;
		return -1;
	}
	buf_append(&t->body, data, n);
	return 0;
}

/* The decoder for a Content-Encoding value; "identity" parts are no encoding at all. A list
 * of two real encodings is refused (no feed server sends one). */
static void decoder_choose(struct decoder *d, const char *value)
{
	char part[32];
	int real = 0;

	memset(d, 0, sizeof(*d));
	d->kind = ENC_IDENTITY;
	for (const char *p = value; *p;) {
		size_t n = strcspn(p, ",");
		size_t len = 0;
		for (size_t i = 0; i < n && len + 1 < sizeof(part); i++)
			if (p[i] != ' ' && p[i] != '\t')
				part[len++] = p[i];
		part[len] = '\0';
		p += n + (p[n] == ',');
		if (!len || str_casecmp_ascii(part, "identity") == 0)
			continue;
		real++;
		if (!str_casecmp_ascii(part, "gzip") || !str_casecmp_ascii(part, "x-gzip"))
			d->kind = ENC_ZLIB, d->name = "gzip";
		else if (!str_casecmp_ascii(part, "deflate"))
			d->kind = ENC_ZLIB, d->name = "deflate";
		else if (!str_casecmp_ascii(part, "br"))
			d->kind = ENC_BROTLI, d->name = "brotli";
		else if (!str_casecmp_ascii(part, "zstd"))
			d->kind = ENC_ZSTD, d->name = "zstd";
		else
			d->kind = ENC_UNKNOWN, d->name = "unknown";
	}
	if (real > 1)
		d->kind = ENC_UNKNOWN, d->name = "layered";
}

static int decoder_start(struct decoder *d)
{
	d->started = 1;
	switch (d->kind) {
	case ENC_ZLIB:
		/* 15 + 32: a gzip or a zlib header, whichever comes */
		return inflateInit2(&d->z, d->raw_deflate ? -15 : 15 + 32) == Z_OK ? 0 : -1;
	case ENC_BROTLI:
		d->br = BrotliDecoderCreateInstance(NULL, NULL, NULL);
		return d->br ? 0 : -1;
	case ENC_ZSTD:
		d->zs = ZSTD_createDStream();
		if (!d->zs || ZSTD_isError(ZSTD_initDStream(d->zs)) ||
		    ZSTD_isError(
		        ZSTD_DCtx_setParameter(d->zs, ZSTD_d_windowLogMax, ZSTD_WINDOW_LOG_MAX)))
			return -1;
		return 0;
	default:
		return -1;
	}
}

static int inflate_some(struct transfer *t, const unsigned char *in, size_t n)
{
	struct decoder *d = &t->dec;
	unsigned char out[16384];
	int first = d->z.total_in == 0;

	d->z.next_in = (unsigned char *)in;
	d->z.avail_in = (uInt)n;
	/* until the input is used up and the output buffer was not filled (nothing pending) */
	d->z.avail_out = 1;
	while ((d->z.avail_in > 0 || d->z.avail_out == 0) && !d->ended) {
		d->z.next_out = out;
		d->z.avail_out = sizeof(out);
		int rc = inflate(&d->z, Z_NO_FLUSH);
		if (rc == Z_DATA_ERROR && first && !d->raw_deflate && !strcmp(d->name, "deflate")) {
			/* "deflate" sent raw, without the zlib header it should have: again as raw
			 */
			inflateEnd(&d->z);
			d->started = 0;
			d->raw_deflate = 1;
			if (decoder_start(d) != 0)
				return -1;
			return inflate_some(t, in, n);
		}
		if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
			return -1;
		if (keep_bytes(t, out, sizeof(out) - d->z.avail_out) != 0)
			return -1;
		if (rc == Z_STREAM_END)
			d->ended = 1; /* bytes after the end are ignored, as libcurl does */
		else if (rc == Z_BUF_ERROR)
			break;
		first = 0;
	}
	return 0;
}

static int unbrotli_some(struct transfer *t, const unsigned char *in, size_t n)
{
	struct decoder *d = &t->dec;
	unsigned char out[16384];
	BrotliDecoderResult rc;

	do {
		uint8_t *next_out = out;
		size_t avail_out = sizeof(out);
		rc = BrotliDecoderDecompressStream(d->br, &n, &in, &avail_out, &next_out, NULL);
		if (rc == BROTLI_DECODER_RESULT_ERROR)
			return -1;
		if (keep_bytes(t, out, sizeof(out) - avail_out) != 0)
			return -1;
	} while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT);
	if (rc == BROTLI_DECODER_RESULT_SUCCESS)
		d->ended = 1;
	return 0;
}

static int unzstd_some(struct transfer *t, const unsigned char *in, size_t n)
{
	struct decoder *d = &t->dec;
	unsigned char out[16384];
	ZSTD_inBuffer input = {in, n, 0};
	size_t rc;

	ZSTD_outBuffer output;

	do {
		output = (ZSTD_outBuffer){out, sizeof(out), 0};
		rc = ZSTD_decompressStream(d->zs, &output, &input);
		if (ZSTD_isError(rc))
			return -1;
		if (keep_bytes(t, out, output.pos) != 0)
			return -1;
		/* 0: a frame ended and everything of it was written out */
		d->ended = rc == 0;
		/* a full buffer may leave more to write out; otherwise it waits for input */
	} while (input.pos < input.size || output.pos == output.size);
	return 0;
}

/* Decodes raw bytes of the answer into the body. -1 ends the transfer (too large, or the
 * encoding is broken or unknown). */
static int decode_bytes(struct transfer *t, const char *data, size_t n)
{
	struct decoder *d = &t->dec;

	if (d->kind == ENC_IDENTITY)
		return keep_bytes(t, data, n);
	if (d->kind == ENC_UNKNOWN) {
		d->failed = 1;
		return -1;
	}
	d->raw_len += n;
	if (d->ended)
		return 0;
	if (!d->started && decoder_start(d) != 0) {
		d->failed = 1;
		return -1;
	}
	int rc = d->kind == ENC_ZLIB     ? inflate_some(t, (const unsigned char *)data, n)
	         : d->kind == ENC_BROTLI ? unbrotli_some(t, (const unsigned char *)data, n)
	                                 : unzstd_some(t, (const unsigned char *)data, n);
	if (rc != 0 && !t->too_large)
		d->failed = 1;
	return rc;
}

/* The first body bytes of the final answer: decides where in the file they go. A 200 to a
 * Range request is the whole file again, so the file starts over; a 206 must start where the
 * file ends. Returns -1 to end the transfer. */
static int sink_begin(struct transfer *t)
{
	long status = 0;
	curl_off_t len = -1;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &len);
	if (status < 200 || status >= 300)
		return 0; /* an error page: not written, finish() reports the status */
	t->sink_checked = 1;
	if (status == 206) {
		if (t->range_start != t->sink.offset) {
			snprintf(t->refusal, sizeof(t->refusal),
			         "the server sent bytes from %lld on, not from %lld",
			         (long long)t->range_start, (long long)t->sink.offset);
			return -1;
		}
		t->sink_have = t->sink.offset;
	} else {
		if (ftruncate(t->sink.fd, 0) != 0 || lseek(t->sink.fd, 0, SEEK_SET) != 0) {
			snprintf(t->refusal, sizeof(t->refusal), "cannot write the file: %s",
			         strerror(errno));
			return -1;
		}
		t->sink_have = 0;
	}
	t->sink_total = len >= 0 ? t->sink_have + (int64_t)len : -1;
	return 0;
}

static int sink_write(struct transfer *t, const char *data, size_t n)
{
	long status = 0;
	int err;

	if (!t->sink_checked && sink_begin(t) != 0)
		return -1;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status >= 300)
		return 0;
	if (t->sink.max_size > 0 && t->sink_have + (int64_t)n > t->sink.max_size) {
		t->too_large = 1;
		return -1;
	}
	if ((err = write_all(t->sink.fd, data, n)) != 0) {
		snprintf(t->refusal, sizeof(t->refusal), "cannot write the file: %s",
		         strerror(-err));
		return -1;
	}
	t->sink_have += (int64_t)n;
	if (t->sink.progress && t->sink.progress(t->user, t->sink_have, t->sink_total) != 0) {
		t->aborted = 1;
		return -1;
	}
	return 0;
}

static int on_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
	struct transfer *t = userp;

	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	if (t->sink.progress && t->sink.progress(t->user, t->sink_have, t->sink_total) != 0) {
		t->aborted = 1;
		return 1;
	}
	return 0;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
	struct transfer *t = userp;
	size_t n = size * nmemb;

	if (t->has_sink)
		return sink_write(t, data, n) == 0 ? n : 0;

	if (!t->dec.name && t->dec.kind == ENC_IDENTITY && t->encoding[0])
		decoder_choose(&t->dec, t->encoding);
	/* Returning less than n ends the transfer. */
	return decode_bytes(t, data, n) == 0 ? n : 0;
}

/* RFC 6761: names under .invalid never resolve; asking DNS about them only tells it what we
 * read. */
static int host_is_invalid(const char *host, size_t len)
{
	static const char tld[] = "invalid";
	const size_t n = sizeof(tld) - 1;

	if (len > 0 && host[len - 1] == '.')
		len--;
	if (len < n || str_ncasecmp_ascii(host + len - n, tld, n) != 0)
		return 0;
	return len == n || host[len - n - 1] == '.';
}

/* A redirect to a name under .invalid is refused before libcurl asks DNS about it.
 * Returns -1 for such a Location header. A relative Location stays on the same host. */
static int refuse_invalid_location(struct transfer *t, const char *data, size_t n)
{
	static const char name[] = "location:";
	size_t i = sizeof(name) - 1;
	const char *host, *end;

	if (n < i || str_ncasecmp_ascii(data, name, i) != 0 || t->hop_count == 0 ||
	    t->hops[t->hop_count - 1] < 300 || t->hops[t->hop_count - 1] > 399)
		return 0;
	while (i < n && (data[i] == ' ' || data[i] == '\t'))
		i++;
	end = data + n;
	host = memchr(data + i, ':', (size_t)(end - (data + i)));
	if (!host || end - host < 3 || host[1] != '/' || host[2] != '/')
		return 0;
	host += 3;
	const char *stop = host;
	while (stop < end && !strchr("/?#:\r\n", *stop))
		stop++;
	for (const char *at = host; at < stop; at++)
		if (*at == '@')
			host = at + 1; /* user:password@ before the host */
	if (!host_is_invalid(host, (size_t)(stop - host)))
		return 0;
	snprintf(t->refusal, sizeof(t->refusal),
	         "redirect refused: %.*s is a reserved name that never resolves (RFC 6761)",
	         (int)(stop - host > 200 ? 200 : stop - host), host);
	return -1;
}

/* The Content-Encoding of the answer whose headers are being read. */
static void note_encoding(struct transfer *t, const char *data, size_t n)
{
	static const char name[] = "content-encoding:";
	size_t i = sizeof(name) - 1, j = 0;

	if (n < i || str_ncasecmp_ascii(data, name, i) != 0)
		return;
	while (i < n && (data[i] == ' ' || data[i] == '\t'))
		i++;
	/* a second Content-Encoding header adds to the first, as a list */
	if (t->encoding[0]) {
		j = strlen(t->encoding);
		if (j + 1 < sizeof(t->encoding))
			t->encoding[j++] = ',';
	}
	for (; i < n && data[i] != '\r' && data[i] != '\n' && j + 1 < sizeof(t->encoding); i++)
		t->encoding[j++] = data[i];
	t->encoding[j] = '\0';
}

/* Keeps the status of every answer (each redirect's too), and the last reason phrase. */
static size_t on_header(char *data, size_t size, size_t nmemb, void *userp)
{
	struct transfer *t = userp;
	size_t n = size * nmemb, i, j = 0;
	int code;

	if (n < 12 || strncmp(data, "HTTP/", 5) != 0) {
		long long from;
		if (n > 20 && str_ncasecmp_ascii(data, "Content-Range:", 14) == 0 &&
		    sscanf(data + 14, " bytes %lld-", &from) == 1)
			t->range_start = from;
		note_encoding(t, data, n);
		return refuse_invalid_location(t, data, n) == 0 ? n : 0;
	}
	/* a new answer (after a redirect or an interim one): its own headers follow */
	t->encoding[0] = '\0';
	t->range_start = -1;
	for (i = 5; i < n && data[i] != ' '; i++)
		;
	if (i + 4 > n || sscanf(data + i, " %3d", &code) != 1 || code < 200)
		return n; /* 1xx: an interim answer, not one of the hops */
	if (t->hop_count < MAX_HOPS)
		t->hops[t->hop_count++] = code;
	for (i += 5; i < n && j + 1 < sizeof(t->reason); i++)
		if (data[i] >= 0x20 && data[i] < 0x7f)
			t->reason[j++] = data[i];
	t->reason[j] = '\0';
	str_trim(t->reason);
	return n;
}

static struct curl_slist *conditional_headers(const struct transfer *t)
{
	struct curl_slist *h = NULL;
	char *line;

	if (t->etag) {
		line = xasprintf("If-None-Match: %s", t->etag);
		h = curl_slist_append(h, line);
		free(line);
	}
	if (t->last_modified) {
		line = xasprintf("If-Modified-Since: %s", t->last_modified);
		h = curl_slist_append(h, line);
		free(line);
	}
	return h;
}

static int transfer_setup(struct fetcher *f, struct transfer *t)
{
	const struct fetch_options *o = &f->opts;
	CURL *e = curl_easy_init();

	if (!e)
		return -1;
	t->easy = e;
	curl_easy_setopt(e, CURLOPT_URL, t->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	/* Proxy CONNECT answers would look like hops. */
	curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
	/* Only the web, for the request and for every redirect: curl 7.88 would otherwise follow
	 * a redirect to ftp:// and follow any number of them. */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR,
	                 t->allow_file ? "http,https,file" : "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
	/* Offered and decoded here (on_body), so that a stream cut short is noticed. A download
	 * is kept as the server has the file: nothing offered, nothing decoded. */
	if (!t->has_sink)
		curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ACCEPTED_ENCODINGS);
	curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L); /* wait to multiplex on HTTP/2 */
	curl_easy_setopt(e, CURLOPT_USERAGENT, f->user_agent);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, t->has_sink ? 0L : o->total_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_limit);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
	/* Refuses early when a Content-Length already says too much; on_body checks the rest. */
	if (!t->has_sink)
		curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_size);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	if (f->resolve)
		curl_easy_setopt(e, CURLOPT_RESOLVE, f->resolve);
	/* Another set of authorities, not fewer checks: verification stays on either way. */
	if (o->ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, o->ca_file);
	t->headers = conditional_headers(t);
	if (t->has_sink) {
		if (t->sink.offset > 0) {
			char range[64];
			snprintf(range, sizeof(range), "%lld-", (long long)t->sink.offset);
			curl_easy_setopt(e, CURLOPT_RANGE, range);
		}
		curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
		curl_easy_setopt(e, CURLOPT_XFERINFODATA, t);
		curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	}
	if (t->headers)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
	return 0;
}

/* Removes and returns the next waiting transfer of the next host in turn that has a free
 * slot, or NULL when every host with requests waiting is at its limit. */
static struct transfer *dequeue_ready(struct fetcher *f)
{
	struct host_slot *h = f->ring, *after;
	struct transfer *t;

	if (!h)
		return NULL;
	do {
		if (h->running < f->opts.max_per_host) {
			t = h->head;
			h->head = t->next;
			if (!h->head)
				h->tail = NULL;
			t->next = NULL;
			f->queued_count--;
			after = h->ring_next;
			if (!h->head)
				ring_remove(f, h);
			if (f->ring)
				f->ring = after == h ? f->ring : after;
			return t;
		}
		h = h->ring_next;
	} while (h != f->ring);
	return NULL;
}

static void finish(struct fetcher *f, struct transfer *t, CURLcode rc);

static const char *file_kind(mode_t mode)
{
	return S_ISFIFO(mode)                   ? "a FIFO"
	       : S_ISSOCK(mode)                 ? "a socket"
	       : S_ISDIR(mode)                  ? "a directory"
	       : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
	                                        : "not a plain file";
}

/* A file:// URL the user wrote, read here rather than by libcurl, whose file reading blocks
 * on a FIFO forever and reads /dev/zero without end: only a regular file, within max_size
 * and the fetch timeout. Sets errbuf and returns the code finish() should see. */
static CURLcode read_local_file(struct fetcher *f, struct transfer *t)
{
	CURLU *u = curl_url();
	char *path = NULL, *host = NULL, chunk[65536];
	struct stat st = {0};
	time_t deadline = time(NULL) + f->opts.total_timeout;
	CURLcode rc = CURLE_OK;
	int fd = -1;

	if (!u || curl_url_set(u, CURLUPART_URL, t->url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) != CURLUE_OK) {
		snprintf(t->errbuf, sizeof(t->errbuf), "not a usable file:// URL");
		rc = CURLE_URL_MALFORMAT;
		goto out;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && *host &&
	    str_casecmp_ascii(host, "localhost") != 0) {
		snprintf(t->errbuf, sizeof(t->errbuf), "a file:// URL names another host");
		rc = CURLE_URL_MALFORMAT;
		goto out;
	}
	/* looked at before it is opened (a socket cannot be opened at all), and again after:
	 * O_NONBLOCK, so that opening a FIFO put in its place does not wait for a writer */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &st) != 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0 || !S_ISREG(st.st_mode)) {
		if ((st.st_mode & S_IFMT) && !S_ISREG(st.st_mode))
			snprintf(t->errbuf, sizeof(t->errbuf), "%s is not a regular file (%s)",
			         path, file_kind(st.st_mode));
		else
			snprintf(t->errbuf, sizeof(t->errbuf), "cannot read %s: %s", path,
			         strerror(errno));
		rc = CURLE_READ_ERROR;
		goto out;
	}
	if ((uint64_t)st.st_size > (uint64_t)f->opts.max_size) {
		t->too_large = 1;
		rc = CURLE_FILESIZE_EXCEEDED;
		goto out;
	}
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(t->errbuf, sizeof(t->errbuf), "cannot read %s: %s", path,
			         strerror(errno));
			rc = CURLE_READ_ERROR;
			break;
		}
		if (n == 0)
			break;
		if (keep_bytes(t, chunk, (size_t)n) != 0) {
			rc = CURLE_FILESIZE_EXCEEDED; /* it grew while it was read */
			break;
		}
		if (time(NULL) > deadline) {
			snprintf(t->errbuf, sizeof(t->errbuf), "reading %s took more than %ld s",
			         path, f->opts.total_timeout);
			rc = CURLE_OPERATION_TIMEDOUT;
			break;
		}
	}
out:
	if (fd >= 0)
		close(fd);
	curl_free(path);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

static int is_file_url(const char *url)
{
	return str_ncasecmp_ascii(url, "file:", 5) == 0;
}

static void start_ready(struct fetcher *f)
{
	struct transfer *t;

	while (f->running_count < f->opts.max_parallel && (t = dequeue_ready(f))) {
		t->next = f->running;
		f->running = t;
		f->running_count++;
		t->host->running++;
		if (t->allow_file && is_file_url(t->url)) {
			finish(f, t, read_local_file(f, t));
			continue;
		}
		if (host_is_invalid(t->host->name, strlen(t->host->name))) {
			snprintf(t->errbuf, sizeof(t->errbuf),
			         "%s is a reserved name that never resolves (RFC 6761)",
			         t->host->name);
			finish(f, t, CURLE_COULDNT_RESOLVE_HOST);
			continue;
		}
		if (transfer_setup(f, t) != 0 ||
		    curl_multi_add_handle(f->multi, t->easy) != CURLM_OK) {
			snprintf(t->errbuf, sizeof(t->errbuf), "cannot start the request");
			finish(f, t, CURLE_FAILED_INIT);
		}
	}
}

static void unlink_running(struct fetcher *f, struct transfer *t)
{
	struct transfer **p;

	for (p = &f->running; *p; p = &(*p)->next)
		if (*p == t) {
			*p = t->next;
			f->running_count--;
			t->host->running--;
			return;
		}
}

void fetcher_cancel(struct fetcher *f, const void *user)
{
	struct transfer **p, *t;

	for (p = &f->running; (t = *p);) {
		if (t->user != user) {
			p = &t->next;
			continue;
		}
		unlink_running(f, t);
		transfer_free(t);
	}
	for (int i = 0; i < HOST_BUCKETS; i++)
		for (struct host_slot *h = f->hosts[i]; h; h = h->bucket_next) {
			struct transfer *prev = NULL;
			for (t = h->head; t;) {
				struct transfer *next = t->next;
				if (t->user == user) {
					if (prev)
						prev->next = next;
					else
						h->head = next;
					if (h->tail == t)
						h->tail = prev;
					f->queued_count--;
					transfer_free(t);
				} else {
					prev = t;
				}
				t = next;
			}
			if (!h->head && (h->ring_next || f->ring == h))
				ring_remove(f, h);
		}
}

char *fetch_content_type_charset(const char *ct)
{
	const char *p;
	size_t n = 0;

	if (!ct)
		return NULL;
	for (p = ct; (p = strchr(p, ';'));) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (str_ncasecmp_ascii(p, "charset=", 8) != 0)
			continue;
		p += 8;
		if (*p == '"')
			p++;
		while (p[n] && (p[n] == '-' || p[n] == '_' || p[n] == '.' || p[n] == ':' ||
		                (p[n] >= '0' && p[n] <= '9') ||
		                ((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z')))
			n++;
		return n && n < 64 ? xstrndup(p, n) : NULL;
	}
	return NULL;
}

static char *header_value(CURL *e, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return validator_ok(h->value) ? xstrdup(h->value) : NULL;
}

/* A URL from a server that may go into the feeds file: http(s), printable ASCII, no spaces
 * or quotes (which the file would need to escape), of a sane length. */
static int storable_url(const char *url)
{
	size_t n = 0;

	if (!url_is_web(url))
		return 0;
	for (; url[n]; n++)
		if ((unsigned char)url[n] <= 0x20 || (unsigned char)url[n] >= 0x7f ||
		    url[n] == '"' || n >= 4096)
			return 0;
	return 1;
}

/* From https to plain http: followed for this fetch, never remembered, or anyone on the path
 * could move a feed off TLS for good. */
static int is_downgrade(const char *from, const char *to)
{
	return str_ncasecmp_ascii(from, "https://", 8) == 0 &&
	       str_ncasecmp_ascii(to, "https://", 8) != 0;
}

/* Every hop before the final answer was a permanent redirect. */
static int redirects_permanent(const struct transfer *t, long redirects)
{
	if (redirects <= 0 || redirects >= t->hop_count)
		return 0;
	for (long i = 0; i < redirects; i++)
		if (t->hops[i] != 301 && t->hops[i] != 308)
			return 0;
	return 1;
}

/* A TLS handshake that failed, said plainly: OpenSSL's "OpenSSL/3.0: error:0A00010B:SSL
 * routines::wrong version number" means a server that does not speak TLS at all (most often
 * an https:// address for a plain-http server); other failures keep OpenSSL's reason, without
 * its library and code prefix. */
static char *tls_failure(const char *detail)
{
	const char *reason = strstr(detail, "::");

	if (strstr(detail, "wrong version number") || strstr(detail, "packet length too long") ||
	    strstr(detail, "record layer failure"))
		return xstrdup("the server does not answer in TLS (https): if it serves plain "
		               "HTTP, use the http:// address");
	reason = reason ? reason + 2 : detail;
	return xasprintf("the secure (TLS) connection could not be set up: %s", reason);
}

static void classify(struct transfer *t, CURLcode rc, struct fetch_result *r, char **text)
{
	const char *detail = t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc);

	if (t->aborted) {
		r->error = FETCH_ERR_ABORTED;
		*text = xstrdup("stopped");
		return;
	}
	if (t->has_sink && t->refusal[0]) {
		r->error = FETCH_ERR_TRANSPORT;
		*text = xstrdup(t->refusal);
		return;
	}
	if (t->refusal[0]) {
		r->error = FETCH_ERR_REDIRECTS;
		*text = xstrdup(t->refusal);
		return;
	}

	switch (rc) {
	case CURLE_OK:
		if (t->dec.kind != ENC_IDENTITY && t->dec.raw_len > 0 && !t->dec.ended) {
			r->error = FETCH_ERR_TRANSPORT;
			*text = xasprintf("the answer was cut short: its %s stream ends early",
			                  t->dec.name);
			return;
		}
		if ((r->status >= 200 && r->status < 300) || r->status == 0)
			return;
		if (r->status == 304 && (t->etag || t->last_modified)) {
			r->not_modified = 1;
			return;
		}
		r->error = FETCH_ERR_HTTP;
		if (r->status == 304)
			*text = xstrdup("HTTP 304 Not Modified, but no validator was sent");
		else if (r->status >= 300 && r->status < 400)
			*text =
			    xasprintf("HTTP %d %s without a usable Location", r->status, t->reason);
		else
			*text =
			    xasprintf("HTTP %d%s%s", r->status, t->reason[0] ? " " : "", t->reason);
		return;
	case CURLE_WRITE_ERROR:
	case CURLE_FILESIZE_EXCEEDED:
		if (t->has_sink && t->too_large) {
			r->error = FETCH_ERR_TOO_LARGE;
			*text = xasprintf("larger than the limit of %lld MiB",
			                  (long long)(t->sink.max_size >> 20));
			return;
		}
		if (rc == CURLE_FILESIZE_EXCEEDED || t->too_large) {
			r->error = FETCH_ERR_TOO_LARGE;
			*text = xasprintf("larger than the limit of %zu MiB",
			                  t->owner->opts.max_size >> 20);
			return;
		}
		if (t->dec.failed) {
			r->error = FETCH_ERR_TRANSPORT;
			*text = t->dec.kind == ENC_UNKNOWN
			            ? xasprintf(
			                  "the answer's Content-Encoding \"%s\" is not one tidings "
			                  "asked for",
			                  t->encoding)
			            : xasprintf("the answer's %s stream is broken", t->dec.name);
			return;
		}
		break;
	case CURLE_OUT_OF_MEMORY:
		/* libcurl (7.88) gives this, with no message, for a header line or a header block
		 * beyond its limit (CURL_MAX_HTTP_HEADER, 100 KB); memory truly running out before
		 * the first byte of the body is the unlikely other case. */
		if (t->body.len == 0) {
			r->error = FETCH_ERR_TRANSPORT;
			*text = xstrdup(
			    "the answer's headers are too large (libcurl's limit is 100 KB),"
			    " or memory ran out");
			return;
		}
		break;
	case CURLE_OPERATION_TIMEDOUT:
		r->error = FETCH_ERR_TIMEOUT;
		*text = xasprintf("timed out: %s", detail);
		return;
	case CURLE_TOO_MANY_REDIRECTS:
		r->error = FETCH_ERR_REDIRECTS;
		*text = xasprintf("too many redirects (more than %d)", FETCH_MAX_REDIRECTS);
		return;
	case CURLE_SSL_CONNECT_ERROR:
		r->error = FETCH_ERR_TRANSPORT;
		*text = tls_failure(detail);
		return;
	case CURLE_UNSUPPORTED_PROTOCOL:
		if (r->redirects > 0 || (r->status >= 300 && r->status < 400)) {
			r->error = FETCH_ERR_REDIRECTS;
			*text = xasprintf("redirect refused: %s", detail);
			return;
		}
		break;
	default:
		break;
	}
	r->error = FETCH_ERR_TRANSPORT;
	*text = xstrdup(detail);
}

static void finish(struct fetcher *f, struct transfer *t, CURLcode rc)
{
	struct fetch_result r;
	char *final_url = NULL, *content_type = NULL, *text = NULL, *charset = NULL;
	char *etag = NULL, *last_modified = NULL;
	long status = 0, redirects = 0;
	curl_off_t retry = 0;

	memset(&r, 0, sizeof(r));
	r.url = t->url;
	if (t->easy) {
		curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_COUNT, &redirects);
		curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &final_url);
		curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &content_type);
		curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry);
		etag = header_value(t->easy, "ETag");
		last_modified = header_value(t->easy, "Last-Modified");
	}
	r.status = (int)status;
	r.redirects = (int)redirects;
	r.final_url = final_url ? final_url : t->url;
	classify(t, rc, &r, &text);
	r.error_text = text;
	if (r.error == FETCH_OK && redirects_permanent(t, redirects) && storable_url(r.final_url) &&
	    !is_downgrade(t->url, r.final_url))
		r.permanent_url = r.final_url;
	if (content_type && validator_ok(content_type)) {
		r.content_type = content_type;
		charset = fetch_content_type_charset(content_type);
		r.charset = charset;
	}
	r.etag = etag;
	r.last_modified = last_modified;
	if (retry > 0)
		r.retry_after =
		    (int64_t)time(NULL) + (retry < RETRY_AFTER_MAX ? retry : RETRY_AFTER_MAX);
	r.sink_have = t->sink_have;
	r.sink_total = t->has_sink ? t->sink_total : -1;
	if (r.error == FETCH_OK && !r.not_modified && !t->has_sink) {
		if (!t->body.data)
			buf_append(&t->body, "", 0);
		r.body = t->body.data;
		r.body_len = t->body.len;
	}

	unlink_running(f, t);
	t->done(&r, t->user);
	if (r.body == NULL && t->body.data && r.error == FETCH_OK && !r.not_modified)
		buf_init(&t->body); /* the callback took the body */
	free(text);
	free(charset);
	free(etag);
	free(last_modified);
	transfer_free(t);
}

static void collect_finished(struct fetcher *f)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(f->multi, &left))) {
		struct transfer *t = NULL;
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		finish(f, t, msg->data.result);
	}
}

int fetcher_step(struct fetcher *f)
{
	int still, rounds = 0, before;

	/* When transfers end, their slots go to queued ones at once, and those get going in the
	 * same step; bounded so that one step never runs long. */
	do {
		start_ready(f);
		before = f->running_count;
		curl_multi_perform(f->multi, &still);
		collect_finished(f);
	} while (f->queued_count > 0 && f->running_count < before && ++rounds < 4);
	return fetcher_pending(f);
}

int fetcher_wait_fds(struct fetcher *f, struct pollfd *fds, int max, int *timeout_ms)
{
	fd_set rd, wr, ex;
	int maxfd = -1, n = 0;
	long curl_timeout = -1;

	start_ready(f);
	if (fetcher_pending(f) == 0) {
		*timeout_ms = -1;
		return 0;
	}
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	curl_multi_fdset(f->multi, &rd, &wr, &ex, &maxfd);
	for (int fd = 0; fd <= maxfd && n < max; fd++) {
		short ev = 0;
		if (FD_ISSET(fd, &rd) || FD_ISSET(fd, &ex))
			ev |= POLLIN;
		if (FD_ISSET(fd, &wr))
			ev |= POLLOUT;
		if (ev)
			fds[n++] = (struct pollfd){.fd = fd, .events = ev};
	}
	curl_multi_timeout(f->multi, &curl_timeout);
	/* Without sockets to watch (name resolution, a queued request), look again soon. */
	if (curl_timeout < 0 || (n == 0 && curl_timeout > 100))
		curl_timeout = 100;
	*timeout_ms = (int)curl_timeout;
	return n;
}

int fetcher_poll(struct fetcher *f, int timeout_ms)
{
	start_ready(f);
	if (fetcher_pending(f) == 0)
		return 0;
	curl_multi_poll(f->multi, NULL, 0, timeout_ms, NULL);
	return fetcher_step(f);
}

void fetcher_run(struct fetcher *f)
{
	while (fetcher_pending(f) > 0)
		fetcher_poll(f, 1000);
}
