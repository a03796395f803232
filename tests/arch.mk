## tests of the architecture: the layer table, SQL only in the store, the build
TESTS += tests/arch/layers.sh
EXTRA_DIST += tests/arch/layers.sh
