#!/bin/sh
# Generates configure and the Makefile templates from a git checkout.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf -fi
# automake only copies the TAP driver into projects that ask for it by name.
[ -f build-aux/tap-driver.sh ] || cp "$(automake --print-libdir)/tap-driver.sh" build-aux/
