/* ICU's converters, loaded when libxml2 first asks for one. When configure links libxml2's
 * static library (it does when Debian's libxml2.a is there: --disable-static-libxml2 says
 * not to), the program does not link ICU: libxml2 uses ICU only to convert a document in an
 * encoding it has no converter for and iconv does not know either (it asks its own
 * converters first, then iconv, then ICU), and linking libicuuc brings libstdc++ and ICU's
 * 30 MB data library into every start: their loading, relocation and constructors were
 * about 3 ms of CPU at each start and 1.4 MB of the reader's memory with libxml2's shared
 * library. This file defines the ICU functions libxml2.a calls, under ICU's versioned names
 * (unicode/urename.h gives them), and the first one opens libicuuc with dlopen() and forwards
 * to it; should it be missing, a converter cannot be opened, which libxml2 reports as an
 * unsupported encoding. Nothing else in tidings calls ICU. */
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/uvernum.h>

#include "core/library.h"

#include <pthread.h>

#define LIBICUUC_SONAME "libicuuc.so." U_ICU_VERSION_SHORT

/* The functions libxml2's encoding.c calls (2.9 to 2.12): return type, name, parameters. The
 * names are macros of ICU's headers that add its version ("ucnv_open_72"). */
#define ICU_FUNCTIONS(X)                                                                           \
	X(UConverter *, ucnv_open, (const char *name, UErrorCode *err))                            \
	X(void, ucnv_close, (UConverter * converter))                                              \
	X(void, ucnv_convertEx,                                                                    \
	  (UConverter * target_cnv, UConverter * source_cnv, char **target,                        \
	   const char *target_limit, const char **source, const char *source_limit,                \
	   UChar *pivot_start, UChar **pivot_source, UChar **pivot_target,                         \
	   const UChar *pivot_limit, UBool reset, UBool flush, UErrorCode *err))                   \
	X(void, ucnv_setFromUCallBack,                                                             \
	  (UConverter * converter, UConverterFromUCallback action, const void *context,            \
	   UConverterFromUCallback *old_action, const void **old_context, UErrorCode *err))        \
	X(void, ucnv_setToUCallBack,                                                               \
	  (UConverter * converter, UConverterToUCallback action, const void *context,              \
	   UConverterToUCallback *old_action, const void **old_context, UErrorCode *err))          \
	X(void, UCNV_FROM_U_CALLBACK_STOP,                                                         \
	  (const void *context, UConverterFromUnicodeArgs *args, const UChar *units,               \
	   int32_t length, UChar32 code_point, UConverterCallbackReason reason, UErrorCode *err))  \
	X(void, UCNV_TO_U_CALLBACK_STOP,                                                           \
	  (const void *context, UConverterToUnicodeArgs *args, const char *units, int32_t length,  \
	   UConverterCallbackReason reason, UErrorCode *err))

#define POINTER(ret, name, params) ret(*name) params;
static struct {
	ICU_FUNCTIONS(POINTER)
} real;
#undef POINTER

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;

/* The versioned name as a string: the macro expanded first. */
#define NAME_OF_(name) #name
#define NAME_OF(name) NAME_OF_(name)

/* The struct holds function pointers only, one per name, in order. */
static const char *const names[] = {
#define NAME(ret, name, params) NAME_OF(name),
    ICU_FUNCTIONS(NAME)
#undef NAME
};

static void load(void)
{
	loaded = library_open(LIBICUUC_SONAME, names, sizeof(names) / sizeof(names[0]), &real);
}

static int ready(void)
{
	pthread_once(&load_once, load);
	return loaded;
}

UConverter *ucnv_open(const char *name, UErrorCode *err)
{
	if (ready())
		return real.ucnv_open(name, err);
	*err = U_FILE_ACCESS_ERROR;
	return NULL;
}

/* Only a converter ucnv_open gave can reach these, so ICU is loaded. */
void ucnv_close(UConverter *converter)
{
	if (ready())
		real.ucnv_close(converter);
}

void ucnv_convertEx(UConverter *target_cnv, UConverter *source_cnv, char **target,
                    const char *target_limit, const char **source, const char *source_limit,
                    UChar *pivot_start, UChar **pivot_source, UChar **pivot_target,
                    const UChar *pivot_limit, UBool reset, UBool flush, UErrorCode *err)
{
	if (!ready()) {
		*err = U_INVALID_STATE_ERROR;
		return;
	}
	real.ucnv_convertEx(target_cnv, source_cnv, target, target_limit, source, source_limit,
	                    pivot_start, pivot_source, pivot_target, pivot_limit, reset, flush,
	                    err);
}

/* libxml2 passes the STOP callbacks by address: ICU is given its own. */
void ucnv_setFromUCallBack(UConverter *converter, UConverterFromUCallback action,
                           const void *context, UConverterFromUCallback *old_action,
                           const void **old_context, UErrorCode *err)
{
	if (!ready()) {
		*err = U_INVALID_STATE_ERROR;
		return;
	}
	if (action == UCNV_FROM_U_CALLBACK_STOP)
		action = real.UCNV_FROM_U_CALLBACK_STOP;
	real.ucnv_setFromUCallBack(converter, action, context, old_action, old_context, err);
}

void ucnv_setToUCallBack(UConverter *converter, UConverterToUCallback action, const void *context,
                         UConverterToUCallback *old_action, const void **old_context,
                         UErrorCode *err)
{
	if (!ready()) {
		*err = U_INVALID_STATE_ERROR;
		return;
	}
	if (action == UCNV_TO_U_CALLBACK_STOP)
		action = real.UCNV_TO_U_CALLBACK_STOP;
	real.ucnv_setToUCallBack(converter, action, context, old_action, old_context, err);
}

void UCNV_FROM_U_CALLBACK_STOP(const void *context, UConverterFromUnicodeArgs *args,
                               const UChar *units, int32_t length, UChar32 code_point,
                               UConverterCallbackReason reason, UErrorCode *err)
{
	if (ready())
		real.UCNV_FROM_U_CALLBACK_STOP(context, args, units, length, code_point, reason,
		                               err);
}

void UCNV_TO_U_CALLBACK_STOP(const void *context, UConverterToUnicodeArgs *args, const char *units,
                             int32_t length, UConverterCallbackReason reason, UErrorCode *err)
{
	if (ready())
		real.UCNV_TO_U_CALLBACK_STOP(context, args, units, length, reason, err);
}
