## the image stage: picture bytes in, pixels out (libpng, libjpeg-turbo, libwebp), and pixels
## in, terminal output out (libchafa: symbol cells, kitty graphics, sixels); libs.c opens the
## libraries at the first picture
libtidings_a_SOURCES += \
	src/image/image.h \
	src/image/libs.c src/image/libs.h \
	src/image/decode.c \
	src/image/draw.c
