#include "core/log.h"
#include "core/text.h"
#include "core/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void (*log_sink)(int is_error, const char *msg);
static pthread_t sink_thread;

void log_set_sink(void (*sink)(int is_error, const char *msg))
{
	log_sink = sink;
	sink_thread = pthread_self();
}

static void log_emit(int is_error, const char *fmt, va_list ap)
{
	struct buf b;
	char *clean;

	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	clean = text_sanitize(b.data ? b.data : "", b.len, TEXT_KEEP_NEWLINES);
	/* The sink is the reader's, which only its own thread may call; a task on another thread
	 * returns its errors instead, and stderr is the reader's screen. */
	if (log_sink && !pthread_equal(sink_thread, pthread_self()))
		;
	else if (log_sink)
		log_sink(is_error, clean);
	else
		fprintf(stderr, "tidings: %s%s\n", is_error ? "" : "warning: ", clean);
	free(clean);
	buf_free(&b);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_emit(1, fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_emit(0, fmt, ap);
	va_end(ap);
}
