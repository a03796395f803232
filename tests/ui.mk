## tests of the ui stage

TESTS += tests/ui/reader.sh tests/ui/refresh.sh tests/ui/docs.sh
EXTRA_DIST += tests/ui/tmux.sh tests/ui/cache.sh tests/ui/reader.sh tests/ui/refresh.sh tests/ui/docs.sh \
	tests/ui/feedserver.py
