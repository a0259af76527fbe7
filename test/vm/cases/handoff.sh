#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# KNITS hand-off on a real kernel: one persistent client connection through
# the VIP, whose pipelined requests are served by three nodes in turn
# (A -> B -> C -> A -> ...), each node handing the connection off when
# the next request belongs to another: it asks knitsd with a signed UDP
# request (the node library) and knitsd asks the kernel. Every
# response must be byte-exact against the origin files (SHA-256), for
# bodies from 0 B to 8 MiB and for uploads.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
topo_setup 3
docroot=$TOPO_DIR/www
mkdir -p "$docroot"
# node i serves /n<i>/...: each file exists only on its node
for i in 1 2 3; do mkdir -p "$docroot/$i"; done
: >"$docroot/1/empty"
printf x >"$docroot/2/one"
head -c 102400 /dev/urandom >"$docroot/3/k100"
head -c 8388608 /dev/urandom >"$docroot/1/m8"
head -c 1048576 /dev/urandom >"$docroot/3/m1"
head -c 65537 /dev/urandom >"$docroot/1/k64"
head -c 1048576 /dev/urandom >"$TOPO_DIR/upload"

ctl() { ns_gw "$KNITSCTL" "$@"; }
svc=$VIP:80
ctl config --timeout TIME_WAIT=3 --timeout CLOSE=3
ctl service add "$svc" --sched rr
# every node is a member (node-to-node connections are tracked by their
# destination); only node 1 takes clients, so the chain starts there
ctl member add "$svc" "$(node_ip 1):80"
for i in 2 3; do ctl member add "$svc" "$(node_ip "$i"):80" --state draining; done
knitsd_config 3
knitsd_start

nodes=()
for i in 1 2 3; do nodes+=(--node "$i=$(node_ip "$i"):80"); done
for i in 1 2 3; do
	knitsd_node_args "$i"
	ip netns exec "$(node_ns "$i")" "$TESTNODE" serve --listen 80 \
		--docroot "$docroot/$i" --self "$i" "${nodes[@]}" "${KNITSD_NODE_ARGS[@]}" \
		2>"$TOPO_DIR/node$i.log" &
done
for i in 1 2 3; do topo_wait_listen "$(node_ns "$i")" 80; done

# check_bodies OUTDIR FILE...: body i of OUTDIR must equal FILE i.
check_bodies() {
	local out=$1 i=0 f
	shift
	for f in "$@"; do
		expect_eq "body $i ($(basename "$f"), $(stat -c %s "$f") B)" \
			"$(sha256sum <"$f" | cut -d' ' -f1)" \
			"$(sha256sum <"$out/$i" | cut -d' ' -f1)"
		i=$((i + 1))
	done
}

# fetch_kept_alive OUTDIR PATH...: curl fetches each PATH (N/NAME: node N
# serves it as /nN/NAME) into OUTDIR/0, OUTDIR/1, ... over one keep-alive
# connection, each request sent when the previous response is in.
fetch_kept_alive() {
	local out=$1 rel args=() i=0
	shift
	mkdir -p "$out"
	for rel in "$@"; do
		args+=(-o "$out/$i" "http://$svc/n${rel%%/*}/${rel#*/}")
		i=$((i + 1))
	done
	ns_client curl -sS --fail --max-time 120 "${args[@]}"
}

# 1. Pipelined: every request written at once on one connection. Node 1
# serves the first, then hands off to 2, 3, 1, 2 (an upload), 3, 1.
out=$TOPO_DIR/pipelined
mkdir -p "$out"
ns_client "$TESTNODE" client --connect "$svc" --out "$out" \
	GET:/n1/empty GET:/n2/one GET:/n3/k100 GET:/n1/m8 \
	"POST:/n2/up:@$TOPO_DIR/upload" GET:/n3/m1 GET:/n1/k64 \
	>"$TOPO_DIR/pipelined.json" || fail "pipelined client failed"
check_bodies "$out" "$docroot/1/empty" "$docroot/2/one" "$docroot/3/k100" \
	"$docroot/1/m8"
expect_eq "upload digest" "$(sha256sum <"$TOPO_DIR/upload" | cut -d' ' -f1)" \
	"$(tr -d '\n' <"$out/4")"
mv "$out/5" "$out/0" && mv "$out/6" "$out/1"
check_bodies "$out" "$docroot/3/m1" "$docroot/1/k64"

handoffs=$(grep -c "handoff .* P=" "$TOPO_DIR"/node*.log | awk -F: '{s += $2} END {print s}')
expect_eq "hand-offs of the pipelined connection" 6 "$handoffs"

# 2. A real client: curl fetches URLs one after the other over one
# keep-alive connection (each request is sent when the previous response
# is in), so every hand-off happens with nothing in flight.
rels=(1/empty 2/one 3/k100 1/k64 2/one 3/m1)
fetch_kept_alive "$TOPO_DIR/curl" "${rels[@]}" ||
	fail "curl over one connection failed"
check_bodies "$TOPO_DIR/curl" "${rels[@]/#/$docroot/}"

grep MISMATCH "$TOPO_DIR"/node*.log && fail "a node's copy did not end at P"

# 3. A client reusing its port at once. It closed second (the node's FIN
# came first), so it keeps no TIME_WAIT of its own and its next connect()
# may take the same port. The flow table sees only some of a spliced
# connection's FINs; the splice says when it is over, and then its entries
# are in TIME_WAIT, as an unspliced connection's would be, and the new
# SYN starts a new connection rather than vanishing into the old splice.
reuse_port=40000
# long enough that the second connection meets the first's entry still
# in TIME_WAIT, and that a slow knitsctl still sees each entry there
ctl config --timeout TIME_WAIT=30
conn_state() {
	ctl conns --json | jq -r --arg c "$C_IP:$reuse_port" \
		'.[] | select(.client == $c) | .state'
}
made_before=$(cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true)
for round in 1 2; do
	ns_client curl -sS --fail --max-time 10 --local-port "$reuse_port" \
		-H 'Connection: close' -o "$TOPO_DIR/reuse$round" \
		"http://$svc/n2/one" || fail "connection $round from port $reuse_port failed"
	expect_eq "reused port, body $round" "$(sha256sum <"$docroot/2/one" | cut -d' ' -f1)" \
		"$(sha256sum <"$TOPO_DIR/reuse$round" | cut -d' ' -f1)"
	# the client's last ACK is on its way
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ "$(conn_state)" = TIME_WAIT ] && break
		sleep 0.2
	done
	expect_eq "spliced connection $round after both FINs" TIME_WAIT "$(conn_state)"
done
expect_eq "hand-offs of the two connections" $((made_before + 2)) \
	"$(cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true)"

# 4. Many more hand-offs on one connection than a splice has leg slots:
# curl fetches 31 URLs over one keep-alive connection, served by nodes
# 1, 2, 3, 1, ... in turn. Each stale leg closes while the next response
# is coming, and is retired: its slot goes to a later hand-off.
rels=()
for i in $(seq 0 30); do
	case $((i % 3)) in
	0) rels+=(1/k64) ;;
	1) rels+=(2/one) ;;
	2) rels+=(3/k100) ;;
	esac
done
made_before=$(cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true)
# every leg's entry must still be there when counted below
ctl config --timeout TIME_WAIT=300
fetch_kept_alive "$TOPO_DIR/chain" "${rels[@]}" ||
	fail "curl over one connection with 30 hand-offs failed"
# every leg's connection, retired ones included, was seen to its end
open_conns() {
	ctl conns --json |
		jq '[.[] | select(.state != "TIME_WAIT" and .state != "CLOSE")] | length'
}
for _ in $(seq 25); do
	[ "$(open_conns)" = 0 ] && break
	sleep 0.2
done
expect_eq "connections not closed after the long chain" 0 "$(open_conns)"
expect_gt "connections in TIME_WAIT (the chain's 30 legs and its client)" 30 \
	"$(ctl conns --json | jq '[.[] | select(.state == "TIME_WAIT")] | length')"
check_bodies "$TOPO_DIR/chain" "${rels[@]/#/$docroot/}"
expect_eq "hand-offs of the long chain" $((made_before + 30)) \
	"$(cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true)"
expect_eq "splices refused for want of a leg slot" 0 \
	"$(ctl status --json | jq -r .counters.splices_refused_too_many)"

# 5. A splice that names no connection is refused with its reason and
# counted; nothing else changes.
if out=$(ctl splice --c1 "$(node_ip 1):80,10.0.0.2:1" \
	--c2 "$(node_ip 1):1,$(node_ip 2):80" --t 0 --s 0 --json); then
	fail "splice of unknown connections succeeded: $out"
fi
expect_eq "refusal status" no_c1 "$(json_get .status <<<"$out")"

# 6. Deleting a service forgets its own connections only. Service
# VIP:81 has the same members as VIP:80 and is made last, so a node's
# connection to a member is VIP:81's when it is made (the newest service
# of the endpoint); spliced, it is a leg of a VIP:80 client's
# connection, and deleting VIP:81 in the middle of a download over that
# leg must change nothing (it ended the download before).
head -c 4194304 /dev/urandom >"$docroot/2/m4"
# a small receive buffer, or the whole body is in it before the deletion
ip netns exec "$NS_CLIENT" sysctl -qw net.ipv4.tcp_rmem="4096 32768 65536"
ctl service add "$VIP:81" --sched rr
for i in 1 2 3; do ctl member add "$VIP:81" "$(node_ip "$i"):80"; done
ns_client curl -sS --fail --max-time 60 --limit-rate 400k \
	-o "$TOPO_DIR/del0" "http://$svc/n1/empty" -o "$TOPO_DIR/del1" "http://$svc/n2/m4" &
download=$!
sleep 3
ctl service del "$VIP:81"
wait "$download" || fail "a download over a leg that reached another service's member failed"
ip netns exec "$NS_CLIENT" sysctl -qw net.ipv4.tcp_rmem="4096 131072 6291456"
expect_eq "the download across that service's deletion" \
	"$(sha256sum <"$docroot/2/m4" | cut -d' ' -f1)" "$(sha256sum <"$TOPO_DIR/del1" | cut -d' ' -f1)"

status=$(ip netns exec "$NS_GW" "$KNITSCTL" status --json)
expect_eq "counter splices_refused_no_c1" 1 \
	"$(json_get .counters.splices_refused_no_c1 <<<"$status")"
expect_gt "splices" 10 "$(json_get .counters.splices <<<"$status")"
# every hand-off a node made went through knitsd, and only those
made=$(cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true)
expect_eq "splices the kernel made" "$made" "$(json_get .counters.splices <<<"$status")"
expect_eq "splices knitsd answered ok" "$made" \
	"$(knitsd_metric 'knitsd_handoff_answers_total{type="splice",status="ok"}')"
for c in drop_splice_overrun drop_splice_straddle drop_splice_options \
	drop_malformed drop_unwritable drop_no_route; do
	expect_eq "counter $c" 0 "$(json_get ".counters.$c" <<<"$status")"
done
echo "$status" | jq -cM '.counters | with_entries(select(.key | test("splice|node_conns")))' >&2
cat "$TOPO_DIR"/node*.log >&2
echo "handoff: all checks passed" >&2
