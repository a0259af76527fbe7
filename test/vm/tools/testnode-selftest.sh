#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of knits_testnode on the host, with no gateway and no root:
# two `serve` nodes on 127.0.0.1 and a fake splice command.
#  a. local serving: pipelined GETs of 0 B, 1 B, 100 KiB and 8 MiB files
#     and a 1 MiB POST through `client`, checked against sha256sum; the
#     16 KiB request-head limit at the limit and one byte over; 404, 400.
#  b. a hand-off whose splice command exits 3: the node logs the error and
#     the command's output, serves the request itself and carries on with
#     the connection, and passed the command the right c1, c2, T and S.
#  c. what the node does after a splice answer: it forwards the client's
#     bytes from T on to c2 until c1 ends and checks the count against P.
#     Without a gateway nothing splices: this tests the node alone.
#  d. usage errors exit 2.
#  e. load mode: 100 connections with their bodies checked, and a wrong
#     body caught.
# The real hand-off, through the module, is test/vm/cases/handoff.sh.
#
# Usage: test/vm/tools/testnode-selftest.sh
# env:   KNITS_BUILD (default build/), TESTNODE (the binary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/check.sh
. "$here/../lib/check.sh"
TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
[ -x "$TESTNODE" ] || fail "$TESTNODE missing: build the knits_testnode target"
command -v socat >/dev/null || fail "socat missing: run scripts/deps"

work=$(mktemp -d)
pids=()
cleanup() {
	local rc=$? pid log
	if [ "$rc" != 0 ]; then
		for log in "$work"/n*.log; do
			[ -e "$log" ] && echo "--- $log" >&2 && cat "$log" >&2
		done
	fi
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT

sha() { sha256sum <"$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }

# wait_log FILE REGEX: waits up to 10 s for a line of FILE to match.
wait_log() {
	local i
	for ((i = 0; i < 100; i++)); do
		grep -qE -- "$2" "$1" && return 0
		sleep 0.1
	done
	fail "no line matching '$2' in $1:"$'\n'"$(cat "$1")"
}

# start_node ID ARGS...: starts `serve --self ID ARGS...` on a free port,
# logging to $work/nID.log, and sets $port to the port.
start_node() {
	local id=$1 log=$work/n$1.log
	shift
	"$TESTNODE" serve --listen 0 --docroot "$docroot" --self "$id" "$@" 2>"$log" &
	pids+=($!)
	wait_log "$log" "^n$id listening on "
	port=$(sed -n "s/^n$id listening on \[::\]:\([0-9]*\)\$/\1/p" "$log")
}

# raw PORT: sends stdin on one connection, half-closes it and prints what
# the server sends until it closes.
raw() { socat -t 30 - "TCP:127.0.0.1:$1"; }

docroot=$work/www
mkdir -p "$docroot"
: >"$docroot/empty"
printf x >"$docroot/one"
head -c 102400 /dev/urandom >"$docroot/k100"
head -c 8388608 /dev/urandom >"$docroot/m8"
head -c 1048576 /dev/urandom >"$work/upload"

# The fake splice command records its arguments and answers as
# splice.mode says: "refuse" (exit 3) or "ok" with P from splice.p.
cat >"$work/splice" <<'EOF'
#!/bin/bash
dir=$(dirname "$0")
printf '%s\n' "$*" >>"$dir/splice.args"
if [ "$(cat "$dir/splice.mode")" = refuse ]; then
	echo '{"status":"no_c1"}'
	exit 3
fi
echo "{\"status\":\"ok\",\"p\":$(cat "$dir/splice.p")}"
EOF
chmod +x "$work/splice"

start_node 2
port2=$port
start_node 1 --node "2=127.0.0.1:$port2" --splice-cmd "$work/splice --via gw"
port1=$port
log1=$work/n1.log
log2=$work/n2.log

# --- a. local serving ------------------------------------------------------
out=$work/a
"$TESTNODE" client --connect "127.0.0.1:$port1" --out "$out" \
	GET:/n1/empty GET:/n1/one GET:/n1/k100 GET:/n1/m8 "POST:/n1/up:@$work/upload" \
	>"$work/a.json" || fail "(a) client failed"
i=0
for f in empty one k100 m8; do
	want=$(sha "$docroot/$f")
	expect_eq "(a) body $i ($f, $(size "$docroot/$f") B) sha256" "$want" "$(sha "$out/$i")"
	expect_eq "(a) JSON line $i" \
		"{\"i\":$i,\"status\":200,\"bytes\":$(size "$docroot/$f"),\"sha256\":\"$want\"}" \
		"$(sed -n "$((i + 1))p" "$work/a.json")"
	i=$((i + 1))
done
printf '%s\n' "$(sha "$work/upload")" >"$work/upload.digest"
expect_eq "(a) POST 1 MiB: body 4 is the upload's sha256 and a newline" \
	"$(sha "$work/upload.digest")" "$(sha "$out/4")"
expect_eq "(a) JSON lines" 5 "$(wc -l <"$work/a.json")"
expect_eq "(a) log lines 'n1 served ... 200'" 5 "$(grep -c '^n1 served .* 200 bytes=' "$log1")"
wait_log "$log1" '^n1 served GET /n1/m8 200 bytes=8388608$'
wait_log "$log1" '^n1 served POST /n1/up 200 bytes=65$'

if grep -q '^0\{31\}1 ' /proc/net/if_inet6 2>/dev/null; then
	"$TESTNODE" client --connect "[::1]:$port1" --out "$work/a6" GET:/n1/k100 \
		>/dev/null || fail "(a) client over IPv6 failed"
	expect_eq "(a) GET over IPv6 (dual-stack listener)" "$(sha "$docroot/k100")" \
		"$(sha "$work/a6/0")"
fi

if "$TESTNODE" client --connect "127.0.0.1:$port1" --out "$work/a404" \
	GET:/n1/missing GET:/n1/../www/one >"$work/a404.json" 2>"$work/a404.err"; then
	fail "(a) client exited 0 despite a 404"
fi
expect_eq "(a) missing file" 404 "$(sed -n 1p "$work/a404.json" | jq .status)"
expect_eq "(a) '..' in the path" 400 "$(sed -n 2p "$work/a404.json" | jq .status)"
expect_eq "(a) client message" "knits_testnode client: response 0 has status 404" \
	"$(cat "$work/a404.err")"

# request_with_head SIZE: a GET of /n1/one whose head is SIZE bytes long.
request_with_head() {
	local start=$'GET /n1/one HTTP/1.1\r\nConnection: close\r\nX-Pad: ' end=$'\r\n\r\n'
	printf '%s' "$start"
	head -c $(($1 - ${#start} - ${#end})) /dev/zero | tr '\0' a
	printf '%s' "$end"
}
request_with_head 16384 >"$work/head16384"
request_with_head 16385 >"$work/head16385"
expect_eq "(a) request head size" 16384 "$(size "$work/head16384")"
expect_eq "(a) 16384-byte head" $'HTTP/1.1 200 OK\r' "$(raw "$port1" <"$work/head16384" | head -n 1)"
expect_eq "(a) 16385-byte head" $'HTTP/1.1 400 Bad Request\r' \
	"$(raw "$port1" <"$work/head16385" | head -n 1)"
wait_log "$log1" '^n1 bad request 400: request head longer than 16384 bytes$'

# --- b. a refused hand-off -------------------------------------------------
echo refuse >"$work/splice.mode"
"$TESTNODE" client --connect "127.0.0.1:$port1" --out "$work/b" \
	GET:/n1/one GET:/n2/one GET:/n1/one >"$work/b.json" 2>"$work/b.err" ||
	fail "(b) client failed: $(cat "$work/b.err")"
expect_eq "(b) responses: the connection carries on on node 1" 3 "$(wc -l <"$work/b.json")"
expect_eq "(b) the refused request, served by node 1" "$(sha "$docroot/one")" "$(sha "$work/b/1")"
# T: the first request; S: its response.
request=$'GET /n1/one HTTP/1.1\r\nHost: 127.0.0.1:'$port1$'\r\n\r\n'
response=$'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nX-Served-By: n1\r\n\r\nx'
t=${#request} s=${#response}
wait_log "$log1" '^n1 handoff GET /n2/one to n2 '
# (the MSS is loopback's, which depends on the kernel)
expect_eq "(b) log" \
	"n1 handoff GET /n2/one to n2 T=$t S=$s MSS=N not made: exited with status 3" \
	"$(grep '^n1 handoff GET /n2/one' "$log1" | sed 's/ MSS=[0-9]* / MSS=N /')"
expect_eq "(b) log of the command's output" 'n1 to n2: splice command output: {"status":"no_c1"}' \
	"$(grep '^n1 to n2: splice command output' "$log1")"
wait_log "$log1" '^n1 served GET /n2/one 200 bytes=1$'
args=$(cat "$work/splice.args")
addr='127\.0\.0\.1'
pattern="^--via gw --c1 $addr:$port1,$addr:[0-9]+ --c2 $addr:[0-9]+,$addr:$port2 --t $t --s $s --json\$"
[[ $args =~ $pattern ]] || fail "(b) splice command arguments: '$args' do not match '$pattern'"
echo "ok: (b) splice command arguments: $args" >&2
expect_eq "(b) node 2 got nothing on c2" 0 "$(grep -c served "$log2" || true)"

# --- c. after the splice answer: forward [T, P) to c2 ----------------------
# The client sends a GET for n1 and a 1 MiB POST for n2, then half-closes:
# n1 must forward the POST to n2 over c2 and see end-of-file at P. n2's
# response comes back to n1 (no gateway to take it to the client).
first=$'GET /n1/one HTTP/1.1\r\nHost: n\r\n\r\n'
second=$'POST /n2/up HTTP/1.1\r\nHost: n\r\nContent-Length: 1048576\r\n\r\n'
{
	printf '%s%s' "$first" "$second"
	cat "$work/upload"
} >"$work/c.req"
total=$(size "$work/c.req")
t=${#first}
forwarded=$((total - t))
n2_response=$'HTTP/1.1 200 OK\r\nContent-Length: 65\r\nX-Served-By: n2\r\n\r\n'
n2_response_size=$((${#n2_response} + 65))
echo ok >"$work/splice.mode"
for p in "$total" "$((total + 1))"; do
	echo "$p" >"$work/splice.p"
	before=$(wc -l <"$log1")
	raw "$port1" <"$work/c.req" >"$work/c.resp"
	expect_eq "(c) P=$p: the client got n1's response only" "$s" "$(size "$work/c.resp")"
	wait_log "$log1" "^n1 to n2: done, received=$total forwarded=$forwarded\$"
	tail -n +"$((before + 1))" "$log1" >"$log1.c"
	expect_eq "(c) P=$p: hand-off line" "n1 handoff POST /n2/up to n2 T=$t S=$s MSS=N P=$p" \
		"$(grep '^n1 handoff POST' "$log1.c" | sed 's/ MSS=[0-9]* / MSS=N /')"
	expect_eq "(c) P=$p: n2's response came back over c2" \
		"n1 to n2: c2 carried $n2_response_size bytes to this node, which should have gone to the client" \
		"$(grep 'c2 carried' "$log1.c")"
	if [ "$p" = "$total" ]; then
		expect_eq "(c) P=$p: no MISMATCH" "" "$(grep MISMATCH "$log1.c" || true)"
	else
		expect_eq "(c) P=$p: MISMATCH" "n1 to n2: MISMATCH received=$total P=$p" \
			"$(grep MISMATCH "$log1.c")"
	fi
done
expect_eq "(c) n2 served the forwarded POST" 2 \
	"$(grep -c '^n2 served POST /n2/up 200 bytes=65$' "$log2")"

# --- d. usage errors -------------------------------------------------------
usage_exit() {
	local rc=0
	"$TESTNODE" "$@" >/dev/null 2>&1 || rc=$?
	expect_eq "(d) exit status of: knits_testnode $*" 2 "$rc"
}
usage_exit
usage_exit serve --docroot "$docroot" --self 1
usage_exit serve --listen 65536 --docroot "$docroot" --self 1
usage_exit serve --listen 0 --docroot "$docroot" --self 1 --node 2=127.0.0.1
usage_exit serve --listen 0 --docroot "$docroot" --self 1 --node x=127.0.0.1:80
usage_exit client --connect 127.0.0.1 --out "$work/d" GET:/n1/one
usage_exit client --connect 127.0.0.1:1 --out "$work/d" PUT:/n1/one
usage_exit client --connect 127.0.0.1:1 --out "$work/d" POST:/n1/one
usage_exit load --connect 127.0.0.1:1 --origin "$work" --connections 1 --requests 3-2 \
	GET:/n1/a GET:/n2/b
usage_exit load --connect 127.0.0.1:1 --origin "$work" --connections 0 GET:/n1/a GET:/n2/b
usage_exit load --connect 127.0.0.1:1 --origin "$work" --connections 1 GET:/x GET:/n2/b
usage_exit serve --listen 0 --docroot "$docroot" --self 1 --splice-cmd x --splice-netns /y

# --- e. load: many connections, every body checked -------------------------
# Node 3 has no splicer: it serves nodes 1 and 2 itself, so each
# connection's requests take the paths a hand-off would, on one node.
origin=$work/origin
mkdir -p "$origin/1" "$origin/2"
cp "$docroot/k100" "$origin/1/k100"
cp "$docroot/one" "$origin/2/one"
cp "$docroot/empty" "$origin/2/empty"
start_node 3 --node "1=127.0.0.1:$port1" --node "2=127.0.0.1:$port2"
"$TESTNODE" load --connect "127.0.0.1:$port" --origin "$origin" --connections 100 \
	--parallel 8 --seed 7 GET:/n1/k100 GET:/n2/one GET:/n2/empty "POST:/n2/up:@$work/upload" \
	>"$work/e.json" || fail "(e) load failed: $(cat "$work/e.json")"
expect_eq "(e) every connection whole and right" 100 "$(jq .ok <"$work/e.json")"
# a pool on one node: a load without hand-offs (a baseline), several
# requests in a row to that node
"$TESTNODE" load --connect "127.0.0.1:$port" --origin "$origin" --connections 10 \
	--requests 3-3 GET:/n1/k100 >"$work/e1.json" || fail "(e) one-node load failed: $(cat "$work/e1.json")"
expect_eq "(e) one-node load, connections whole and right" 10 "$(jq .ok <"$work/e1.json")"
expect_eq "(e) one-node load, requests" 30 "$(jq .requests <"$work/e1.json")"
# a wrong origin file is caught as corruption, not missed
printf y >"$origin/2/one"
if "$TESTNODE" load --connect "127.0.0.1:$port" --origin "$origin" --connections 4 \
	--requests 2-2 GET:/n1/k100 GET:/n2/one >"$work/e2.json" 2>/dev/null; then
	fail "(e) load passed with a wrong origin file"
fi
expect_eq "(e) corrupted connections" 4 "$(jq .corrupted <"$work/e2.json")"

echo "testnode-selftest: all checks passed" >&2
