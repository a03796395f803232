libtidings_a_SOURCES += \
	src/render/doc.c src/render/doc.h \
	src/render/html.c \
	src/render/markdown.c \
	src/render/render.h \
	src/render/term.c \
	src/render/text.c
tidings_SOURCES += src/cli/cmd_show.c
