#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void out_of_memory(void)
{
	static const char msg[] = "tidings: out of memory\n";
	ssize_t ignored = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)ignored;
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_reserve(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
	b->data[b->len] = '\0'; /* a reserved but unwritten buffer is still a valid string */
}

void buf_append(struct buf *b, const char *data, size_t len)
{
	buf_reserve(b, len);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_put_xml_escaped(struct buf *b, const char *s, int quotes)
{
	const char *special = quotes ? "&<>\"" : "&<>";

	for (;;) {
		size_t run = strcspn(s, special);
		buf_append(b, s, run);
		s += run;
		switch (*s) {
		case '\0':
			return;
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		default:
			buf_puts(b, "&quot;");
		}
		s++;
	}
}

void buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *buf_steal(struct buf *b)
{
	char *s = b->data ? b->data : xstrdup("");
	buf_init(b);
	return s;
}

int str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int str_ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int str_ncasecmp_ascii(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ca = ascii_lower((unsigned char)a[i]), cb = ascii_lower((unsigned char)b[i]);
		if (ca != cb || ca == 0)
			return ca - cb;
	}
	return 0;
}

int str_casecmp_ascii(const char *a, const char *b)
{
	return str_ncasecmp_ascii(a, b, (size_t)-1);
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *str_trim(char *s)
{
	size_t len;

	while (is_space((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && is_space((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return s;
}

int str_is_blank(const char *s)
{
	for (; *s; s++)
		if (!is_space((unsigned char)*s))
			return 0;
	return 1;
}

int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int write_file_replace(const char *path, const void *data, size_t len, int mode, int durable)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode), rc = 0;

	if (fd < 0)
		rc = -errno;
	/* A file left over from a crash keeps its old mode: open's mode only applies to new. */
	if (rc == 0 && fchmod(fd, (mode_t)mode) != 0)
		rc = -errno;
	if (rc == 0)
		rc = write_all(fd, data, len);
	if (rc == 0 && durable && fsync(fd) != 0)
		rc = -errno;
	if (fd >= 0 && close(fd) != 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -errno;
	if (rc != 0 && fd >= 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int read_fd(int fd, size_t max_size, char **out, size_t *out_len)
{
	struct buf b;
	char chunk[65536];

	buf_init(&b);
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int err = errno;
			buf_free(&b);
			return -err;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max_size) {
			buf_free(&b);
			return -EFBIG;
		}
		buf_append(&b, chunk, (size_t)n);
	}
	*out_len = b.len;
	*out = buf_steal(&b);
	return 0;
}

int read_file(const char *path, size_t max_size, char **out, size_t *out_len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -errno;
	rc = read_fd(fd, max_size, out, out_len);
	close(fd);
	return rc;
}

/* Eight bytes at a time, each word mixed in by a multiply and a rotation, then the length
 * and a final avalanche; the tail is read byte by byte. Fast enough that hashing every
 * answer costs far less than parsing it (over 1 GB/s). */
static uint64_t hash_mix(uint64_t h, uint64_t w)
{
	h ^= w * 0x9e3779b97f4a7c15ULL;
	h = (h << 31) | (h >> 33);
	return h * 0xbf58476d1ce4e5b9ULL;
}

void body_digest(const void *data, size_t len, char out[BODY_DIGEST_SIZE])
{
	const unsigned char *p = data;
	uint64_t h = 0x243f6a8885a308d3ULL, w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		h = hash_mix(h, w);
	}
	w = 0;
	for (size_t k = 0; i < len; i++, k++)
		w |= (uint64_t)p[i] << (8 * k);
	h = hash_mix(h, w ^ ((uint64_t)len << 1 | 1));
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	snprintf(out, BODY_DIGEST_SIZE, "%zu:%016llx", len, (unsigned long long)h);
}
