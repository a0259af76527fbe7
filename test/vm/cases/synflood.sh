#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A SYN flood at the VIP must not lock real clients out (issue 20, item 1).
#
#                                   +--------------------+   nginx :80
#   +--------------------+   veth   |      gateway       +---- node 1 (+ testnode :8080, active)
#   | client             +----------+ knits.ko, knitsd   +---- node 2 (+ testnode :8080, draining)
#   |  ab -k, curl       |          | max_conns 2000     +---- node 3 (+ testnode :8080, draining)
#   |  2 kept-alive conns|          |  VIP:80   nginx rr |
#   |  hping3 --flood    |          |  VIP:8080 hand-off |
#   |  --rand-source -S  |          +--------------------+
#   +--------------------+
#
# Every flood SYN (a random source that never answers) makes a table entry
# that would live a minute or two (SYN_SENT 120 s, SYN_RECV 60 s once the
# member's SYN|ACK has passed). The table holds only max_conns entries, so
# it must give way: evict the oldest never-established client entries
# (counters early_drop_full, early_drop_half_open) rather than refuse real
# clients (drop_conn_limit). While hping3 floods VIP:80 (bounded in time;
# every address stays inside the test's namespaces), this proves:
#   - ab -k (1000 requests over 10 connections) and curl (100 requests, one
#     connection each), both started once the flood has overfilled the
#     table, get >= 99% of their requests answered;
#   - connections established before the flood carry on byte-exact through
#     it: an 8 MiB download from nginx in progress all along, and a
#     spliced connection (hand-off 1 -> 2 before the flood, its 8 MiB body
#     in progress all along, hand-offs 2 -> 3 -> 1 after it);
#   - the table never held more than max_conns entries, and the early drops
#     are counted;
#   - before that, SYNs from random hosts to a member's own address (not a
#     node's connection to another node) make no entries at all.
# Every check is made, then the test fails if any did, so that one run
# shows all that is wrong. The flood's rate is printed (QEMU TCG: some
# thousand packets per second).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
# (not a pyenv shim on PATH: one takes 20 s to start under TCG)
PYTHON=${PYTHON:-/usr/bin/python3}
MAX_CONNS=${FLOOD_MAX_CONNS:-2000}
# the flood stops once the clients are done, and after this many seconds
# whatever happens
FLOOD_SECS=150
# bytes per second the kept-alive clients read while the flood lasts
SLOW_RATE=32768

# A failed check is reported and counted; the test fails at its end.
FAILED=()
check() {
	local what=$1
	shift
	("$@") || FAILED+=("$what")
}
# expect_share WHAT OK N: OK of N is at least 99%.
expect_share() {
	local what=$1 ok=$2 n=$3
	if [ "$n" -eq 0 ] || [ $((ok * 100)) -lt $((n * 99)) ]; then
		fail "$what: $ok of $n answered, below 99%"
	fi
	echo "ok: $what: $ok of $n answered" >&2
}
expect_le() {
	local what=$1 bound=$2 got=$3
	[ "$got" -le "$bound" ] || fail "$what: expected <= $bound, got $got"
	echo "ok: $what = $got (<= $bound)" >&2
}
sha() { sha256sum <"$1" | cut -d' ' -f1; }
# expect_same WHAT WANT_FILE GOT_FILE
expect_same() {
	[ -f "$3" ] || fail "$1: no body"
	expect_eq "$1 ($(stat -c %s "$2") B)" "$(sha "$2")" "$(sha "$3")"
}

topo_setup 3
ctl() { ns_gw "$KNITSCTL" "$@"; }
counters() { ip netns exec "$NS_GW" "$KNITSCTL" status --json | jq -c .counters; }
# counter JSON NAME: 0 for a counter this knitsctl does not name
counter() { jq -r ".$2 // 0" <<<"$1"; }
# the table's count of entries
table_count() { ip netns exec "$NS_GW" "$KNITSCTL" config --json | jq .conns; }
handoffs() { cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true; }

# nginx: the same files on every node. testnode: node i serves /n<i>/NAME.
web=$TOPO_DIR/www/web
mkdir -p "$web" "$TOPO_DIR/www/1" "$TOPO_DIR/www/2" "$TOPO_DIR/www/3"
head -c 1024 /dev/urandom >"$web/small"
head -c 8388608 /dev/urandom >"$web/m8"
head -c 65536 /dev/urandom >"$TOPO_DIR/www/1/k64"
head -c 8388608 /dev/urandom >"$TOPO_DIR/www/2/m8"
head -c 102400 /dev/urandom >"$TOPO_DIR/www/3/k100"
for i in 1 2 3; do topo_start_nginx "$i" "$web"; done

ctl config --max-conns "$MAX_CONNS"
ctl service add "$VIP:80" --sched rr
for i in 1 2 3; do ctl member add "$VIP:80" "$(node_ip "$i"):80"; done
# hand-off service, as in handoff.sh: clients reach node 1, which hands
# a connection to the node that has the requested file
handoff_nodes 8080 "$TOPO_DIR/www"

# kept.py HOST PORT OUTDIR GATE RATE PATH[+slow]...: GETs each PATH in turn
# over one HTTP/1.1 connection, body i to OUTDIR/i. A +slow body is read
# at RATE bytes/s until the file GATE exists, then at full speed (its
# receive buffer is small and fixed, so the sender keeps pace). Prints
# "head I PATH LENGTH", "gate I RECEIVED LENGTH" (the GATE seen in the
# middle of body I) and "done I RECEIVED".
cat >"$TOPO_DIR/kept.py" <<'EOF'
import os, socket, sys, time

host, port, out, gate, rate = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
s.settimeout(20)
s.connect((host, port))
buf = b""


def more(n):
    global buf
    data = s.recv(n)
    if not data:
        sys.exit("connection closed by the server")
    buf += data


for i, req in enumerate(sys.argv[6:]):
    path, _, slow = req.partition("+")
    s.sendall(b"GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (path.encode(), host.encode()))
    while b"\r\n\r\n" not in buf:
        more(65536)
    head, buf = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    if lines[0].split()[1] != "200":
        sys.exit(f"{path}: {lines[0]}")
    length = [int(l.split(":", 1)[1]) for l in lines if l.lower().startswith("content-length:")][0]
    print(f"head {i} {path} {length}", flush=True)
    got, paced = 0, bool(slow)
    with open(f"{out}/{i}", "wb") as f:
        while got < length:
            if not buf:
                more(8192 if paced else 65536)
            take, buf = buf[: length - got], buf[length - got :]
            f.write(take)
            got += len(take)
            if paced and os.path.exists(gate):
                paced = False
                print(f"gate {i} {got} {length}", flush=True)
            elif paced:
                time.sleep(len(take) / rate)
    print(f"done {i} {got}", flush=True)
s.close()
EOF

gate=$TOPO_DIR/flood-over
# wait_line FILE PATTERN: until FILE has a line matching PATTERN (30 s)
wait_line() {
	for _ in $(seq 150); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.2
	done
	fail "no '$2' in $(basename "$1"): $(cat "$1" "${1%.out}.err" 2>/dev/null)"
}

# 1. Connections established before the flood: a download from nginx, and
# a connection node 1 hands to node 2 for an 8 MiB body. Both bodies are
# read slowly until the flood is over.
mkdir -p "$TOPO_DIR/dl" "$TOPO_DIR/spliced"
ns_client "$PYTHON" "$TOPO_DIR/kept.py" "$VIP" 80 "$TOPO_DIR/dl" "$gate" "$SLOW_RATE" \
	/m8+slow >"$TOPO_DIR/dl.out" 2>"$TOPO_DIR/dl.err" &
dl=$!
ns_client "$PYTHON" "$TOPO_DIR/kept.py" "$VIP" 8080 "$TOPO_DIR/spliced" "$gate" "$SLOW_RATE" \
	/n1/k64 /n2/m8+slow /n3/k100 /n1/k64 >"$TOPO_DIR/spliced.out" 2>"$TOPO_DIR/spliced.err" &
spliced=$!
wait_line "$TOPO_DIR/dl.out" "^head 0 "
wait_line "$TOPO_DIR/spliced.out" "^head 1 "
expect_eq "hand-offs before the flood" 1 "$(handoffs)"

# 2. SYNs from random hosts to a member's own address are no node's
# connection to another node: they make no entry. (300 of them, paced.)
before=$(counters)
count_before=$(table_count)
ns_client timeout 30 hping3 -q -c 300 -i u1000 --rand-source -S -p 80 "$(node_ip 1)" \
	>"$TOPO_DIR/hping3-node.log" 2>&1 || true
sleep 1
after=$(counters)
check "entries for SYNs to a member's address" \
	expect_le "entries made by 300 SYNs from random hosts to $(node_ip 1):80" 0 \
	$(($(table_count) - count_before))
check "node connections for SYNs to a member's address" \
	expect_eq "node connections made by them" 0 \
	$(($(counter "$after" node_conns) - $(counter "$before" node_conns)))

# 3. The flood at VIP:80, bounded in time (hping3 --flood ignores -c); it
# is stopped once the clients are done.
before=$(counters)
flood_start=$(date +%s.%N)
# (ip netns exec becomes timeout: $! is the process to signal)
echo "+ [${SECONDS}s] ip netns exec $NS_CLIENT timeout -s INT $FLOOD_SECS hping3 -q --flood --rand-source -S -p 80 $VIP &" >&2
ip netns exec "$NS_CLIENT" timeout -s INT "$FLOOD_SECS" hping3 -q --flood --rand-source -S -p 80 "$VIP" \
	>"$TOPO_DIR/hping3.log" 2>&1 &
flood=$!
# The table's count while the flood lasts. (It may read one above
# max_conns per CPU for an instant: a new entry takes its place in the
# count first and gives it back if there is none.)
(
	while [ ! -e "$gate" ] && kill -0 "$flood" 2>/dev/null; do
		table_count
		sleep 0.3
	done
) >"$TOPO_DIR/conns-samples" 2>/dev/null &
sampler=$!
# Until the flood has offered twice as many SYNs as the table holds.
offered=0
for _ in $(seq 120); do
	now=$(counters)
	offered=0
	for c in conns_created drop_conn_limit; do
		offered=$((offered + $(counter "$now" "$c") - $(counter "$before" "$c")))
	done
	[ "$offered" -ge $((2 * MAX_CONNS)) ] && break
	kill -0 "$flood" 2>/dev/null || break
	sleep 0.5
done
echo "flood: $offered SYNs seen by the gateway after $(echo "$(date +%s.%N) - $flood_start" | bc) s" >&2
[ "$offered" -ge $((2 * MAX_CONNS)) ] ||
	fail "the flood did not overfill the table ($offered SYNs seen, max_conns $MAX_CONNS): it proves nothing"

# 4. Real clients while the flood goes on: ab -k over 10 connections, and
# curl with a new connection for every request.
clients_start=$SECONDS
ns_client ab -r -k -s 10 -n 1000 -c 10 "http://$VIP/small" >"$TOPO_DIR/ab.out" 2>&1 &
ab=$!
urls=()
for _ in $(seq 100); do urls+=(-o /dev/null "http://$VIP/small"); done
ns_client curl -sS --parallel --parallel-max 20 --connect-timeout 4 --max-time 10 \
	-H 'Connection: close' -w '%{http_code}\n' "${urls[@]}" \
	>"$TOPO_DIR/curl.codes" 2>"$TOPO_DIR/curl.err" &
curls=$!
wait "$ab" || true
wait "$curls" || true
flood_on=yes
kill -0 "$flood" 2>/dev/null || flood_on=no
echo "clients: done in $((SECONDS - clients_start)) s" >&2
listed=$(ip netns exec "$NS_GW" "$KNITSCTL" conns --json | jq length)
kill -INT "$flood" 2>/dev/null || true
wait "$flood" || true
flood_secs=$(echo "$(date +%s.%N) - $flood_start" | bc)
touch "$gate"
wait "$sampler" || true
flood_counters=$(counters)

sent=$(sed -nE 's/^([0-9]+) packets transmitted.*/\1/p' "$TOPO_DIR/hping3.log")
seen=0
for c in conns_created drop_conn_limit; do
	seen=$((seen + $(counter "$flood_counters" "$c") - $(counter "$before" "$c")))
done
echo "flood: hping3 sent ${sent:-?} SYNs in $flood_secs s: $(echo "${sent:-0} / $flood_secs" | bc) per second; the gateway made or refused entries for $seen" >&2

# ab: what it answered; if it gave up (a connection got nothing for 10 s),
# what it had completed by then.
ab_ok() {
	local complete failed non2xx
	complete=$(awk '/^Complete requests:/ { print $3 }' "$TOPO_DIR/ab.out")
	if [ -n "$complete" ]; then
		failed=$(awk '/^Failed requests:/ { print $3 }' "$TOPO_DIR/ab.out")
		non2xx=$(awk '/^Non-2xx responses:/ { print $3 }' "$TOPO_DIR/ab.out")
		echo $((complete - failed - ${non2xx:-0}))
	else
		awk '/^Total of/ { print $3; found = 1 } END { if (!found) print 0 }' "$TOPO_DIR/ab.out"
	fi
}
grep -E "^(Complete|Failed) requests|^Non-2xx|^Requests per|^Total of|^apr_" "$TOPO_DIR/ab.out" >&2 || true
curl_ok=$(grep -c '^200$' "$TOPO_DIR/curl.codes" || true)
echo "curl: $(sort "$TOPO_DIR/curl.codes" | uniq -c | tr '\n' ' ')" >&2
check "flood through the clients" expect_eq "the flood still on when the clients were done" \
	yes "$flood_on"
check "ab -k during the flood" expect_share "ab -k during the flood" "$(ab_ok)" 1000
check "curl during the flood" expect_share "curl, a connection each, during the flood" "$curl_ok" 100

# 5. The table never held more than max_conns, and was under pressure.
peak=$(sort -n "$TOPO_DIR/conns-samples" | tail -n 1)
echo "table: $(wc -l <"$TOPO_DIR/conns-samples") samples, peak ${peak:-?} of $MAX_CONNS; $listed listed" >&2
[ -n "$peak" ] || fail "no sample of the table's count"
expect_gt "the table's peak count during the flood (pressure: half of max_conns)" \
	$((MAX_CONNS / 2 - 1)) "$peak"
check "table count" expect_le "the table's count during the flood" $((MAX_CONNS + $(nproc))) "$peak"
check "table entries" expect_le "entries listed during the flood" "$MAX_CONNS" "$listed"

# 6. The connections from before the flood, byte-exact, each still in
# the middle of its body when the flood ended.
dl_rc=0
wait "$dl" || dl_rc=$?
spliced_rc=0
wait "$spliced" || spliced_rc=$?
cat "$TOPO_DIR/dl.out" "$TOPO_DIR/spliced.out" "$TOPO_DIR/dl.err" "$TOPO_DIR/spliced.err" >&2
# in_progress OUT I: body I of that client was in the middle when the flood ended
in_progress() {
	local got len
	# (a here-string: the guest has no /dev/fd for <(...))
	read -r got len <<<"$(awk -v i="$2" '$1 == "gate" && $2 == i { print $3, $4 }' "$1")"
	if [ -z "$got" ] || [ "$got" -ge "$len" ]; then
		fail "$(basename "$1" .out): body $2 was not in progress when the flood ended"
	fi
	echo "ok: $(basename "$1" .out): body $2 at $got of $len B when the flood ended" >&2
}
check "download in progress" in_progress "$TOPO_DIR/dl.out" 0
check "download exit status" expect_eq "download client exit status" 0 "$dl_rc"
check "download byte-exact" expect_same "download through the flood" "$web/m8" "$TOPO_DIR/dl/0"
check "spliced connection in progress" in_progress "$TOPO_DIR/spliced.out" 1
check "spliced client exit status" expect_eq "spliced client exit status" 0 "$spliced_rc"
i=0
for f in 1/k64 2/m8 3/k100 1/k64; do
	check "spliced body $i" expect_same "spliced connection, body $i ($f)" \
		"$TOPO_DIR/www/$f" "$TOPO_DIR/spliced/$i"
	i=$((i + 1))
done
check "hand-offs" expect_eq "hand-offs of the spliced connection (1 before the flood, 2 after)" \
	3 "$(handoffs)"

# 7. The flood's entries were dropped early, and counted.
final=$(counters)
jq -cM '{conns_created, conns_expired, drop_conn_limit,
	early_drop_full: (.early_drop_full // "absent"),
	early_drop_half_open: (.early_drop_half_open // "absent"),
	node_conns, splices, drop_no_conn, drop_nomem}' <<<"$final" >&2
check "early drops" expect_gt "early_drop_full + early_drop_half_open" 0 \
	$(($(counter "$final" early_drop_full) + $(counter "$final" early_drop_half_open)))

if [ "${#FAILED[@]}" -gt 0 ]; then
	printf 'FAILED: %s\n' "${FAILED[@]}" >&2
	fail "${#FAILED[@]} checks failed"
fi
echo "PASS: synflood" >&2
