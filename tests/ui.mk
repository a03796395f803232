## tests of the ui stage

TESTS += tests/ui/reader.sh
EXTRA_DIST += tests/ui/tmux.sh tests/ui/cache.sh tests/ui/reader.sh
