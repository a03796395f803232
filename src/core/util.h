/* Small allocation and string helpers shared by every stage. */
#ifndef TIDINGS_CORE_UTIL_H
#define TIDINGS_CORE_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that cannot fail: running out of memory ends the program with a message,
 * because no caller in tidings could do anything more useful. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const char *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s with &, < and > written as references, and " too when quotes is set (for a
 * double-quoted attribute): text made safe to put into HTML or XML. */
void buf_put_xml_escaped(struct buf *b, const char *s, int quotes);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Hands the buffer's string to the caller and leaves the buffer empty. */
char *buf_steal(struct buf *b);

int str_starts_with(const char *s, const char *prefix);
int str_ends_with(const char *s, const char *suffix);
/* Case-insensitive ASCII comparison, locale-independent. */
int str_casecmp_ascii(const char *a, const char *b);
int str_ncasecmp_ascii(const char *a, const char *b, size_t n);
/* Returns s with leading and trailing ASCII white space removed, in place. */
char *str_trim(char *s);
int str_is_blank(const char *s);

/* A fingerprint of a body, to tell whether it is the one seen last time: its length and a
 * 64-bit hash in hexadecimal, written into out (BODY_DIGEST_SIZE bytes, NUL included). Not
 * cryptographic: a server that makes two of its own bodies collide only keeps its own feed
 * from updating. */
#define BODY_DIGEST_SIZE 40
void body_digest(const void *data, size_t len, char out[BODY_DIGEST_SIZE]);

/* Reads a whole file, refusing files larger than max_size. Returns 0 or -errno;
 * -EFBIG when the limit is passed. *out is NUL-terminated. */
int read_file(const char *path, size_t max_size, char **out, size_t *out_len);
/* Writes all of data, retrying after interruptions. Returns 0 or -errno. */
int write_all(int fd, const void *data, size_t len);
/* Replaces the file at path with data as one step: written beside it (PATH.tmp.PID, created
 * with mode), flushed to disk when durable, then renamed over it, so a reader or a crash sees
 * the old file or the new one, never a part. Returns 0 or -errno; nothing is left behind. */
int write_file_replace(const char *path, const void *data, size_t len, int mode, int durable);
/* Same for an open descriptor (stdin). */
int read_fd(int fd, size_t max_size, char **out, size_t *out_len);

#endif
