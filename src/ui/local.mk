## the reader: the ncurses interface
libtidings_a_SOURCES += \
	src/ui/ui.h src/ui/internal.h src/ui/actions.def src/ui/colors.def \
	src/ui/ui.c src/ui/keys.c src/ui/colors.c src/ui/draw.c src/ui/listview.c \
	src/ui/layout.c src/ui/feeds_pane.c src/ui/items_pane.c src/ui/reader_pane.c \
	src/ui/prompt.c src/ui/help.c src/ui/modes.c src/ui/browser.c src/ui/background.c src/ui/jobs.c \
	src/ui/pictures.c src/ui/downloads.c
