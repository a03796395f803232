/* Where tidings keeps its files: XDG directories, or the --config/--data overrides. */
#ifndef TIDINGS_CORE_PATHS_H
#define TIDINGS_CORE_PATHS_H

struct paths {
	char *config_dir; /* $XDG_CONFIG_HOME/tidings */
	char *data_dir;   /* $XDG_DATA_HOME/tidings */
	char *config_file;
	char *feeds_file;
	char *rules_file; /* ignore-article, highlight-article, define-filter (filter/rules.h) */
	char *cache_file;
	char *saved_dir;
	char *lock_file; /* held by the one refresh running against this cache */
	/* Fetched pictures: $XDG_CACHE_HOME/tidings/images, or image-cache/ in the data
	 * directory when that was given (--data keeps everything of a profile together). */
	char *image_cache_dir;
};

/* Either override may be NULL. Returns 0, or -1 when no directory can be derived
 * (no XDG variable and no HOME). */
int paths_resolve(struct paths *p, const char *config_override, const char *data_override);
void paths_free(struct paths *p);
/* mkdir -p with mode for each created component. Returns 0 or -errno. */
int mkdir_p(const char *path, unsigned mode);
char *path_join(const char *dir, const char *name);

#endif
