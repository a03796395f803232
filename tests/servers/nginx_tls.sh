# nginx serving TLS on 127.0.0.1 with a certificate of the test's own, for a shell test:
# sourced after lib.sh. Skips the test when nginx or openssl is missing. Sets W (the served
# directory, which also holds cert.pem, the certificate to give ca-file), TLS_PORT and TLS
# (the https base); nginx_tls_start starts the server.
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ] || ! command -v openssl >/dev/null; then
	echo "1..0 # SKIP needs nginx and openssl (apt-get install nginx openssl)"
	exit 0
fi
W="$T_DIR/www"
mkdir -p "$W/tmp"
chmod 755 "$T_DIR" "$W" # nginx's workers run as another user when started by root
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$W/key.pem" -out "$W/cert.pem" 2>/dev/null
TLS_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TLS="https://127.0.0.1:$TLS_PORT"

# nginx_tls_start LISTEN_OPTIONS HTTP_LINES SERVER_LINES: starts nginx serving $W over TLS
# ("listen 127.0.0.1:PORT ssl LISTEN_OPTIONS", e.g. http2), with HTTP_LINES in its http
# block (logging) and SERVER_LINES in its server block; returns when it accepts
# connections, and stops it when the test ends.
nginx_tls_start() {
	cat >"$W/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $W/nginx.pid;
error_log $W/error.log warn;
events { worker_connections 64; }
http {
	$2
	types { application/rss+xml xml; }
	client_body_temp_path $W/tmp;
	proxy_temp_path $W/tmp;
	fastcgi_temp_path $W/tmp;
	uwsgi_temp_path $W/tmp;
	scgi_temp_path $W/tmp;
	server {
		listen 127.0.0.1:$TLS_PORT ssl $1;
		ssl_certificate $W/cert.pem;
		ssl_certificate_key $W/key.pem;
		root $W;
		$3
	}
}
CONF
	"$NGINX" -c "$W/nginx.conf" -p "$W" -e "$W/error.log" 2>/dev/null &
	NGINX_PID=$!
	at_exit "kill $NGINX_PID 2>/dev/null"
	no_proxy='*'
	export no_proxy
	for _ in $(seq 300); do
		python3 -c "import socket; socket.create_connection(('127.0.0.1', $TLS_PORT), 1)" \
			2>/dev/null && return
		sleep 0.1
	done
	echo "Bail out! nginx did not start"
	exit 1
}
