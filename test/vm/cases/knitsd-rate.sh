#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# How much of a hand-off exchange is the kernel's: one node sends knitsd
# signed requests one at a time (each once the last is answered), first
# ones knitsd answers alone (not_owner), then splices and prepares it asks
# the kernel about (no_c1: the flows are made up). Every request must be
# answered; the rates are printed, not asserted (they are emulated-CPU
# figures), with the share of an exchange the netlink round trip takes:
# what batching the kernel requests could save at most.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

COUNT=${KNITSD_RATE_COUNT:-5000}
topo_setup 1
# no rate limit in the way: the probe is the only sender
knitsd_config 1 "" "rate = 1000000
burst = 1000000"
knitsd_start
probe() {
	ip netns exec "$(node_ns 1)" "$KNITS_BUILD/test/vm/tools/handoff_probe" \
		--gateway "$(gw_ip 1):$KNITSD_PORT" --node-id 1 --key-file "$TOPO_DIR/node1.key" \
		--count "$COUNT" --closed-loop --what "$@"
}
rate_of() {
	local what=$1 out
	out=$(probe "$what")
	echo "$what: $out" >&2
	expect_eq "$what: answers" "$COUNT" "$(jq .answers <<<"$out")"
	jq '.per_second | floor' <<<"$out"
}
alone=$(rate_of not-owner)
splice=$(rate_of valid)
prepare=$(rate_of prepare)
expect_eq "splices knitsd asked the kernel about" "$COUNT" "$(knitsd_metric 'knitsd_handoff_answers_total{type="splice",status="no_c1"}')"
expect_eq "prepares knitsd asked the kernel about" "$COUNT" "$(knits_counter "$NS_GW" prepares)"
share() { awk -v x="$1" -v a="$alone" 'BEGIN { printf "%.0f", (1 - x / a) * 100 }'; }
echo "knitsd exchanges per second (emulated guest): knitsd alone $alone, splice $splice, prepare $prepare" >&2
echo "the kernel's share of an exchange: splice $(share "$splice")%, prepare $(share "$prepare")%" >&2
echo "knitsd-rate: all checks passed" >&2
