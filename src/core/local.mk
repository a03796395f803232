## core: helpers every layer may use (buffers, text, paths, time, logging, URLs)
libtidings_a_SOURCES += \
	src/core/library.c src/core/library.h \
	src/core/log.c src/core/log.h \
	src/core/media.c src/core/media.h \
	src/core/paths.c src/core/paths.h \
	src/core/text.c src/core/text.h \
	src/core/timefmt.c src/core/timefmt.h \
	src/core/url.c src/core/url.h \
	src/core/util.c src/core/util.h \
	src/core/xmlent.c src/core/xmlent.h
if STATIC_LIBXML2
# ICU's converters and liblzma for a static libxml2, opened when first asked for
# (configure.ac says when)
libtidings_a_SOURCES += src/core/icu_load.c src/core/lzma_load.c
endif
