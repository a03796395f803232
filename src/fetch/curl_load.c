/* libcurl, loaded when first used. The program is not linked with libcurl: this file defines
 * the libcurl functions tidings calls, and the first call opens libcurl.so.4 with dlopen()
 * and forwards to it. Most commands and the reader's start never touch the network, and
 * libcurl brings some forty libraries (TLS, Kerberos, LDAP, SSH, IDN, ...): loading and
 * relocating them was most of the start-up cost of every command (about 10 ms of CPU) and
 * 7 MB of the reader's memory. Should libcurl be missing, every call fails the way libcurl
 * itself fails (a NULL handle, CURLE_FAILED_INIT), and curl_easy_strerror() says why. */
#define CURL_DISABLE_TYPECHECK 1 /* plain prototypes: this file defines the functions */
#include <curl/curl.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define LIBCURL_SONAME "libcurl.so.4"

/* Every function forwarded: return type, name, parameters. curl_easy_header is optional
 * (libcurl 7.83 and later). */
#define CURL_FUNCTIONS(X)                                                                          \
	X(CURLcode, curl_global_init, (long flags))                                                \
	X(CURL *, curl_easy_init, (void))                                                          \
	X(CURLcode, curl_easy_setopt, (CURL * h, CURLoption opt, ...))                             \
	X(CURLcode, curl_easy_getinfo, (CURL * h, CURLINFO info, ...))                             \
	X(CURLcode, curl_easy_perform, (CURL * h))                                                 \
	X(void, curl_easy_cleanup, (CURL * h))                                                     \
	X(void, curl_easy_reset, (CURL * h))                                                       \
	X(const char *, curl_easy_strerror, (CURLcode code))                                       \
	X(char *, curl_easy_escape, (CURL * h, const char *s, int len))                            \
	X(void, curl_free, (void *p))                                                              \
	X(struct curl_slist *, curl_slist_append, (struct curl_slist * l, const char *s))          \
	X(void, curl_slist_free_all, (struct curl_slist * l))                                      \
	X(CURLM *, curl_multi_init, (void))                                                        \
	X(CURLMcode, curl_multi_setopt, (CURLM * m, CURLMoption opt, ...))                         \
	X(CURLMcode, curl_multi_add_handle, (CURLM * m, CURL * h))                                 \
	X(CURLMcode, curl_multi_remove_handle, (CURLM * m, CURL * h))                              \
	X(CURLMcode, curl_multi_perform, (CURLM * m, int *running))                                \
	X(CURLMcode, curl_multi_poll,                                                              \
	  (CURLM * m, struct curl_waitfd * fds, unsigned int n, int timeout_ms, int *numfds))      \
	X(CURLMsg *, curl_multi_info_read, (CURLM * m, int *left))                                 \
	X(CURLMcode, curl_multi_fdset, (CURLM * m, fd_set * r, fd_set * w, fd_set * e, int *max))  \
	X(CURLMcode, curl_multi_timeout, (CURLM * m, long *ms))                                    \
	X(CURLMcode, curl_multi_cleanup, (CURLM * m))                                              \
	X(CURLU *, curl_url, (void))                                                               \
	X(void, curl_url_cleanup, (CURLU * u))                                                     \
	X(CURLUcode, curl_url_get, (CURLU * u, CURLUPart what, char **part, unsigned int flags))   \
	X(CURLUcode, curl_url_set,                                                                 \
	  (CURLU * u, CURLUPart what, const char *part, unsigned int flags))                       \
	X(CURLHcode, curl_easy_header,                                                             \
	  (CURL * h, const char *name, size_t index, unsigned int origin, int request,             \
	   struct curl_header **hout))

#define POINTER(ret, name, params) ret(*name) params;
static struct {
	CURL_FUNCTIONS(POINTER)
} real;
#undef POINTER

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[256];

static void *symbol(void *lib, const char *name, int *missing)
{
	void *p = dlsym(lib, name);

	if (!p && strcmp(name, "curl_easy_header") != 0)
		*missing = 1;
	return p;
}

static void load(void)
{
	void *lib = dlopen(LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	int missing = 0;

	if (!lib) {
		snprintf(load_error, sizeof(load_error), "libcurl could not be loaded: %s",
		         dlerror());
		return;
	}
	/* Object to function pointer through memcpy: ISO C has no cast between them. */
#define RESOLVE(ret, name, params)                                                                 \
	{                                                                                          \
		void *p = symbol(lib, #name, &missing);                                            \
		memcpy(&real.name, &p, sizeof(p));                                                 \
	}
	CURL_FUNCTIONS(RESOLVE)
#undef RESOLVE
	if (missing) {
		snprintf(load_error, sizeof(load_error), "%s lacks functions tidings needs",
		         LIBCURL_SONAME);
		memset(&real, 0, sizeof(real));
		dlclose(lib);
		return;
	}
	loaded = 1;
}

static int ready(void)
{
	pthread_once(&load_once, load);
	return loaded;
}

CURLcode curl_global_init(long flags)
{
	return ready() ? real.curl_global_init(flags) : CURLE_FAILED_INIT;
}

CURL *curl_easy_init(void)
{
	return ready() ? real.curl_easy_init() : NULL;
}

/* The third argument's type follows from the option's number (curl.h, CURLOPTTYPE_*): long,
 * object pointer, function pointer, curl_off_t or blob pointer. The same ranges number the
 * multi options. */
CURLcode curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
	va_list ap;
	CURLcode rc;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = real.curl_easy_setopt(h, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		rc = real.curl_easy_setopt(h, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = real.curl_easy_setopt(h, opt, va_arg(ap, void (*)(void)));
	else if (opt < CURLOPTTYPE_BLOB)
		rc = real.curl_easy_setopt(h, opt, va_arg(ap, curl_off_t));
	else
		rc = real.curl_easy_setopt(h, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLMcode curl_multi_setopt(CURLM *m, CURLMoption opt, ...)
{
	va_list ap;
	CURLMcode rc;

	if (!ready())
		return CURLM_INTERNAL_ERROR;
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = real.curl_multi_setopt(m, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		rc = real.curl_multi_setopt(m, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = real.curl_multi_setopt(m, opt, va_arg(ap, void (*)(void)));
	else
		rc = real.curl_multi_setopt(m, opt, va_arg(ap, curl_off_t));
	va_end(ap);
	return rc;
}

/* Every CURLINFO takes a pointer to where the answer goes. */
CURLcode curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
	va_list ap;
	CURLcode rc;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	rc = real.curl_easy_getinfo(h, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode curl_easy_perform(CURL *h)
{
	return ready() ? real.curl_easy_perform(h) : CURLE_FAILED_INIT;
}

void curl_easy_cleanup(CURL *h)
{
	if (ready())
		real.curl_easy_cleanup(h);
}

void curl_easy_reset(CURL *h)
{
	if (ready())
		real.curl_easy_reset(h);
}

const char *curl_easy_strerror(CURLcode code)
{
	return ready() ? real.curl_easy_strerror(code) : load_error;
}

char *curl_easy_escape(CURL *h, const char *s, int len)
{
	return ready() ? real.curl_easy_escape(h, s, len) : NULL;
}

void curl_free(void *p)
{
	if (ready())
		real.curl_free(p);
}

struct curl_slist *curl_slist_append(struct curl_slist *l, const char *s)
{
	return ready() ? real.curl_slist_append(l, s) : NULL;
}

void curl_slist_free_all(struct curl_slist *l)
{
	if (l && ready())
		real.curl_slist_free_all(l);
}

CURLM *curl_multi_init(void)
{
	return ready() ? real.curl_multi_init() : NULL;
}

CURLMcode curl_multi_add_handle(CURLM *m, CURL *h)
{
	return ready() ? real.curl_multi_add_handle(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_remove_handle(CURLM *m, CURL *h)
{
	return ready() ? real.curl_multi_remove_handle(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_perform(CURLM *m, int *running)
{
	return ready() ? real.curl_multi_perform(m, running) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_poll(CURLM *m, struct curl_waitfd *fds, unsigned int n, int timeout_ms,
                          int *numfds)
{
	return ready() ? real.curl_multi_poll(m, fds, n, timeout_ms, numfds) : CURLM_INTERNAL_ERROR;
}

CURLMsg *curl_multi_info_read(CURLM *m, int *left)
{
	return ready() ? real.curl_multi_info_read(m, left) : NULL;
}

CURLMcode curl_multi_fdset(CURLM *m, fd_set *r, fd_set *w, fd_set *e, int *max)
{
	return ready() ? real.curl_multi_fdset(m, r, w, e, max) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_timeout(CURLM *m, long *ms)
{
	return ready() ? real.curl_multi_timeout(m, ms) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_cleanup(CURLM *m)
{
	return ready() ? real.curl_multi_cleanup(m) : CURLM_INTERNAL_ERROR;
}

CURLU *curl_url(void)
{
	return ready() ? real.curl_url() : NULL;
}

void curl_url_cleanup(CURLU *u)
{
	if (ready())
		real.curl_url_cleanup(u);
}

CURLUcode curl_url_get(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
	return ready() ? real.curl_url_get(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
	return ready() ? real.curl_url_set(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLHcode curl_easy_header(CURL *h, const char *name, size_t index, unsigned int origin,
                           int request, struct curl_header **hout)
{
	if (!ready() || !real.curl_easy_header)
		return CURLHE_NOT_BUILT_IN;
	return real.curl_easy_header(h, name, index, origin, request, hout);
}
