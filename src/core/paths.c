#include "core/paths.h"
#include "core/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* An empty dir is the current directory ("c", not "/c", which would be the root's). */
char *path_join(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	return xasprintf("%s%s%s", dir, len == 0 || dir[len - 1] == '/' ? "" : "/", name);
}

/* $VAR/tidings when VAR is an absolute path (the XDG spec says to ignore relative ones),
 * else $HOME/fallback/tidings. */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home;

	if (v && v[0] == '/')
		return path_join(v, "tidings");
	home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	return xasprintf("%s/%s/tidings", home, fallback);
}

int paths_resolve(struct paths *p, const char *config_override, const char *data_override)
{
	memset(p, 0, sizeof(*p));
	p->config_dir =
	    config_override ? xstrdup(config_override) : xdg_dir("XDG_CONFIG_HOME", ".config");
	p->data_dir =
	    data_override ? xstrdup(data_override) : xdg_dir("XDG_DATA_HOME", ".local/share");
	if (!p->config_dir || !p->data_dir) {
		paths_free(p);
		return -1;
	}
	p->config_file = path_join(p->config_dir, "config");
	p->feeds_file = path_join(p->config_dir, "feeds");
	p->rules_file = path_join(p->config_dir, "rules");
	p->cache_file = path_join(p->data_dir, "cache.db");
	p->saved_dir = path_join(p->data_dir, "saved");
	p->lock_file = path_join(p->data_dir, "refresh.lock");
	if (!data_override) {
		char *cache = xdg_dir("XDG_CACHE_HOME", ".cache");
		if (cache)
			p->image_cache_dir = path_join(cache, "images");
		free(cache);
	}
	if (!p->image_cache_dir)
		p->image_cache_dir = path_join(p->data_dir, "image-cache");
	return 0;
}

void paths_free(struct paths *p)
{
	free(p->config_dir);
	free(p->data_dir);
	free(p->config_file);
	free(p->feeds_file);
	free(p->rules_file);
	free(p->cache_file);
	free(p->saved_dir);
	free(p->lock_file);
	free(p->image_cache_dir);
	memset(p, 0, sizeof(*p));
}

int mkdir_p(const char *path, unsigned mode)
{
	char *copy = xstrdup(path);
	int rc = 0;

	for (char *p = copy + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, mode) != 0 && errno != EEXIST) {
			rc = -errno;
			break;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	if (rc == 0) {
		struct stat st;
		if (stat(path, &st) != 0)
			rc = -errno;
		else if (!S_ISDIR(st.st_mode))
			rc = -ENOTDIR;
	}
	free(copy);
	return rc;
}
