#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One client port to two VIPs of the same member: to the member both are
# client:port - member:80, one tuple. A closed connection through one VIP
# (in TIME_WAIT at the gateway) does not keep the client from reaching
# the other VIP from the same port: the gateway forgets the closed one,
# as the member's TCP does. A live one stays, and a SYN that would take
# its tuple is a counted drop that costs the live connection nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"

topo_setup 1
docroot=$TOPO_DIR/www
mkdir -p "$docroot"
echo "hello from node 1" >"$docroot/index.html"
head -c 16777216 /dev/urandom >"$docroot/big"
topo_start_nginx 1 "$docroot"

ctl() { ns_gw "$KNITSCTL" "$@"; }
vip2=10.9.0.2
ns_gw ip addr add "$vip2/32" dev lo
# long enough that the second connection meets the first's entry in TIME_WAIT
ctl config --timeout TIME_WAIT=60 --timeout CLOSE=60
for addr in "$VIP" "$vip2"; do
	ctl service add "$addr:80" --sched rr
	ctl member add "$addr:80" "$(node_ip 1):80"
done
entries_of() {
	ctl conns --json | jq -r --arg c "$C_IP:$1" '[.[] | select(.client == $c) | .state] | join(" ")'
}

# get_from PORT ADDR: GET / from client port PORT to ADDR:80, the body on
# stdout. Not curl: whichever side closes first, the client may hold the
# port in TIME_WAIT, and only a socket with SO_REUSEADDR binds to it again
# (for another destination; the TIME_WAIT tuple itself stays taken).
get_from() {
	ns_client python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("", int(sys.argv[1])))
s.settimeout(10)
s.connect((sys.argv[2], 80))
s.sendall(b"GET / HTTP/1.1\r\nHost: v\r\nConnection: close\r\n\r\n")
data = b""
while chunk := s.recv(65536):
    data += chunk
head, _, body = data.partition(b"\r\n\r\n")
if not head.startswith(b"HTTP/1.1 200"):
    sys.exit("not 200: %r" % head[:40])
sys.stdout.write(body.decode())' "$@"
}

# 1. The same port through VIP, then VIP2, the first closed before the
# second: both are served, neither is a clash.
port=40100
clash_before=$(knits_counter "$NS_GW" drop_tuple_clash)
for addr in "$VIP" "$vip2"; do
	body=$(get_from "$port" "$addr") || fail "port $port to $addr: not served"
	expect_eq "port $port to $addr" "hello from node 1" "$body"
	for _ in $(seq 20); do
		[ "$(entries_of "$port")" = TIME_WAIT ] && break
		sleep 0.2
	done
	# one entry: the one before it, on the other VIP, was forgotten
	expect_eq "entries of port $port after $addr" TIME_WAIT "$(entries_of "$port")"
done
expect_eq "clashes of closed connections" "$clash_before" "$(knits_counter "$NS_GW" drop_tuple_clash)"

# 2. A live connection from port 40200 through VIP (16 MiB read at
# 2 MiB/s: more than the sockets' buffers hold, so it lasts seconds), and
# a SYN from the same port to VIP2 while it lasts: the SYN is dropped and
# counted, the live one's body is whole.
port=40200
ns_client curl -sS --fail --max-time 60 --local-port "$port" --limit-rate 2M \
	-o "$TOPO_DIR/big.out" "http://$VIP/big" &
live=$!
state=
for _ in $(seq 50); do
	state=$(entries_of "$port")
	[ -z "$state" ] || [ "$state" = SYN_SENT ] || break
	sleep 0.1
done
case "$state" in
"" | SYN_SENT | TIME_WAIT | CLOSE) fail "live connection from port $port: state '$state'" ;;
esac
echo "ok: live connection from port $port in $state" >&2
ns_client hping3 -q -S -p 80 -s "$port" -k -c 1 "$vip2" >/dev/null 2>&1 || true
expect_eq "clash with a live connection" $((clash_before + 1)) \
	"$(knits_counter "$NS_GW" drop_tuple_clash)"
wait "$live" || fail "the live connection failed"
expect_eq "live connection's body" "$(sha256sum <"$docroot/big" | cut -d' ' -f1)" \
	"$(sha256sum <"$TOPO_DIR/big.out" | cut -d' ' -f1)"
echo "ok: vip-reuse"
