#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Hand-offs between connections that negotiated different TCP options,
# and what the client sees across them.
#
#   node1: Linux defaults (SACK, timestamps, window scaling)
#   node2: no SACK, no window scaling
#   node3: no timestamps
#
# A connection with timestamps can be handed to node 2 (SACK blocks are
# removed toward it, windows rescaled between scale 7 and none) and back,
# byte-exact. It cannot be handed to node 3: the gateway refuses with
# `timestamps`, and the requesting node serves the request itself, so the
# connection carries on where it was. A client without timestamps is
# handed to a node with them. A tshark capture on the client's link
# checks the client's view of a connection handed off several times:
# sequence numbers continuous, TSval never going back, SACK blocks only
# over bytes the client sent. The nodes ask knitsd for their splices
# with signed UDP requests, as in production. Splices with bad byte
# counts or the wrong c2, or from a node that no longer serves the
# connection, are refused, each with its reason (asked through knitsd
# as a node would, and through knitsctl for the one knitsd stops first),
# and a live download goes on.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
topo_setup 3
ip netns exec "$(node_ns 2)" sysctl -qw net.ipv4.tcp_sack=0 net.ipv4.tcp_window_scaling=0
ip netns exec "$(node_ns 3)" sysctl -qw net.ipv4.tcp_timestamps=0

# Every node has every file: a refused hand-off is served where it was.
docroot=$TOPO_DIR/www
mkdir -p "$docroot"
head -c 300000 /dev/urandom >"$docroot/k300"
head -c 2000000 /dev/urandom >"$docroot/m2"
head -c 5000 /dev/urandom >"$docroot/k5"
head -c 500000 /dev/urandom >"$TOPO_DIR/upload"

ctl() { ns_gw "$KNITSCTL" "$@"; }
svc=$VIP:80
ctl service add "$svc" --sched rr
ctl member add "$svc" "$(node_ip 1):80"
for i in 2 3; do ctl member add "$svc" "$(node_ip "$i"):80" --state draining; done
knitsd_config 3
knitsd_start
nodes=()
for i in 1 2 3; do nodes+=(--node "$i=$(node_ip "$i"):80"); done
for i in 1 2 3; do
	knitsd_node_args "$i"
	ip netns exec "$(node_ns "$i")" "$TESTNODE" serve --listen 80 --docroot "$docroot" \
		--self "$i" "${nodes[@]}" "${KNITSD_NODE_ARGS[@]}" 2>"$TOPO_DIR/node$i.log" &
done
for i in 1 2 3; do topo_wait_listen "$(node_ns "$i")" 80; done

sha() { sha256sum <"$1" | cut -d' ' -f1; }
counter() { knits_counter "$NS_GW" "$1"; }

# 1. n1 -> n2 (no SACK, no window scaling) -> n1 -> n2, with an upload,
# under a capture of the client's link, which loses 2% both ways (so that
# the client and node 1 send SACK blocks).
ip netns exec "$NS_GW" tc qdisc add dev gw-c root netem loss 2%
ip netns exec "$NS_CLIENT" tc qdisc add dev c0 root netem loss 2%
ip netns exec "$NS_CLIENT" tcpdump -i c0 -s 96 -B 32768 -w "${KNITS_VM_OUT:-$TOPO_DIR}/client.pcap" \
	"tcp port 80" 2>"$TOPO_DIR/tcpdump.log" &
capture=$!
sleep 2
out=$TOPO_DIR/mixed
ns_client "$TESTNODE" client --connect "$svc" --out "$out" GET:/n1/k300 GET:/n2/m2 \
	GET:/n1/k5 "POST:/n2/up:@$TOPO_DIR/upload" GET:/n1/m2 >"$TOPO_DIR/mixed.json" ||
	fail "client across nodes 1 and 2 failed"
sleep 1
kill "$capture"
wait "$capture" || true
i=0
for f in k300 m2 k5; do
	expect_eq "body $i ($f)" "$(sha "$docroot/$f")" "$(sha "$out/$i")"
	i=$((i + 1))
done
expect_eq "upload digest" "$(sha "$TOPO_DIR/upload")" "$(tr -d '\n' <"$out/3")"
expect_eq "body 4 (m2)" "$(sha "$docroot/m2")" "$(sha "$out/4")"
made=$(cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true)
expect_eq "hand-offs between nodes 1 and 2" 4 "$made"
expect_eq "served by node 2" 2 "$(grep -c '^n2 served' "$TOPO_DIR/node2.log")"

# The client's view, from the capture (relative sequence numbers). From
# the VIP: TSval never goes back (by more than reordering explains), no
# SACK block lies beyond what the
# client sent, and the data covers one unbroken stretch of sequence space
# (segments of the old node may arrive after the new node's: the client's
# reassembly takes them). From the client: no SACK block beyond what the
# VIP sent.
view=$(tshark -r "${KNITS_VM_OUT:-$TOPO_DIR}/client.pcap" -o tcp.relative_sequence_numbers:TRUE -T fields \
	-E separator='|' -e ip.src -e tcp.seq -e tcp.len -e tcp.flags.syn \
	-e tcp.options.timestamp.tsval -e tcp.options.sack_re -e tcp.flags.fin 2>/dev/null)
expect_gt "captured segments" 100 "$(wc -l <<<"$view")"
verdict=$(awk -F'|' -v vip="$VIP" '
	# the SYN takes sequence number 0: data starts at 1; a FIN takes one
	# too, and a receiver that got it out of order SACKs it with the data
	{ end = $2 + $3 + ($4 == 1) + ($7 == 1) }
	$1 == vip {
		if (end > down) down = end
		# a clock that went back at a hand-off jumps by about 2^31
		# (each connection has its own random offset); segments that
		# the gateway processed on its two CPUs in one order and sent in
		# the other may be a few ms out of order, as through any router
		if ($5 != "" && ts != "" && $5 + 0 < ts - 50) { print "TSval " $5 " after " ts; exit }
		if ($5 != "" && $5 + 0 > ts + 0) ts = $5
		if ($6 != "") { n = split($6, r, ","); for (i = 1; i <= n; i++)
			if (r[i] + 0 > up) { print "SACK to " r[i] " beyond " up; exit } }
		next
	}
	{ if (end > up) up = end
	  if ($6 != "") { n = split($6, r, ","); for (i = 1; i <= n; i++)
		if (r[i] + 0 > down) { print "client SACK to " r[i] " beyond " down; exit } } }' \
	<<<"$view")
expect_eq "the client's view across 4 hand-offs: timestamps and SACK" "" "$verdict"
# (the client's 4 MB download loses some 60 segments: it SACKs for sure;
# the 500 KB upload may lose none)
expect_gt "segments with SACK blocks from the client" 0 \
	"$(awk -F'|' -v vip="$VIP" '$6 != "" && $1 != vip {n++} END {print n + 0}' <<<"$view")"
stretch=$(awk -F'|' -v vip="$VIP" '$1 == vip && $3 > 0 {print $2, $2 + $3}' <<<"$view" |
	sort -n | awk 'NR == 1 {lo = $1; hi = $2; next}
		$1 > hi {print "hole from " hi " to " $1; exit}
		$2 > hi {hi = $2}
		END {print "stream " lo "-" hi}' | tail -n 1)
bodies=$(cat "$out"/0 "$out"/1 "$out"/2 "$out"/3 "$out"/4 | wc -c)
[[ $stretch =~ ^stream\ 1-([0-9]+)$ ]] ||
	fail "the client's view: expected one unbroken stream from 1, got '$stretch'"
expect_gt "the client's view: one unbroken stream, bytes" "$bodies" "${BASH_REMATCH[1]}"

ip netns exec "$NS_GW" tc qdisc del dev gw-c root
ip netns exec "$NS_CLIENT" tc qdisc del dev c0 root

# 2. n1 -> n3 (no timestamps): refused, served by node 1, the connection
# goes on.
refused=$(counter splices_refused_timestamps)
out=$TOPO_DIR/ts
ns_client "$TESTNODE" client --connect "$svc" --out "$out" GET:/n1/k5 GET:/n3/k300 \
	GET:/n1/k5 >/dev/null || fail "client after a refused hand-off failed"
expect_eq "body 1 (k300, served by node 1)" "$(sha "$docroot/k300")" "$(sha "$out/1")"
expect_eq "refused for timestamps" "$((refused + 1))" "$(counter splices_refused_timestamps)"
expect_eq "node 1's log" 1 "$(grep -c 'handoff GET /n3/k300 .* not made: refused: timestamps' \
	"$TOPO_DIR/node1.log")"
expect_eq "node 1 served it" 1 "$(grep -c '^n1 served GET /n3/k300 200' "$TOPO_DIR/node1.log")"

# 3. A client without timestamps: c1 has none, c2 to node 2 has them:
# handed off (handoff-clients.sh has more of it).
ip netns exec "$NS_CLIENT" sysctl -qw net.ipv4.tcp_timestamps=0
out=$TOPO_DIR/nots
ns_client "$TESTNODE" client --connect "$svc" --out "$out" GET:/n1/k5 GET:/n2/k300 \
	>/dev/null || fail "client without timestamps failed"
expect_eq "body 1 (k300)" "$(sha "$docroot/k300")" "$(sha "$out/1")"
expect_eq "refused for timestamps" "$((refused + 1))" "$(counter splices_refused_timestamps)"
expect_eq "node 2 served it" 1 "$(grep -c '^n2 served GET /n2/k300 200' "$TOPO_DIR/node2.log")"

# 4. Splices the gateway must refuse, asked about a live download
# (c1: client to node 1) and a fresh connection from node 1 or 3 to node
# 2 (c2): each is refused with its reason and counted, and the download
# goes on byte-exact.
ip netns exec "$NS_CLIENT" sysctl -qw net.ipv4.tcp_timestamps=1
# a small receive buffer, or the whole file lands in it at once and the
# connection is closed before curl's rate limit has read it
ip netns exec "$NS_CLIENT" sysctl -qw net.ipv4.tcp_rmem="4096 32768 65536"
head -c 8000000 /dev/urandom >"$docroot/m6"
ns_client curl -sS --fail --max-time 120 --limit-rate 400000 -o "$TOPO_DIR/m6" \
	"http://$svc/n1/m6" &
download=$!
client=
for _ in $(seq 50); do
	client=$(ip netns exec "$NS_GW" "$KNITSCTL" conns --json |
		jq -r --arg m "$(node_ip 1):80" --arg v "$svc" \
			'[.[] | select(.vip == $v and .member == $m and .state == "ESTABLISHED")]
			| .[0].client // empty')
	[ -n "$client" ] && break
	sleep 0.2
done
[ -n "$client" ] || fail "the download's connection is not in the table"
# idle node-to-node connections, through the gateway, as c2
for i in 1 3; do
	ip netns exec "$(node_ns "$i")" socat -u OPEN:/dev/null,ignoreeof \
		"TCP:$(node_ip 2):80,sourceport=4000$i" &
done
sleep 2
c1="$(node_ip 1):80,$client"
# node_sends WHAT NODE WANT --c1 C1 --c2 C2 ...: node NODE sends knitsd a
# request (valid: a splice, prepare: a prepare of c1 to c2's peer), signed
# with its key, and gets the status WANT.
node_sends() {
	local what=$1 node=$2 want=$3 out
	shift 3
	out=$(ip netns exec "$(node_ns "$node")" "$KNITS_BUILD/test/vm/tools/handoff_probe" \
		--gateway "$(gw_ip "$node"):$KNITSD_PORT" --node-id "$node" \
		--key-file "$TOPO_DIR/node$node.key" --what "$what" "$@")
	expect_eq "node $node sends $what ($*)" "[\"$want\"]" "$(jq -c .statuses <<<"$out")"
}
# node_asks NODE WANT --c1 C1 --c2 C2 --t T --s S: a splice
node_asks() { node_sends valid "$@"; }
# node_prepares NODE WANT C1: a prepare of C1, to node 2
node_prepares() { node_sends prepare "$1" "$2" --c1 "$3" --c2 "$c2"; }
# refuse_via_knitsd NODE WANT SPLICE...: the kernel refuses it and counts it
refuse_via_knitsd() {
	node_asks "$@"
	expect_eq "counter splices_refused_$2" 1 "$(counter "splices_refused_$2")"
}
c2="$(node_ip 1):40001,$(node_ip 2):80"
# PREPARE, before c2 exists: the kernel checks c1 and changes nothing
splices=$(counter splices)
node_prepares 1 ok "$c1"
node_prepares 1 no_c1 "$(node_ip 1):80,10.0.0.99:4"
expect_eq "counter prepares" 2 "$(counter prepares)"
# c1's local end not the requester's: knitsd answers, the kernel is not asked
node_prepares 1 not_owner "$(node_ip 3):80,$client"
expect_eq "counter prepares (knitsd asked nothing)" 2 "$(counter prepares)"
expect_eq "knitsctl prepare of the live c1" '{"status":"ok"}' \
	"$(ip netns exec "$NS_GW" "$KNITSCTL" prepare --c1 "$c1" --json)"
expect_eq "splices after the prepares" "$splices" "$(counter splices)"
refuse_via_knitsd 1 bad_t --c1 "$c1" --c2 "$c2" --t 100000000 --s 0
refuse_via_knitsd 1 bad_s --c1 "$c1" --c2 "$c2" --t 0 --s 0
refuse_via_knitsd 1 no_c2 --c1 "$c1" --c2 "$(node_ip 1):40009,$(node_ip 2):80" --t 0 --s 100000000
# node 1 naming node 3's connection as c2: knitsd refuses it (c2 is not
# the requester's), the kernel is not asked; an administrator's knitsctl
# asks the kernel, which refuses it too
c2_of_3="$(node_ip 3):40003,$(node_ip 2):80"
node_asks 1 not_owner --c1 "$c1" --c2 "$c2_of_3" --t 0 --s 100000000
expect_eq "counter splices_refused_c2_source (knitsd asked nothing)" 0 \
	"$(counter splices_refused_c2_source)"
if out=$(ip netns exec "$NS_GW" "$KNITSCTL" splice --c1 "$c1" --c2 "$c2_of_3" \
	--t 0 --s 100000000 --json 2>/dev/null); then
	fail "splice with node 3's c2 was made: $out"
fi
expect_eq "knitsctl splice with node 3's c2" c2_source "$(json_get .status <<<"$out")"
expect_eq "counter splices_refused_c2_source" 1 "$(counter splices_refused_c2_source)"
wait "$download" || fail "the download failed after the refusals"
expect_eq "the download (m6), byte-exact" "$(sha "$docroot/m6")" "$(sha "$TOPO_DIR/m6")"

# 5. A node that has handed a connection off no longer serves it: its
# splice of that connection is refused (not_serving), and the download,
# served by node 2 since the hand-off, goes on byte-exact.
head -c 3000000 /dev/urandom >"$docroot/m3"
ns_client curl -sS --fail --max-time 120 --limit-rate 400000 -o "$TOPO_DIR/m3" \
	"http://$svc/n2/m3" &
download=$!
for _ in $(seq 50); do
	grep -q "handoff GET /n2/m3 .* P=" "$TOPO_DIR/node1.log" && break
	sleep 0.2
done
grep -q "handoff GET /n2/m3 .* P=" "$TOPO_DIR/node1.log" || fail "node 1 did not hand m3 off"
client=$(ip netns exec "$NS_GW" "$KNITSCTL" conns --json |
	jq -r --arg m "$(node_ip 1):80" --arg v "$svc" \
		'[.[] | select(.vip == $v and .member == $m and .state == "ESTABLISHED")]
		| .[0].client // empty')
[ -n "$client" ] || fail "the handed-off download's connection is not in the table"
refuse_via_knitsd 1 not_serving --c1 "$(node_ip 1):80,$client" --c2 "$c2" --t 0 --s 0
node_prepares 1 not_serving "$(node_ip 1):80,$client"
rc=0
out=$(ip netns exec "$NS_GW" "$KNITSCTL" prepare --c1 "$(node_ip 1):80,$client" 2>&1) || rc=$?
expect_eq "knitsctl prepare of a handed-off c1: exit code" 3 "$rc"
grep -q "not_serving" <<<"$out" || fail "knitsctl prepare does not say why: $out"
wait "$download" || fail "the handed-off download failed after the refusal"
expect_eq "the download (m3), byte-exact" "$(sha "$docroot/m3")" "$(sha "$TOPO_DIR/m3")"

for c in drop_splice_overrun drop_splice_straddle drop_splice_options drop_unwritable; do
	expect_eq "counter $c" 0 "$(counter "$c")"
done
echo "handoff-options: all checks passed" >&2
