# Starts tests/extract/pageserver.py for a shell test: sets PORT, BASE and SERVER_PID, and
# stops the server when the test ends. Sourced after lib.sh.
start_server python3 "$TESTS_SRCDIR/extract/pageserver.py" "$TESTS_SRCDIR/data/extract"
