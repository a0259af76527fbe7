#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Hand-offs through knitsd: the nodes ask for splices with signed UDP
# requests (the node library), knitsd checks them and asks the kernel.
# Pipelined requests and a curl keep-alive chain are handed off node to
# node and come back byte-exact; requests no real node sends (forged tag,
# unknown key, another node's id, truncated, oversized, stale, replayed,
# flows that are not the sender's) make no splice and are counted by
# their reason; a flood of 100,000 forged requests from one node's
# address and from a stranger leaves the other nodes' hand-offs whole and
# knitsd's memory bounded.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
PROBE=${PROBE:-$KNITS_BUILD/test/vm/tools/handoff_probe}
topo_setup 3
docroot=$TOPO_DIR/www
for i in 1 2 3; do mkdir -p "$docroot/$i"; done
printf x >"$docroot/2/one"
head -c 102400 /dev/urandom >"$docroot/3/k100"
head -c 1048576 /dev/urandom >"$docroot/1/m1"
head -c 65537 /dev/urandom >"$docroot/1/k64"
head -c 300000 /dev/urandom >"$TOPO_DIR/upload"

ctl() { ns_gw "$KNITSCTL" "$@"; }
svc=$VIP:80
ctl service add "$svc" --sched rr
ctl member add "$svc" "$(node_ip 1):80"
for i in 2 3; do ctl member add "$svc" "$(node_ip "$i"):80" --state draining; done

knitsd_config 3
knitsd_start
dropped() { knitsd_metric "knitsd_handoff_dropped_total{reason=\"$1\"}"; }
answered() { knitsd_metric "knitsd_handoff_answers_total{type=\"splice\",status=\"$1\"}"; }
expect_eq "metrics before any request: bad_mac" 0 "$(dropped bad_mac)"

nodes=()
for i in 1 2 3; do nodes+=(--node "$i=$(node_ip "$i"):80"); done
for i in 1 2 3; do
	knitsd_node_args "$i"
	ip netns exec "$(node_ns "$i")" "$TESTNODE" serve --listen 80 \
		--docroot "$docroot/$i" --self "$i" "${nodes[@]}" "${KNITSD_NODE_ARGS[@]}" \
		2>"$TOPO_DIR/node$i.log" &
done
for i in 1 2 3; do topo_wait_listen "$(node_ns "$i")" 80; done

sha() { sha256sum <"$1" | cut -d' ' -f1; }
handoffs() { cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true; }

# 1. Pipelined requests and an upload, handed off 1 -> 2 -> 3 -> 1 -> 2.
out=$TOPO_DIR/pipelined
mkdir -p "$out"
ns_client "$TESTNODE" client --connect "$svc" --out "$out" \
	GET:/n1/k64 GET:/n2/one GET:/n3/k100 GET:/n1/m1 \
	"POST:/n2/up:@$TOPO_DIR/upload" >/dev/null || fail "pipelined client failed"
expect_eq "pipelined body 0" "$(sha "$docroot/1/k64")" "$(sha "$out/0")"
expect_eq "pipelined body 1" "$(sha "$docroot/2/one")" "$(sha "$out/1")"
expect_eq "pipelined body 2" "$(sha "$docroot/3/k100")" "$(sha "$out/2")"
expect_eq "pipelined body 3" "$(sha "$docroot/1/m1")" "$(sha "$out/3")"
expect_eq "upload digest" "$(sha "$TOPO_DIR/upload")" "$(tr -d '\n' <"$out/4")"
expect_eq "hand-offs of the pipelined connection" 4 "$(handoffs)"
expect_eq "splices answered ok by knitsd" 4 "$(answered ok)"

# 2. Requests no real node sends: none splices, each counted once.
probe() {
	local node=$1 what=$2
	shift 2
	ip netns exec "$(node_ns "$node")" "$PROBE" --gateway "$(gw_ip "$node"):$KNITSD_PORT" \
		--node-id "$node" --key-file "$TOPO_DIR/node$node.key" --what "$what" "$@"
}
splices_before=$(ctl status --json | jq .counters.splices)
for what in bad-mac unknown-key wrong-node truncated oversized stale; do
	got=$(probe 3 "$what")
	expect_eq "answers to a $what request" 0 "$(jq .answers <<<"$got")"
done
expect_eq "counted bad_mac" 1 "$(dropped bad_mac)"
expect_eq "counted unknown_key" 1 "$(dropped unknown_key)"
expect_eq "counted wrong_source" 1 "$(dropped wrong_source)"
expect_eq "counted truncated" 1 "$(dropped truncated)"
expect_eq "counted oversized" 1 "$(dropped oversized)"
expect_eq "counted stale" 1 "$(dropped stale)"
# flows that are not the sender's: answered, refused
got=$(probe 3 not-owner)
expect_eq "a request for another node's flows" '["not_owner"]' "$(jq -c .statuses <<<"$got")"
# a real request of flows the gateway does not know: the kernel refuses
# it; sent again it gets the same answer; a new request with its counter
# gets none
got=$(probe 3 replay)
expect_eq "a request, then a replay of its counter" '["no_c1"]' "$(jq -c .statuses <<<"$got")"
expect_eq "counted replayed" 1 "$(dropped replayed)"
# from an address that is no node's
got=$(ns_client "$PROBE" --gateway "$GW_C_IP:$KNITSD_PORT" --node-id 1 \
	--key-file "$TOPO_DIR/node1.key" --what valid)
expect_eq "answers to a stranger" 0 "$(jq .answers <<<"$got")"
expect_eq "counted unknown_source" 1 "$(dropped unknown_source)"
expect_eq "splices made by the probes" "$splices_before" \
	"$(ctl status --json | jq .counters.splices)"

# 3. A flood of forged requests from node 3's address and from a stranger
# while nodes 1 and 2 hand a keep-alive connection back and forth.
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$KNITSD_PID/status"; }
rss_before=$(rss)
probe 3 flood --count 60000 >"$TOPO_DIR/flood3.json" &
flood3=$!
ns_client "$PROBE" --gateway "$GW_C_IP:$KNITSD_PORT" --node-id 1 --key-file "$TOPO_DIR/node1.key" \
	--what flood --count 40000 >"$TOPO_DIR/flood-stranger.json" &
flood_stranger=$!
rels=()
for i in $(seq 0 11); do
	if [ $((i % 2)) = 0 ]; then rels+=(1/k64); else rels+=(2/one); fi
done
made_before=$(handoffs)
args=()
for i in "${!rels[@]}"; do
	args+=(-o "$TOPO_DIR/chain$i" "http://$svc/n${rels[$i]%%/*}/${rels[$i]#*/}")
done
ns_client curl -sS --fail --max-time 120 "${args[@]}" ||
	fail "curl with hand-offs during the flood failed"
wait "$flood3" "$flood_stranger"
for i in "${!rels[@]}"; do
	expect_eq "body $i during the flood" "$(sha "$docroot/${rels[$i]}")" "$(sha "$TOPO_DIR/chain$i")"
done
expect_eq "hand-offs during the flood" $((made_before + 11)) "$(handoffs)"
sent=$(($(jq .sent "$TOPO_DIR/flood3.json") + $(jq .sent "$TOPO_DIR/flood-stranger.json")))
expect_eq "forged requests sent" 100000 "$sent"
expect_eq "answers to the flood" 0 \
	"$(($(jq .answers "$TOPO_DIR/flood3.json") + $(jq .answers "$TOPO_DIR/flood-stranger.json")))"
seen=$(($(dropped bad_mac) + $(dropped rate_limited) + $(dropped unknown_source)))
expect_gt "forged requests knitsd saw and dropped" 1000 "$seen"
rss_after=$(rss)
echo "knitsd RSS: ${rss_before} kB before the flood, ${rss_after} kB after" >&2
expect_gt "knitsd RSS growth under 4 MiB (kB below 4096 minus growth)" 0 \
	$((4096 - (rss_after - rss_before)))
ns_gw curl -sS "http://$KNITSD_METRICS/metrics" | grep -v '^#' >&2
echo "handoff-udp: all checks passed" >&2
