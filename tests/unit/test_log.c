/* core/log: messages reach the sink (the reader's status line) or stderr sanitised. */
#include "core/log.h"
#include "core/util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static char *last_message;
static int last_is_error = -1;

static void remember(int is_error, const char *msg)
{
	free(last_message);
	last_message = xstrdup(msg);
	last_is_error = is_error;
}

static void test_sink_gets_errors_and_warnings(void **state)
{
	(void)state;
	log_set_sink(remember);
	log_error("feed %d failed: %s", 3, "timeout");
	assert_string_equal(last_message, "feed 3 failed: timeout");
	assert_int_equal(last_is_error, 1);
	log_warn("partial");
	assert_string_equal(last_message, "partial");
	assert_int_equal(last_is_error, 0);
	log_set_sink(NULL);
}

/* Server text inside a message never brings a terminal escape with it. */
static void test_messages_are_sanitised(void **state)
{
	(void)state;
	log_set_sink(remember);
	log_error("server said: %s", "\x1b]52;c;ZXZpbA==\x07ok\x1b[2J \xc2\x9b"
	                             "31m\xe2\x80\xae");
	assert_null(strchr(last_message, '\x1b'));
	assert_null(strchr(last_message, '\x07'));
	assert_null(strstr(last_message, "\xc2\x9b"));
	assert_null(strstr(last_message, "\xe2\x80\xae"));
	assert_non_null(strstr(last_message, "ok"));
	log_set_sink(NULL);
}

static void test_stderr_without_a_sink(void **state)
{
	char path[] = "/tmp/tidings-test-log.XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	char *text;
	size_t len;

	(void)state;
	assert_true(fd >= 0);
	fflush(stderr);
	dup2(fd, 2);
	log_warn("one %s", "line\x1b[1m");
	log_error("two");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	assert_int_equal(read_file(path, 4096, &text, &len), 0);
	assert_string_equal(text, "tidings: warning: one line[1m\ntidings: two\n");
	free(text);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sink_gets_errors_and_warnings),
	    cmocka_unit_test(test_messages_are_sanitised),
	    cmocka_unit_test(test_stderr_without_a_sink),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(last_message);
	return rc;
}
