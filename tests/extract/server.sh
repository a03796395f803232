# Starts tests/extract/pageserver.py for a shell test: sets PORT, BASE and SERVER_PID, and
# stops the server when the test ends. Sourced after lib.sh.
python3 "$TESTS_SRCDIR/extract/pageserver.py" "$TESTS_SRCDIR/data/extract" >"$T_DIR/server.out" &
SERVER_PID=$!
at_exit "kill $SERVER_PID 2>/dev/null"
for _ in $(seq 50); do
	[ -s "$T_DIR/server.out" ] && break
	sleep 0.1
done
read -r PORT _ <"$T_DIR/server.out"
BASE="http://127.0.0.1:$PORT"
# Whatever proxy the environment names, the test server is local.
no_proxy='*'
export no_proxy
