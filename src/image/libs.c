/* Opening the picture libraries at their first use (libs.h says why). The same pattern as
 * src/fetch/curl_load.c, with each library's functions kept in a struct instead of defined
 * under their own names: the tests link libpng and libwebp to make pictures, and a function
 * of ours under libpng's name would stand in for libpng's own inside libpng. The sonames are
 * those configure found the libraries under. */
#include "image/libs.h"

#include "core/util.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>

struct library {
	const char *soname;
	const char *const *names; /* the functions, in the order of offsets */
	const size_t *offsets;    /* where each goes in the api struct */
	size_t count;
	void *api;
	int tried, ok;
	char error[256];
};

static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

static void resolve(struct library *lib)
{
	void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);

	if (!handle) {
		snprintf(lib->error, sizeof(lib->error), "%s could not be loaded: %s", lib->soname,
		         dlerror());
		return;
	}
	for (size_t i = 0; i < lib->count; i++) {
		/* dlsym with a handle also searches the library's dependencies (GLib for
		 * libchafa). Object to function pointer through memcpy: ISO C has no cast. */
		void *p = dlsym(handle, lib->names[i]);
		if (!p) {
			snprintf(lib->error, sizeof(lib->error), "%s lacks %s", lib->soname,
			         lib->names[i]);
			dlclose(handle);
			return;
		}
		memcpy((char *)lib->api + lib->offsets[i], &p, sizeof(p));
	}
	lib->ok = 1;
}

static const void *library_api(struct library *lib, char **err)
{
	int ok;

	pthread_mutex_lock(&open_lock);
	if (!lib->tried) {
		lib->tried = 1;
		resolve(lib);
	}
	ok = lib->ok;
	pthread_mutex_unlock(&open_lock);
	if (!ok && err)
		*err = xstrdup(lib->error);
	return ok ? lib->api : NULL;
}

#define NAME(ret, name, params) #name,
#define LIBRARY(kind, KIND, soname)                                                                \
	static struct kind##_api kind##_functions;                                                 \
	static const char *const kind##_names[] = {KIND##_FUNCTIONS(NAME)};                        \
	static const size_t kind##_offsets[] = {KIND##_FUNCTIONS(OFFSET_##kind)};                  \
	static struct library kind##_library = {soname,                                            \
	                                        kind##_names,                                      \
	                                        kind##_offsets,                                    \
	                                        sizeof(kind##_offsets) / sizeof(size_t),           \
	                                        &kind##_functions,                                 \
	                                        0,                                                 \
	                                        0,                                                 \
	                                        ""};                                               \
	const struct kind##_api *kind##_api(char **err)                                            \
	{                                                                                          \
		return library_api(&kind##_library, err);                                          \
	}

#define OFFSET_png(ret, name, params) offsetof(struct png_api, name),
#define OFFSET_jpeg(ret, name, params) offsetof(struct jpeg_api, name),
#define OFFSET_webp(ret, name, params) offsetof(struct webp_api, name),
#define OFFSET_chafa(ret, name, params) offsetof(struct chafa_api, name),

LIBRARY(png, PNG, PNG_SONAME)
LIBRARY(jpeg, JPEG, JPEG_SONAME)
LIBRARY(webp, WEBP, WEBP_SONAME)
LIBRARY(chafa, CHAFA, CHAFA_SONAME)
