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

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <png.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
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

/* A w x h PNG of noise (so that it does not compress away), malloc'd. */
static void *png_bytes(int w, int h, size_t *len)
{
	png_image pi;
	uint8_t *px = xcalloc((size_t)w * h, 4);
	void *out;

	for (size_t i = 0; i < (size_t)w * h * 4; i++)
		px[i] = (uint8_t)(i * 2654435761u >> 13);
	*len = 0;
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = (png_uint_32)w;
	pi.height = (png_uint_32)h;
	pi.format = PNG_FORMAT_RGBA;
	assert_true(png_image_write_get_memory_size(pi, *len, 0, px, 0, NULL));
	out = xmalloc(*len);
	assert_true(png_image_write_to_memory(&pi, out, len, 0, px, 0, NULL));
	free(px);
	return out;
}

/* A one-connection-at-a-time HTTP server on 127.0.0.1 that answers every request with the
 * same PNG, for as many requests as asked. */
struct png_server {
	int fd, port, requests;
	void *body;
	size_t len;
	pthread_t thread;
};

static void *serve(void *arg)
{
	struct png_server *s = arg;

	for (int i = 0; i < s->requests; i++) {
		char buf[4096], head[128];
		int c = accept(s->fd, NULL, NULL);
		if (c < 0)
			break;
		(void)!read(c, buf, sizeof(buf));
		snprintf(head, sizeof(head),
		         "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: %zu\r\n"
		         "Connection: close\r\n\r\n",
		         s->len);
		(void)!write_all(c, head, strlen(head));
		(void)!write_all(c, s->body, s->len);
		close(c);
	}
	return NULL;
}

static void server_start(struct png_server *s, int requests)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t alen = sizeof(a);

	s->requests = requests;
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s->fd, 8), 0);
	getsockname(s->fd, (struct sockaddr *)&a, &alen);
	s->port = ntohs(a.sin_port);
	pthread_create(&s->thread, NULL, serve, s);
}

static void server_stop(struct png_server *s)
{
	shutdown(s->fd, SHUT_RDWR);
	close(s->fd);
	pthread_join(s->thread, NULL);
}

/* Bytes of the .img files in dir. */
static long dir_bytes(const char *dir, int *files)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long total = 0;

	*files = 0;
	while (d && (e = readdir(d))) {
		struct stat st;
		char *path = path_join(dir, e->d_name);
		if (str_ends_with(e->d_name, ".img") && stat(path, &st) == 0) {
			total += st.st_size;
			(*files)++;
		}
		free(path);
	}
	if (d)
		closedir(d);
	return total;
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

static void test_fetched_pictures_stay_within_the_cache_limit(void **state)
{
	char *dir = make_dir();
	struct told t = {0};
	struct image_limits lim;
	struct png_server srv = {0};
	struct picture_loader *l;
	long limit;
	int files = 0;

	srv.body = png_bytes(24, 24, &srv.len);
	limit = (long)srv.len * 3; /* room for three */
	server_start(&srv, 6);
	l = picture_loader_open(dir, (size_t)limit, on_done, &t);
	image_limits_from_settings(&lim, 100, 100);
	for (int i = 0; i < 6; i++) {
		char *url = xasprintf("http://127.0.0.1:%d/p%d.png", srv.port, i);
		assert_int_equal(picture_loader_want(l, url, &lim), 0);
		run_until(l, &t, i + 1);
		assert_string_equal(t.err, "");
		assert_int_equal(t.width, 24);
		free(url);
	}
	picture_loader_free(l);
	server_stop(&srv);
	assert_true(dir_bytes(dir, &files) <= limit);
	assert_true(files >= 1 && files <= 3);
	free(srv.body);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_cached_picture_comes_from_disk),
	    cmocka_unit_test(test_refusals_and_failures),
	    cmocka_unit_test(test_forget_drops_what_was_asked),
	    cmocka_unit_test(test_fetched_pictures_stay_within_the_cache_limit),
	};
	settings_reset();
	setenv("no_proxy", "*", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
