#include "core/library.h"

#include <dlfcn.h>
#include <string.h>

int library_open(const char *soname, const char *const *names, size_t count, void *api)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!lib)
		return 0;
	for (size_t i = 0; i < count; i++) {
		/* Object to function pointer through memcpy: ISO C has no cast between them. */
		void *p = dlsym(lib, names[i]);
		if (!p) {
			memset(api, 0, count * sizeof(p));
			dlclose(lib);
			return 0;
		}
		memcpy((char *)api + i * sizeof(p), &p, sizeof(p));
	}
	return 1;
}
