#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The skeleton module on a real kernel: it loads (vm-run loads it),
# knitsctl reads its version and counters, its hooks see forwarded IPv4 and
# IPv6 traffic between real TCP peers (curl -> gateway -> nginx), writes
# need CAP_NET_ADMIN, and it unloads cleanly with live namespaces.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"

[ -d /sys/module/knits ] || fail "knits.ko is not loaded"
want_version=$(sed -n 's/^#define KNITS_VERSION "\(.*\)"$/\1/p' "$KNITS_REPO/kmod/version.h")
want_abi=$(sed -n 's/^#define KNITS_ABI_VERSION \(.*\)$/\1/p' "$KNITS_REPO/uapi/knits.h")
status=$(pp "$KNITSCTL" status --json)
expect_eq "module version" "$want_version" "$(json_get .version <<<"$status")"
expect_eq "abi version" "$want_abi" "$(json_get .abi_version <<<"$status")"
pp "$KNITSCTL" status

# Strict validation: what knitsctl never sends is refused, with a reason.
expect_eq "plain status request" "errno=0 extack=" "$(pp "$GENL_PROBE" 1)"
# GET_STATUS (1) carrying attribute 1 (KNITS_A_VERSION, a reply attribute)
out=$(pp "$GENL_PROBE" 1 1)
[[ $out == "errno=22 extack="?* ]] || fail "status with an attribute: expected EINVAL with a message, got '$out'"
echo "ok: status with an attribute refused: $out" >&2
# RESET_COUNTERS (2) carrying attribute 4 (KNITS_A_COUNTERS)
out=$(pp "$GENL_PROBE" 2 4)
[[ $out == "errno=22 extack="?* ]] || fail "reset with an attribute: expected EINVAL with a message, got '$out'"
echo "ok: reset with an attribute refused: $out" >&2
expect_eq "unknown command" "errno=95 extack=" "$(pp "$GENL_PROBE" 99)"
expect_eq "reserved header bits" "errno=22 extack=genlmsghdr.reserved field is not 0" \
	"$(pp "$GENL_PROBE" --reserved 1 1)"

topo_setup 3
docroot=$TOPO_DIR/www
for i in 1 2 3; do
	mkdir -p "$docroot/$i"
	echo "hello from node $i" >"$docroot/$i/index.html"
	topo_start_nginx "$i" "$docroot/$i"
done

# A fresh namespace starts with zeroed counters.
expect_eq "gateway ipv4 packets before traffic" 0 \
	"$(knits_counter "$NS_GW" hook_packets_ipv4)"

for i in 1 2 3; do
	body=$(ns_client curl -sS --max-time 10 -o - -w '\n%{http_code}' "http://$(node_ip "$i")/")
	expect_eq "node $i http status" 200 "$(tail -n 1 <<<"$body")"
	expect_eq "node $i body" "hello from node $i" "$(head -n 1 <<<"$body")"
done
v4=$(knits_counter "$NS_GW" hook_packets_ipv4)
# Three connections, each at least SYN, ACK, request, ACKs and FIN from the
# client and SYN-ACK, response and FIN from the node, all forwarded.
expect_gt "gateway ipv4 packets after 3 requests" 17 "$v4"
expect_gt "gateway bytes" 0 "$(knits_counter "$NS_GW" hook_bytes)"

body=$(ns_client curl -sS --max-time 10 "http://[$(node_ip6 2)]/")
expect_eq "node 2 body over IPv6" "hello from node 2" "$body"
expect_gt "gateway ipv6 packets" 8 "$(knits_counter "$NS_GW" hook_packets_ipv6)"

# Node to node also crosses the gateway.
before=$(knits_counter "$NS_GW" hook_packets_ipv4)
body=$(ns_node 1 curl -sS --max-time 10 "http://$(node_ip 3)/")
expect_eq "node 1 -> node 3 body" "hello from node 3" "$body"
expect_gt "gateway ipv4 packets after node-to-node" "$before" \
	"$(knits_counter "$NS_GW" hook_packets_ipv4)"

# Writes need CAP_NET_ADMIN; reads need nothing. Still uid 0, so only the
# capabilities differ (and no directory mode along the path matters).
nocaps=(setpriv --inh-caps=-all --bounding-set=-all --)
if out=$(ip netns exec "$NS_GW" "${nocaps[@]}" "$KNITSCTL" zero 2>&1); then
	fail "unprivileged knitsctl zero succeeded"
fi
grep -q "Operation not permitted" <<<"$out" || fail "unprivileged zero: unexpected error: $out"
echo "ok: unprivileged zero refused: $out" >&2
expect_gt "counters survive a refused zero" 0 "$(knits_counter "$NS_GW" hook_packets_ipv4)"
"${nocaps[@]}" "$KNITSCTL" status >/dev/null || fail "unprivileged status failed"

ns_gw "$KNITSCTL" zero
expect_eq "gateway ipv4 packets after zero" 0 "$(knits_counter "$NS_GW" hook_packets_ipv4)"

# A namespace deleted while the module is loaded tears its knits state down.
pp ip netns add "$TOPO_PREFIX-gone"
expect_eq "fresh namespace counters" 0 \
	"$(ip netns exec "$TOPO_PREFIX-gone" "$KNITSCTL" status --json | json_get .counters.hook_packets_ipv4)"
pp ip netns del "$TOPO_PREFIX-gone"

# Unload while the namespaces and their servers are alive and packets cross
# the hooks: a load runs through the gateway during rmmod. It is bounded
# by time (-t after -n), not by a count that a fast machine finishes
# before the unload.
ns_client ab -q -k -n 1000000 -t 8 -c 4 "http://$(node_ip 2)/" >"$TOPO_DIR/ab.out" 2>&1 &
load=$!
sleep 2
pp rmmod knits
kill -0 "$load" 2>/dev/null || fail "the load ended before the unload: it proves nothing"
echo "ok: unloaded while the load was running" >&2
[ ! -d /sys/module/knits ] || fail "knits still loaded after rmmod"
wait "$load" || fail "the load across the unload failed: $(cat "$TOPO_DIR/ab.out")"
expect_eq "failed requests across the unload" 0 \
	"$(sed -nE 's/^Failed requests: +([0-9]+)/\1/p' "$TOPO_DIR/ab.out")"
body=$(ns_client curl -sS --max-time 10 "http://$(node_ip 1)/")
expect_eq "traffic after unload" "hello from node 1" "$body"
echo "PASS: skeleton"
