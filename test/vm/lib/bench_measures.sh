# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The benchmark's measurements beyond the paper's workloads; each writes
# one JSON object on stdout. Source after bench_workloads.sh, once
# bench_variants_setup has run.
#
#   bench_handoff_cost N      a request that hands its connection off
#                             against one that does not (N of each, one
#                             per connection, 1 KiB), and where the
#                             hand-off's time goes, from the counters of
#                             node 1's proxy and of knitsd
#   bench_memory COUNT...     kernel memory per tracked connection with
#                             COUNT connections in the table
#   bench_control N           hand-off requests per second through knitsd
#                             into the kernel, and a UDP echo's rate, in
#                             alternating rounds

# bench_mean_of FILE VARIANT METRIC: the value of a sample in FILE
bench_mean_of() {
	jq -s --arg v "$2" --arg m "$3" 'map(select(.variant == $v and .metric == $m))[0].value' "$1"
}

bench_handoff_cost() {
	local n=$1 samples=$TOPO_DIR/handoff-cost.jsonl before after k0 k1 t0 t1
	: >"$samples"
	before=$(proxy_counters 1)
	k0=$(knitsd_metric 'knitsd_kernel_calls_total{type="splice"}')
	t0=$(knitsd_metric 'knitsd_kernel_seconds_total{type="splice"}')
	# in alternation: only knits-handoff-1's requests hand off
	BENCH_SAMPLES=$samples BENCH_CPS_REQUESTS=$n bench_cps 0 1024 knits knits-handoff-1
	after=$(proxy_counters 1)
	k1=$(knitsd_metric 'knitsd_kernel_calls_total{type="splice"}')
	t1=$(knitsd_metric 'knitsd_kernel_seconds_total{type="splice"}')
	jq -n --argjson b "$before" --argjson a "$after" --argjson n "$n" \
		--argjson plain "$(bench_mean_of "$samples" knits request)" \
		--argjson handoff "$(bench_mean_of "$samples" knits-handoff-1 request)" \
		--argjson kernel_calls "$((k1 - k0))" --argjson kernel_s "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" '
		($a.handoffs - $b.handoffs) as $h
		| if $h != $n then error("\($h) hand-offs for \($n) requests") else . end
		| (($a.handoff_connect_us - $b.handoff_connect_us) / $h / 1000) as $connect
		| (($a.handoff_exchange_us - $b.handoff_exchange_us) / $h / 1000) as $exchange
		| ($kernel_s * 1000 / $kernel_calls) as $kernel
		| {requests: $n, plain_ms: $plain, handoff_ms: $handoff, added_ms: ($handoff - $plain),
		   parts_ms: {c2_connect: $connect, knitsd_exchange: ($exchange - $kernel),
			      kernel_apply: $kernel, rest: ($handoff - $plain - $connect - $exchange)}}'
}

# bench_slab_bytes CACHE: the memory CACHE's slabs hold (whole slabs)
bench_slab_bytes() {
	awk -v c="$1" '$1 == c { print $15 * $6 * 4096; found = 1 } END { if (!found) print 0 }' /proc/slabinfo
}

bench_conns() { ip netns exec "$NS_GW" "$KNITSCTL" config --json | jq .conns; }
bench_ct_conns() {
	ip netns exec "$TOPO_PREFIX-gw${BENCH_GW[nft-nat]}" cat /proc/sys/net/netfilter/nf_conntrack_count
}

# bench_syn_fill COUNTER TARGET DEST: SYNs to DEST:81 from distinct
# client ports and addresses, whose receiver drops them, until COUNTER
# prints TARGET or more: the connections stay in SYN_SENT, kept for the
# measurement by a long timeout. Under the emulated CPU a gateway drops
# some of a fast stream, so what is missing is sent again from fresh
# tuples.
bench_syn_fill() {
	local counter=$1 target=$2 dest=$3 have need
	have=$($counter)
	while [ "$have" -lt "$target" ]; do
		need=$((target - have + 16))
		[ $((BENCH_SYN_PORT + need)) -le 65000 ] || need=$((65000 - BENCH_SYN_PORT))
		ip netns exec "$NS_CLIENT" hping3 -q -S -p 81 -a "10.0.0.$BENCH_SYN_ADDR" \
			-s "$BENCH_SYN_PORT" -i u20 -c "$need" "$dest" >/dev/null 2>&1 || true
		BENCH_SYN_PORT=$((BENCH_SYN_PORT + need))
		if [ "$BENCH_SYN_PORT" -ge 65000 ]; then
			BENCH_SYN_ADDR=$((BENCH_SYN_ADDR + 1))
			BENCH_SYN_PORT=1024
			[ "$BENCH_SYN_ADDR" -lt 120 ] || fail "memory: out of client tuples at $have connections"
		fi
		sleep 1
		have=$($counter)
	done
}

# bench_memory_of COUNTER CACHE DEST COUNT...: per COUNT, the memory the
# slabs of CACHE grew by once COUNT more connections are tracked (a JSON
# array)
bench_memory_of() {
	local counter=$1 cache=$2 dest=$3 base_conns base_slab target conns slab records=()
	shift 3
	BENCH_SYN_ADDR=100 BENCH_SYN_PORT=1024
	base_conns=$($counter)
	base_slab=$(bench_slab_bytes "$cache")
	for target in "$@"; do
		bench_syn_fill "$counter" $((base_conns + target)) "$dest"
		conns=$(($($counter) - base_conns))
		slab=$(($(bench_slab_bytes "$cache") - base_slab))
		echo "memory: $conns connections, $cache slabs +$slab bytes" >&2
		records+=("$(jq -n --argjson c "$conns" --argjson s "$slab" \
			--argjson o "$(awk -v c="$cache" '$1 == c { print $4 }' /proc/slabinfo)" \
			'{connections: $c, slab_bytes: $s, object_bytes: $o, bytes_per_connection: ($s / $c)}')")
	done
	printf '%s\n' "${records[@]}" | jq -s .
}

# bench_memory COUNT...: knits's memory per connection, and conntrack's
# (the nft-nat gateway's) for the same SYNs: {"knits": [...], "conntrack": [...]}
bench_memory() {
	local knits conntrack
	ns_gw "$KNITSCTL" config --max-conns 1000000 --timeout SYN_SENT=3600 >&2
	ns_gw "$KNITSCTL" service add "$VIP:81" --sched rr >&2
	ns_gw "$KNITSCTL" member add "$VIP:81" "$(node_ip 1):81" >&2
	sysctl -qw net.netfilter.nf_conntrack_max=1000000 >&2
	ip netns exec "$TOPO_PREFIX-gw${BENCH_GW[nft-nat]}" \
		sysctl -qw net.netfilter.nf_conntrack_tcp_timeout_syn_sent=3600 >&2
	ns_node 1 nft -f - >&2 <<EOF
table inet bench {
	chain input {
		type filter hook input priority 0;
		tcp dport 81 drop
	}
}
EOF
	knits=$(bench_memory_of bench_conns knits_conn "$VIP" "$@")
	conntrack=$(bench_memory_of bench_ct_conns nf_conntrack "$(bench_gw_vip "${BENCH_GW[nft-nat]}")" "$@")
	jq -n --argjson k "$knits" --argjson c "$conntrack" '{knits: $k, conntrack: $c}'
}

# bench_control N: in BENCH_CONTROL_ROUNDS rounds, N / rounds requests to
# the UDP echo and as many to knitsd, in alternation (the emulated CPU's
# speed drifts over seconds, as for the workloads); the rates are the
# rounds' means without the highest and lowest, the ratio the same of the
# rounds' own ratios
bench_control() {
	local n=$1 rounds=${BENCH_CONTROL_ROUNDS:-7} echo_pid probe echo valid r records=()
	probe=(ip netns exec "$(node_ns 1)" "$KNITS_BUILD/test/vm/tools/handoff_probe" --node-id 1
		--key-file "$TOPO_DIR/node1.key" --count $((n / rounds)) --closed-loop)
	for r in $(seq 1 "$rounds"); do
		# socat: a UDP echo in one process (PIPE sends each datagram
		# back), to the first peer only: one a round
		ip netns exec "$NS_GW" socat "UDP-LISTEN:7414,bind=$(gw_ip 1)" PIPE &
		echo_pid=$!
		for _ in $(seq 50); do
			ss -N "$NS_GW" -Hlun "sport = :7414" | grep -q . && break
			sleep 0.1
		done
		echo=$("${probe[@]}" --gateway "$(gw_ip 1):7414" --what echo)
		kill "$echo_pid" 2>/dev/null || true
		wait "$echo_pid" 2>/dev/null || true
		valid=$("${probe[@]}" --gateway "$(gw_ip 1):$KNITSD_PORT" --what valid)
		[ "$(jq .answers <<<"$echo")" = $((n / rounds)) ] || fail "control: round $r: the echo answered $echo"
		[ "$(jq .answers <<<"$valid")" = $((n / rounds)) ] || fail "control: round $r: knitsd answered $valid"
		records+=("$(jq -n --argjson e "$echo" --argjson v "$valid" \
			'{requests: $v.sent, echo_per_second: $e.per_second, splice_per_second: $v.per_second,
			  ratio: ($v.per_second / $e.per_second)}')")
	done
	printf '%s\n' "${records[@]}" | jq -s '
		def kept: sort | if length >= 3 then .[1:-1] else . end | add / length;
		{requests: (map(.requests) | add), echo_per_second: (map(.echo_per_second) | kept),
		 splice_per_second: (map(.splice_per_second) | kept), ratio: (map(.ratio) | kept),
		 rounds: .}'
}
