#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Hand-offs of clients whose TCP options differ from the nodes' (issue 20,
# item 10): a client with timestamps off (Windows' default), one with
# SACK off and one with window scaling off, each against three nodes with
# Linux's defaults (all three on). Each client's persistent connection
# asks node 1, 2, 3 and 1 again in turn (three hand-offs), for 4-8 MiB
# bodies and a 4 MiB upload; every hand-off must be made and every byte
# must be right.
#
#   client (one option off) -- gw (knits.ko, knitsd) -- node1..3 (defaults)
#
# The gateway rescales windows between scales, removes SACK blocks toward
# a side that did not negotiate SACK, and lets a client without
# timestamps meet a node with them: the client's segments reach the node
# without one (Linux checks PAWS only on segments that carry one), the
# node's reach the client with the node's own, which a client that never
# negotiated timestamps ignores (RFC 7323 3.2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
topo_setup 3
docroot=$TOPO_DIR/www
for i in 1 2 3; do mkdir -p "$docroot/$i"; done
head -c 4194304 /dev/urandom >"$docroot/1/m4"
head -c 8388608 /dev/urandom >"$docroot/3/m8"
head -c 4194304 /dev/urandom >"$TOPO_DIR/upload"

svc=$VIP:80
handoff_nodes 80 "$docroot"

sha() { sha256sum <"$1" | cut -d' ' -f1; }
handoffs() { cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true; }

for option in tcp_timestamps tcp_sack tcp_window_scaling; do
	ip netns exec "$NS_CLIENT" sysctl -qw "net.ipv4.$option=0"
	out=$TOPO_DIR/$option
	before=$(handoffs)
	ns_client "$TESTNODE" client --connect "$svc" --out "$out" GET:/n1/m4 \
		"POST:/n2/up:@$TOPO_DIR/upload" GET:/n3/m8 GET:/n1/m4 \
		>"$TOPO_DIR/$option.json" || fail "client with $option off failed"
	expect_eq "$option off: hand-offs made" 3 "$(($(handoffs) - before))"
	expect_eq "$option off: body 0 (m4 from node 1)" "$(sha "$docroot/1/m4")" "$(sha "$out/0")"
	expect_eq "$option off: upload digest (node 2)" "$(sha "$TOPO_DIR/upload")" \
		"$(tr -d '\n' <"$out/1")"
	expect_eq "$option off: body 2 (m8 from node 3)" "$(sha "$docroot/3/m8")" "$(sha "$out/2")"
	expect_eq "$option off: body 3 (m4 from node 1 again)" "$(sha "$docroot/1/m4")" \
		"$(sha "$out/3")"
	ip netns exec "$NS_CLIENT" sysctl -qw "net.ipv4.$option=1"
done

status=$(ip netns exec "$NS_GW" "$KNITSCTL" status --json)
expect_eq "splices the kernel made" 9 "$(json_get .counters.splices <<<"$status")"
expect_eq "splices refused" 0 "$(json_get .counters.splices_refused <<<"$status")"
grep MISMATCH "$TOPO_DIR"/node*.log && fail "a node's copy did not end at P"
for c in drop_splice_overrun drop_splice_straddle drop_splice_options drop_malformed \
	drop_unwritable drop_bad_checksum drop_out_of_window; do
	expect_eq "counter $c" 0 "$(json_get ".counters.$c" <<<"$status")"
done
echo "handoff-clients: all checks passed" >&2
