## tests of the architecture: the layer table, SQL only in the store, the build
TESTS += tests/arch/layers.sh tests/arch/build.sh tests/arch/feed_name.sh tests/arch/header.sh
EXTRA_DIST += tests/arch/layers.sh tests/arch/build.sh tests/arch/feed_name.sh tests/arch/header.sh
