#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of knits-proxy on the host, with no gateway and no root: the
# proxy on 127.0.0.1 in front of nginx, with no content map (every
# request is the node's own, so nothing is handed off; the hand-off is
# test/vm/cases/proxy.sh). Each limit at the limit and one beyond:
#  a. bodies relayed byte for byte over one keep-alive connection, HEAD;
#  b. max_head: a head of exactly max_head bytes is served, one byte more
#     gets 431;
#  c. max_connections: that many connections are served, one more gets
#     503 and the others go on; once one leaves, a new one is served;
#  d. idle_timeout_ms: a silent connection is closed after it;
#  e. the web server down: 502;
#  f. the counters on SIGUSR1 say all of it; --check names file:line:column
#     of a mistake; --route names the node of a path.
#
# Usage: test/host/knits-proxy-selftest.sh
# env:   KNITS_BUILD (default build/), KNITS_PROXY (the binary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../vm/lib/check.sh
. "$here/../vm/lib/check.sh"
KNITS_PROXY=${KNITS_PROXY:-$KNITS_BUILD/daemon/knits-proxy}
[ -x "$KNITS_PROXY" ] || fail "$KNITS_PROXY missing: build the knits-proxy target"
for tool in nginx curl python3; do
	command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || fail "$tool missing: run scripts/deps"
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
# nginx started by root reads the files as its worker user
chmod 755 "$work"
pids=()
cleanup() {
	local rc=$? pid
	if [ "$rc" != 0 ]; then
		for log in "$work"/*.log "$work"/*.out; do
			[ -e "$log" ] && echo "--- $log" >&2 && cat "$log" >&2
		done
	fi
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
sha() { sha256sum <"$1" | cut -d' ' -f1; }

docroot=$work/www
mkdir -p "$docroot" "$work/tmp"
: >"$docroot/empty"
head -c 300000 /dev/urandom >"$docroot/k300"
web=$(free_port)
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
	access_log $work/access.log;
	client_body_temp_path $work/tmp/body;
	proxy_temp_path $work/tmp/proxy;
	fastcgi_temp_path $work/tmp/fastcgi;
	uwsgi_temp_path $work/tmp/uwsgi;
	scgi_temp_path $work/tmp/scgi;
	# shorter than the proxy's idle timeout: kept-alive upstream
	# connections are closed under the proxy (e.)
	keepalive_timeout 1s;
	server { listen 127.0.0.1:$web; root $docroot; }
}
EOF
"$NGINX" -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf"

# config NAME UPSTREAM_PORT [IDLE_MS]: a configuration of node 1 of 1 on a
# free port ($port), with the limits this test tries
config() {
	port=$(free_port)
	local idle=${3:-500}
	cat >"$work/$1.toml" <<TOML
[proxy]
listen = "127.0.0.1:$port"
self = 1
upstream = "127.0.0.1:$2"
max_head = 256
max_connections = 3
idle_timeout_ms = $idle

[gateway]
knitsd = "127.0.0.1:7413"
key = "$(printf '%064d' 7)"

[[node]]
id = 1
address = "127.0.0.1:$port"
TOML
}
# start NAME: knits-proxy with $work/NAME.toml; sets $pid
start() {
	"$KNITS_PROXY" --config "$work/$1.toml" >"$work/$1.out" 2>"$work/$1.log" &
	pid=$!
	pids+=("$pid")
	for _ in $(seq 100); do
		grep -q "listening on" "$work/$1.log" && return 0
		sleep 0.05
	done
	fail "knits-proxy $1 did not start"
}
counters() {
	local before
	before=$(grep -c counters "$work/$1.out" || true)
	kill -USR1 "$2"
	for _ in $(seq 100); do
		[ "$(grep -c counters "$work/$1.out" || true)" -gt "$before" ] && break
		sleep 0.05
	done
	grep counters "$work/$1.out" | tail -n 1 | sed 's/^knits-proxy: counters //'
}

config main "$web"
start main
main_pid=$pid
main_port=$port
url=http://127.0.0.1:$main_port

# a. bodies over one keep-alive connection, and a HEAD
connects=$(curl -sS --fail -o "$work/got1" "$url/k300" -o "$work/got2" "$url/empty" \
	-o "$work/got3" "$url/k300" -w '%{num_connects}\n' | paste -sd+ | bc)
expect_eq "connections for 3 objects" 1 "$connects"
expect_eq "k300 relayed" "$(sha "$docroot/k300")" "$(sha "$work/got1")"
expect_eq "empty relayed" 0 "$(stat -c %s "$work/got2")"
expect_eq "k300 again" "$(sha "$docroot/k300")" "$(sha "$work/got3")"
expect_eq "HEAD's length" "Content-Length: 300000" \
	"$(curl -sS --fail -I "$url/k300" | tr -d '\r' | grep -i '^content-length')"

# b. max_head = 256, counted from the request line's first byte to the
# blank line's end
status_of_head() {
	python3 - "$main_port" "$1" <<'PY'
import socket, sys
port, size = int(sys.argv[1]), int(sys.argv[2])
start, end = b"GET /empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX: ", b"\r\n\r\n"
head = start + b"a" * (size - len(start) - len(end)) + end
assert len(head) == size
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(head)
print(s.recv(4096).split(b"\r\n", 1)[0].decode())
PY
}
expect_eq "a head of max_head bytes" "HTTP/1.1 200 OK" "$(status_of_head 256)"
expect_eq "a head of max_head + 1 bytes" "HTTP/1.1 431 Request Header Fields Too Large" \
	"$(status_of_head 257)"

# c. max_connections = 3: three held open and served, the fourth gets 503
# at once, the three go on, and once one leaves a new one is served.
python3 - "$main_port" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
def get(s):
    s.sendall(b"GET /empty HTTP/1.1\r\nHost: x\r\n\r\n")
    return s.recv(4096).split(b"\r\n", 1)[0]
held = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(3)]
for s in held:
    assert get(s) == b"HTTP/1.1 200 OK", "one of max_connections not served"
extra = socket.create_connection(("127.0.0.1", port), timeout=10)
first = extra.recv(4096).split(b"\r\n", 1)[0]
assert first == b"HTTP/1.1 503 Service Unavailable", first
assert extra.recv(4096) == b"", "the refused connection stays open"
for s in held:
    assert get(s) == b"HTTP/1.1 200 OK", "a held connection was not served after the refusal"
held.pop().close()
time.sleep(0.2)
again = socket.create_connection(("127.0.0.1", port), timeout=10)
assert get(again) == b"HTTP/1.1 200 OK", "no room after a connection left"
PY
echo "ok: max_connections: 3 served, the 4th got 503, a new one served after one left" >&2

# d. idle_timeout_ms = 500: a silent connection is closed after it
closed_after=$(python3 - "$main_port" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
start = time.monotonic()
assert s.recv(4096) == b""
print(int((time.monotonic() - start) * 1000))
PY
)
if [ "$closed_after" -lt 450 ] || [ "$closed_after" -gt 3000 ]; then
	fail "a silent connection was closed after $closed_after ms, not about 500"
fi
echo "ok: a silent connection was closed after $closed_after ms (idle_timeout_ms = 500)" >&2

# e. the web server down: 502
config down "$(free_port)"
start down
down_pid=$pid
expect_eq "the web server down" 502 \
	"$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/empty")"

# e2. nginx closes a kept-alive upstream connection after 1 s: the next
# GET on the client's connection goes once more on a new one
config keep "$web" 5000
start keep
keep_pid=$pid
python3 - "$port" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
for _ in range(2):
    s.sendall(b"GET /empty HTTP/1.1\r\nHost: x\r\n\r\n")
    status = s.recv(4096).split(b"\r\n", 1)[0]
    assert status == b"HTTP/1.1 200 OK", status
    time.sleep(1.5)
PY
echo "ok: a GET after nginx closed the kept-alive upstream connection is served" >&2
expect_eq "upstream errors when nginx closed a kept-alive connection" 0 \
	"$(counters keep "$keep_pid" | jq .upstream_errors)"

# f. what the counters say
c=$(counters main "$main_pid")
echo "main: $c" >&2
expect_eq "connections refused at max_connections" 1 "$(jq .connections_refused <<<"$c")"
expect_eq "bad requests (the 431)" 1 "$(jq .bad_requests <<<"$c")"
expect_eq "timeouts" 1 "$(jq .timeouts <<<"$c")"
expect_eq "client aborts (a timeout is not one)" 0 "$(jq .client_aborts <<<"$c")"
expect_eq "hand-offs" 0 "$(jq .handoffs <<<"$c")"
expect_gt "requests served" 8 "$(jq .requests_handed_in+.requests_local <<<"$c")"
expect_eq "upstream errors of the one whose server is down" 1 \
	"$(counters down "$down_pid" | jq .upstream_errors)"
kill "$main_pid"
wait "$main_pid" || fail "knits-proxy did not exit 0 on SIGTERM"
grep -q "counters" "$work/main.out" || fail "no counters when it stopped"

printf '[proxy]\nlisten = "127.0.0.1:1"\nself = 1\nbogus = 2\n' >"$work/bad.toml"
if out=$("$KNITS_PROXY" --check --config "$work/bad.toml" 2>&1); then
	fail "--check took a bad configuration: $out"
fi
grep -q "bad.toml:4:1" <<<"$out" || fail "--check did not name bad.toml:4:1: $out"
echo "ok: --check: $out" >&2
expect_eq "--route of a path without a rule" "/a/b 0" \
	"$("$KNITS_PROXY" --config "$work/main.toml" --route /a/b)"
echo "knits-proxy selftest: all checks passed" >&2
