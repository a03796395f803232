/* The picture loader (tasks/pictures.h) without a network: a picture in the disk cache is
 * read and decoded on the loader's thread and told of through the loop; a URL that is not
 * http(s), or that failed before, is refused; forgetting drops what was asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "config/config.h"
#include "core/paths.h"
#include "core/util.h"
#include "tasks/pictures.h"

#include <fcntl.h>
#include <png.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct told {
	int count;
	int width, height;
	char err[256];
};

static void on_done(const char *url, struct image *img, const char *err, void *user)
{
	struct told *t = user;

	t->count++;
	if (img) {
		t->width = img->source_width;
		t->height = img->source_height;
		image_free(img);
	}
	snprintf(t->err, sizeof(t->err), "%s", err ? err : "");
}

/* Steps the loader until it has told of n pictures (or 10 s). */
static void run_until(struct picture_loader *l, struct told *t, int n)
{
	for (int i = 0; i < 1000 && t->count < n; i++) {
		struct pollfd fds[16];
		int timeout, k = picture_loader_wait_fds(l, fds, 16, &timeout);
		poll(fds, (nfds_t)k, timeout < 0 || timeout > 10 ? 10 : timeout);
		picture_loader_step(l);
	}
}

static char *make_dir(void)
{
	char tmpl[] = "/tmp/tidings-pictures.XXXXXX";
	return xstrdup(mkdtemp(tmpl));
}

static void put_png(const char *dir, const char *url, int w, int h)
{
	png_image pi;
	size_t len = 0;
	uint8_t *px = xcalloc((size_t)w * h, 4);
	char name[32], *path;
	void *out;
	int fd;

	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = (png_uint_32)w;
	pi.height = (png_uint_32)h;
	pi.format = PNG_FORMAT_RGBA;
	assert_true(png_image_write_get_memory_size(pi, len, 0, px, 0, NULL));
	out = xmalloc(len);
	assert_true(png_image_write_to_memory(&pi, out, &len, 0, px, 0, NULL));
	picture_cache_name(url, name);
	path = path_join(dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write_all(fd, out, len), 0);
	close(fd);
	free(path);
	free(out);
	free(px);
}

static void remove_dir(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

/* Port 9 (discard) on 127.0.0.1: a fetch there fails at once, so a success came from disk. */
#define NOWHERE "http://127.0.0.1:9/"

static void test_a_cached_picture_comes_from_disk(void **state)
{
	char *dir = make_dir();
	struct told t = {0};
	struct image_limits lim;
	struct picture_loader *l = picture_loader_open(dir, 1 << 20, on_done, &t);

	put_png(dir, NOWHERE "a.png", 30, 20);
	image_limits_from_settings(&lim, 100, 100);
	assert_int_equal(picture_loader_want(l, NOWHERE "a.png", &lim), 0);
	assert_int_equal(picture_loader_pending(l), 1);
	run_until(l, &t, 1);
	assert_int_equal(t.count, 1);
	assert_string_equal(t.err, "");
	assert_int_equal(t.width, 30);
	assert_int_equal(t.height, 20);
	assert_int_equal(picture_loader_pending(l), 0);
	picture_loader_free(l);
	remove_dir(dir);
}

static void test_refusals_and_failures(void **state)
{
	char *dir = make_dir();
	struct told t = {0};
	struct image_limits lim;
	struct picture_loader *l = picture_loader_open(dir, 1 << 20, on_done, &t);

	image_limits_from_settings(&lim, 100, 100);
	assert_int_equal(picture_loader_want(l, "file:///etc/passwd", &lim), -1);
	assert_int_equal(picture_loader_want(l, "data:image/png;base64,AAAA", &lim), -1);
	/* not cached, and nothing listens: it fails, and is not asked for again */
	assert_int_equal(picture_loader_want(l, NOWHERE "gone.png", &lim), 0);
	run_until(l, &t, 1);
	assert_int_equal(t.count, 1);
	assert_string_not_equal(t.err, "");
	assert_int_equal(picture_loader_want(l, NOWHERE "gone.png", &lim), -1);
	picture_loader_free(l);
	remove_dir(dir);
}

static void test_forget_drops_what_was_asked(void **state)
{
	char *dir = make_dir();
	struct told t = {0};
	struct image_limits lim;
	struct picture_loader *l = picture_loader_open(dir, 1 << 20, on_done, &t);

	put_png(dir, NOWHERE "b.png", 8, 8);
	image_limits_from_settings(&lim, 100, 100);
	assert_int_equal(picture_loader_want(l, NOWHERE "b.png", &lim), 0);
	picture_loader_forget(l);
	assert_int_equal(picture_loader_pending(l), 0);
	/* the thread may have done it already: what it found is dropped, not told of */
	for (int i = 0; i < 20; i++) {
		usleep(5000);
		picture_loader_step(l);
	}
	assert_int_equal(t.count, 0);
	picture_loader_free(l);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_cached_picture_comes_from_disk),
	    cmocka_unit_test(test_refusals_and_failures),
	    cmocka_unit_test(test_forget_drops_what_was_asked),
	};
	settings_reset();
	setenv("no_proxy", "*", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
