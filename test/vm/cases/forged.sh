#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Forged and corrupted TCP segments in live connections through the
# gateway (issue 20, item 3): none of them may end a connection or corrupt
# a later hand-off.
#
#                       +-------------------------+        +----------------+
#   +--------+          |         gateway         |  gw-n1 | node 1 active  |
#   | client |  c0 gw-c | knits.ko, knitsd        +--------+ n0             |
#   | forge  +----------+ VIP 10.9.0.1:80         |  gw-n2 +----------------+
#   +--------+          |                         +--------+ node 2 draining|
#                       |                         |  gw-n3 +----------------+
#                       |                         +--------+ node 3 draining|
#                       +-------------------------+        +----------------+
#
# knits_testnode serve on every node (node K serves /nK/..., hands the
# connection off through knitsd when a request is for another node).
# test/vm/tools/forge.py opens ten keep-alive connections at once, one per
# kind x mode: "plain" is served by node 1 and never handed off before the
# injection; "spliced" is handed off once first (node 1 -> node 2; node 1
# -> node 3 for data-badsum, whose node-side numbers come from node 3's
# capture of that hand-off's c2). It learns each connection's exact
# sequence numbers from captures, injects one forged segment per connection
# with a raw socket, and checks each reached the gateway as made:
#   rst-badsum   client RST at exactly snd_nxt, bad checksum
#   rst-far      client RST at snd_nxt + 2^30, good checksum
#   data-badsum  100 B from the serving node at its snd_nxt, bad checksum
#   syn-badsum   client SYN with a new ISN on the live tuple, bad checksum
#   syn-good     the same SYN, good checksum (the node's challenge ACK)
# After 30 s (the CLOSE timeout is 10 s: a connection wrongly moved to CLOSE
# is forgotten by then) every connection asks node 1, 2 and 3 in turn,
# starting with one that does not serve it (plain: 2, 3, 1; spliced: 1, 2,
# 3), so that a hand-off uses what the gateway learnt before the serving
# node writes anything more: three more hand-offs each, every body
# byte-exact (SHA-256) and from the node asked. It proves that
# the gateway verifies checksums, takes an RST only at the right sequence
# number, learns a side's stream end and ack only from acceptable segments,
# and does not restart an established side on a SYN: every connection
# survives and every hand-off is made (none refused) at the right offsets.
#
# FORGED_CONTROL=1: the same run with nothing sent (forge.py --control):
# every check must pass on any module, the test's own control.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
FORGE=$here/../tools/forge.py
# seconds between the injection and the requests after it
WAIT=30

topo_setup 3
docroot=$TOPO_DIR/www
# node i serves /n<i>/${file[i]}, a file only it has (a hand-off refused
# is a 404 from the node that refused)
file=('' k256 k320 k384)
size=('' 262145 327680 393219)
for i in 1 2 3; do
	mkdir -p "$docroot/$i"
	head -c "${size[i]}" /dev/urandom >"$docroot/$i/${file[i]}"
done

ns_gw "$KNITSCTL" config --timeout CLOSE=10
handoff_nodes 80 "$docroot"

splices_before=$(knits_counter "$NS_GW" splices)
forge_args=(--vip "$VIP" --port 80 --client-ip "$C_IP" --client-if c0
	--node-if n0 --gw-ns "$NS_GW" --docroot "$docroot" --wait "$WAIT" --timeout 20)
[ "${FORGED_CONTROL:-0}" = 0 ] || forge_args+=(--control)
for i in 1 2 3; do
	forge_args+=(--node "$i=$(node_ns "$i"),$(node_ip "$i")" --file "$i=${file[i]}")
done
# python3 on PATH may be a pyenv shim that is slow to start under TCG
rc=0
ns_client /usr/bin/python3 "$FORGE" "${forge_args[@]}" || rc=$?
status=$(ip netns exec "$NS_GW" "$KNITSCTL" status --json)
echo "$status" | jq -cM '.counters | with_entries(select(.key | test("splice|drop|node_conns")))' >&2
expect_eq "forge.py exit status (1: a connection failed, 2: the test itself)" 0 "$rc"

# Hand-offs: 5 spliced connections x 1 before the injection; after it,
# 10 x 3 (plain 1 -> 2 -> 3 -> 1, spliced -> 1 -> 2 -> 3).
want=$((5 * 1 + 10 * 3))
made=$(cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true)
expect_eq "hand-offs the nodes made" "$want" "$made"
expect_eq "hand-offs the nodes asked for and did not get" 0 \
	"$(cat "$TOPO_DIR"/node*.log | grep -c "handoff .* not made" || true)"
grep MISMATCH "$TOPO_DIR"/node*.log && fail "a node's copy did not end at P"
expect_eq "splices the kernel made" "$want" \
	"$(($(json_get .counters.splices <<<"$status") - splices_before))"
expect_eq "splices knitsd answered ok" "$want" \
	"$(knitsd_metric 'knitsd_handoff_answers_total{type="splice",status="ok"}')"
refused=$(jq -r '.counters | to_entries[] | select(.key | startswith("splices_refused"))
	| "\(.key)=\(.value)"' <<<"$status")
expect_gt "splices_refused counters read" 1 "$(wc -l <<<"$refused")"
expect_eq "splices_refused counters that are not 0" "" "$(grep -v '=0$' <<<"$refused" || true)"
for c in drop_splice_overrun drop_splice_straddle drop_splice_options drop_malformed \
	drop_unwritable drop_no_route; do
	expect_eq "counter $c" 0 "$(json_get ".counters.$c" <<<"$status")"
done
# what the gateway did with the forgeries, and with nothing else: the
# bad-checksum RST, data and SYN of each mode dropped for their checksum,
# the two RSTs 2^30 away for their window; the good SYN on the plain
# connection passed on unlearned
if [ "${FORGED_CONTROL:-0}" = 0 ]; then
	expect_eq "counter drop_bad_checksum" 6 "$(json_get .counters.drop_bad_checksum <<<"$status")"
	expect_eq "counter drop_out_of_window" 2 "$(json_get .counters.drop_out_of_window <<<"$status")"
	expect_gt "counter pass_untrusted" 0 "$(json_get .counters.pass_untrusted <<<"$status")"
else
	for c in drop_bad_checksum drop_out_of_window pass_untrusted; do
		expect_eq "counter $c" 0 "$(json_get ".counters.$c" <<<"$status")"
	done
fi
echo "forged: all checks passed (${SECONDS} s)" >&2
