#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# knits-proxy on three nodes, each with nginx holding its own partition
# of the content, behind the gateway with knits.ko and knitsd. Real
# clients get byte-exact bodies (SHA-256 against the origin): curl over
# one keep-alive connection, a client pipelining 50 requests, ab -k and
# wrk with keep-alive. Each nginx logs only objects of its partition.
# Malformed and oversized requests get 400 and 431; a client sending
# byte by byte does not hold up the others; clients that reset in the
# middle of hand-offs leave no descriptor behind, and the gateway's
# connection table empties when the clients are gone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"
. "$here/../lib/proxy.sh"

TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
topo_setup 3
ctl() { ns_gw "$KNITSCTL" "$@"; }
# closed connections leave the table in seconds, so that its emptying
# can be waited for
ctl config --timeout FIN_WAIT=2 --timeout TIME_WAIT=2 --timeout CLOSE=2 \
	--timeout CLOSE_WAIT=2 --timeout LAST_ACK=2 --timeout SYN_RECV=2
proxy_content 60
proxy_deploy 3
sha() { sha256sum <"$1" | cut -d' ' -f1; }
url() { echo "http://$VIP$1"; }

for i in 1 2 3; do
	expect_gt "objects in node $i's partition" 5 "$(find "$TOPO_DIR/www/$i" -type f | wc -l)"
done

# 1. curl: every object over one keep-alive connection, in an order that
# moves across the nodes.
out=$TOPO_DIR/curl
mkdir -p "$out"
args=()
for k in "${!PROXY_PATHS[@]}"; do args+=(-o "$out/$k" "$(url "${PROXY_PATHS[$k]}")"); done
connects=$(ns_client curl -sS --fail -w '%{num_connects}\n' "${args[@]}" | paste -sd+ | bc)
expect_eq "connections curl opened for ${#PROXY_PATHS[@]} objects" 1 "$connects"
for k in "${!PROXY_PATHS[@]}"; do
	[ "$(sha "$out/$k")" = "$(sha "$PROXY_ORIGIN${PROXY_PATHS[$k]}")" ] ||
		fail "curl: ${PROXY_PATHS[$k]} differs from the origin"
done
echo "ok: curl: ${#PROXY_PATHS[@]} bodies equal the origin's" >&2
expect_gt "hand-offs after curl" 10 "$(proxy_sum handoffs)"

# 2. 50 requests pipelined on one connection, the last one asking to close.
out=$TOPO_DIR/pipelined
mkdir -p "$out"
requests=()
for k in $(seq 0 49); do requests+=("GET:/obj/$(((k * 7) % 60))"); done
ns_client "$TESTNODE" client --connect "$VIP:80" --out "$out" "${requests[@]}" >/dev/null ||
	fail "the pipelining client failed"
for k in $(seq 0 49); do
	[ "$(sha "$out/$k")" = "$(sha "$PROXY_ORIGIN/obj/$(((k * 7) % 60))")" ] ||
		fail "pipelined response $k differs from the origin"
done
echo "ok: 50 pipelined responses equal the origin's" >&2

# 3. ab -k: one object, 2000 requests over 10 keep-alive connections;
# ab counts a response of another length as failed.
ab_out=$(ns_client ab -k -n 2000 -c 10 "$(url /obj/33)" 2>&1)
expect_eq "ab: complete requests" 2000 "$(awk '/^Complete requests/ { print $3 }' <<<"$ab_out")"
expect_eq "ab: failed requests" 0 "$(awk '/^Failed requests/ { print $3 }' <<<"$ab_out")"
expect_eq "ab: keep-alive requests" 2000 "$(awk '/^Keep-Alive requests/ { print $3 }' <<<"$ab_out")"
expect_eq "ab: non-2xx responses" "" "$(awk '/^Non-2xx/ { print $3 }' <<<"$ab_out")"

# 4. wrk: 20 keep-alive connections for 5 s over every object but the big
# one; a response's length names its file (every size is distinct) and
# its body must be that file's.
wrk_script=$TOPO_DIR/check.lua
proxy_wrk_script >"$wrk_script"
wrk_out=$(ns_client wrk -t 2 -c 20 -d 5s --timeout 10s -s "$wrk_script" "$(url /)")
echo "$wrk_out" >&2
grep -q "Socket errors" <<<"$wrk_out" && fail "wrk: socket errors"
grep -q "Non-2xx" <<<"$wrk_out" && fail "wrk: non-2xx responses"
expect_eq "wrk: responses whose body is not their file's" 0 "$(awk '/^checked/ { print $4 }' <<<"$wrk_out")"
expect_gt "wrk: responses checked (a floor that says wrk ran, not a speed)" 50 "$(awk '/^checked/ { print $2 }' <<<"$wrk_out")"

expect_eq "hand-offs that failed" 0 "$(proxy_sum handoffs_failed)"
expect_eq "hand-offs whose c1 ended away from P" 0 "$(proxy_sum handoff_p_mismatches)"
expect_eq "upstream errors" 0 "$(proxy_sum upstream_errors)"

# 5. Locality: each nginx served objects of its own partition only.
for i in 1 2 3; do
	foreign=$(proxy_access_paths "$i" | sort -u | {
		mapfile -t paths
		proxy_route "${paths[@]}"
	} | awk -v i="$i" '$2 != i' | wc -l)
	expect_eq "objects node $i's nginx served that are not its own" 0 "$foreign"
	expect_gt "requests node $i's nginx served" 20 "$(proxy_access_paths "$i" | wc -l)"
done

# 6. Robustness.
declare -A fds_before
for i in 1 2 3; do fds_before[$i]=$(proxy_fds "$i"); done
status_of() { ns_client socat -T 5 - "TCP:$VIP:80" | head -n 1 | tr -d '\r'; }
expect_eq "a malformed request" "HTTP/1.1 400 Bad Request" \
	"$(printf 'GET / HTTP/9\r\n\r\n' | status_of)"
expect_eq "a 20,000-byte header" "HTTP/1.1 431 Request Header Fields Too Large" \
	"$({ printf 'GET /obj/1 HTTP/1.1\r\nX: '; head -c 20000 /dev/zero | tr '\0' a; printf '\r\n\r\n'; } | status_of)"

# A client sending its request a byte every 20 ms, while curl fetches
# every object on another connection.
slow_out=$TOPO_DIR/slow
ip netns exec "$NS_CLIENT" python3 - "$VIP" /obj/42 >"$slow_out" <<'PY' &
import socket, sys, time
s = socket.create_connection((sys.argv[1], 80), timeout=30)
for b in f"GET {sys.argv[2]} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode():
    s.send(bytes([b]))
    time.sleep(0.02)
data = b""
while chunk := s.recv(65536):
    data += chunk
sys.stdout.buffer.write(data.split(b"\r\n\r\n", 1)[1])
PY
slow_pid=$!
out=$TOPO_DIR/curl-beside-slow
mkdir -p "$out"
beside=()
for k in "${!PROXY_PATHS[@]}"; do beside+=(-o "$out/$k" "$(url "${PROXY_PATHS[$k]}")"); done
start=$SECONDS
ns_client curl -sS --fail "${beside[@]}" || fail "curl beside the slow client"
expect_eq "curl beside the slow client: the big file" "$(sha "$PROXY_ORIGIN/big/file")" \
	"$(sha "$out/$((${#PROXY_PATHS[@]} - 1))")"
wait "$slow_pid" || fail "the slow client failed"
echo "ok: curl took $((SECONDS - start)) s beside the slow client" >&2
expect_eq "the slow client's body" "$(sha "$PROXY_ORIGIN/obj/42")" "$(sha "$slow_out")"

# 200 clients that reset their connection within 0-5 ms of asking: many
# in the middle of a hand-off.
ip netns exec "$NS_CLIENT" python3 - "$VIP" "${PROXY_PATHS[@]}" <<'PY'
import random, socket, struct, sys, time
random.seed(7)
for _ in range(200):
    s = socket.create_connection((sys.argv[1], 80), timeout=10)
    path = random.choice(sys.argv[2:])
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    time.sleep(random.random() * 0.005)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
PY
expect_eq "after the resets: an object still comes whole" "$(sha "$PROXY_ORIGIN/obj/59")" \
	"$(ns_client curl -sS --fail "$(url /obj/59)" | sha256sum | cut -d' ' -f1)"
for i in 1 2 3; do
	kill -0 "${PROXY_PIDS[$((i - 1))]}" || fail "node $i's knits-proxy died"
	for _ in $(seq 100); do
		[ "$(proxy_fds "$i")" = "${fds_before[$i]}" ] && break
		sleep 0.2
	done
	expect_eq "node $i's knits-proxy descriptors after the clients left" "${fds_before[$i]}" \
		"$(proxy_fds "$i")"
done
entries() { ctl conns --json | jq length; }
for _ in $(seq 60); do
	[ "$(entries)" = 0 ] && break
	sleep 0.5
done
ctl conns >&2
expect_eq "the gateway's connections once the clients are gone" 0 "$(entries)"
for i in 1 2 3; do proxy_counters "$i" >&2; done
expect_gt "client aborts counted" 0 "$(proxy_sum client_aborts)"
echo "proxy: all checks passed" >&2
