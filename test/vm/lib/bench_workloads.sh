# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The benchmark's workloads, as the KNITS paper's section V: one client
# thread, serialized request and response (the next request leaves once
# the last response is whole). curl is the client: one process per
# workload and size (under the emulated CPU a process start costs more
# than many requests), its own timer per transfer (-w). Every response's
# length is checked; a wrong one fails the bench. Each measurement is
# appended to $BENCH_SAMPLES as one JSON line: workload, metric, unit,
# variant, size, rep, value. Source after bench_variants.sh.
#
# The variants are measured in alternation, not one after another: the
# emulated CPU's speed drifts with the host's load over seconds to
# minutes, by as much as 2x, and two variants measured minutes apart
# differ by that drift more than by what they cost. Measured seconds
# apart, a slow spell falls on all of them alike, and the report's
# ratios pair each variant's sample with forward's of the same
# repetition (Documentation/bench/README.md).
#
#   bench_persistent REP SIZE VARIANT...
#       per VARIANT in turn a new connection with bench_requests SIZE
#       requests on it (the last with "Connection: close"): throughput
#       (Mbit/s of response bytes) and latency (ms from a request's start
#       to its response's end, connection set-up included on the first).
#       Each connection must carry all of its requests.
#   bench_cps REP SIZE VARIANT...
#       BENCH_CPS_REQUESTS rounds of one connection of one request to each
#       VARIANT in turn: connections per second, and the request's own
#       time (ms from the end of the TCP handshake: curl's time_connect,
#       which it takes before it sends the request; its time_pretransfer
#       is taken after, and with one CPU the server may have done all its
#       work first).
#   bench_wrk VARIANT REP SIZE
#       wrk, BENCH_WRK_CONNECTIONS keep-alive connections for
#       BENCH_WRK_SECONDS: requests per second.
#   bench_rotation REP VARIANT...
#       the VARIANTs rotated by REP places, space-separated: each
#       repetition starts with another, so none is always first.

BENCH_SAMPLES=${BENCH_SAMPLES:-}
BENCH_CPS_REQUESTS=${BENCH_CPS_REQUESTS:-8}
BENCH_MAX_REQUESTS=${BENCH_MAX_REQUESTS:-16}
BENCH_WRK_CONNECTIONS=${BENCH_WRK_CONNECTIONS:-16}
BENCH_WRK_SECONDS=${BENCH_WRK_SECONDS:-3}
BENCH_CURL_FORMAT='%{size_download} %{time_total} %{time_connect} %{num_connects}\n'

# bench_requests SIZE: requests on one connection: about 8 MiB of
# responses, 2 at least (the hand-off variants' second request is the
# second hand-off) and BENCH_MAX_REQUESTS at most
bench_requests() {
	local k=$(((8 << 20) / $1))
	[ "$k" -le "$BENCH_MAX_REQUESTS" ] || k=$BENCH_MAX_REQUESTS
	[ "$k" -ge 2 ] || k=2
	echo "$k"
}

# bench_record WORKLOAD METRIC UNIT VARIANT SIZE REP VALUE
bench_record() {
	printf '{"workload":"%s","metric":"%s","unit":"%s","variant":"%s","size":%s,"rep":%s,"value":%s}\n' \
		"$@" >>"$BENCH_SAMPLES"
}

# bench_curl EXPECTED CURL-ARGS...: run curl in the client with the
# transfers' variants and expected sizes ("VARIANT SIZE" a line) in file
# EXPECTED; prints "variant size time_total time_connect connects" a
# transfer, and fails if curl did or any length is wrong
bench_curl() {
	local expected=$1 out
	shift
	out=$(ip netns exec "$NS_CLIENT" curl "$@") ||
		fail "$(cut -d' ' -f1 "$expected" | sort -u | xargs): curl failed ($?)"
	paste -d' ' "$expected" - <<<"$out" | awk '
		$2 != $3 { printf "%s: transfer %d: %s bytes, expected %s\n", $1, NR, $3, $2 > "/dev/stderr"; bad = 1 }
		{ print $1, $3, $4, $5, $6 }
		END { if (NR == 0) bad = 1; exit bad }' || fail "a response was cut short or too long"
}

# bench_op ARGS-ARRAY-NAME HEADER URL...: one curl operation (after
# --next if it is not the first)
bench_op() {
	local -n args=$1
	local header=$2 url
	shift 2
	[ ${#args[@]} = 0 ] || args+=(--next)
	# a SYN that is never answered fails the bench in seconds, not after
	# the kernel's 2 minutes of retransmissions
	args+=(-sS --fail --connect-timeout 20 -w "$BENCH_CURL_FORMAT")
	[ -z "$header" ] || args+=(-H "$header")
	for url in "$@"; do args+=(-o /dev/null "$url"); done
}

bench_persistent() {
	local rep=$1 size=$2 variant k j urls expected=$TOPO_DIR/expected curl_args=()
	shift 2
	: >"$expected"
	k=$(bench_requests "$size")
	for variant in "$@"; do
		urls=()
		for j in $(seq 1 "$k"); do
			urls+=("http://${BENCH_HOST[$variant]}$(bench_path "$variant" "$size" "$j")")
			echo "$variant $size" >>"$expected"
		done
		bench_op curl_args "" "${urls[@]:0:k-1}"
		bench_op curl_args "Connection: close" "${urls[k - 1]}"
	done
	bench_curl "$expected" "${curl_args[@]}" |
		awk '{ bytes[$1] += $2; time[$1] += $3; n[$1]++; connects[$1] += $5 }
			END {
				for (v in n) {
					if (connects[v] != 1) {
						printf "%s: %d requests took %d connections, not 1\n", v, n[v], connects[v] > "/dev/stderr"
						exit 1
					}
					printf "%s %.6f %.6f\n", v, bytes[v] * 8 / time[v] / 1e6, time[v] / n[v] * 1000
				}
			}' >"$TOPO_DIR/measured" || fail "persistent at $size bytes: not measured (see above)"
	while read -r variant mbit ms; do
		bench_record persistent throughput Mbit/s "$variant" "$size" "$rep" "$mbit"
		bench_record persistent latency ms "$variant" "$size" "$rep" "$ms"
	done <"$TOPO_DIR/measured"
}

bench_cps() {
	local rep=$1 size=$2 variant j urls=() expected=$TOPO_DIR/expected curl_args=()
	shift 2
	: >"$expected"
	for j in $(seq 1 "$BENCH_CPS_REQUESTS"); do
		for variant in "$@"; do
			urls+=("http://${BENCH_HOST[$variant]}$(bench_path "$variant" "$size" 1)")
			echo "$variant $size" >>"$expected"
		done
	done
	bench_op curl_args "Connection: close" "${urls[@]}"
	bench_curl "$expected" "${curl_args[@]}" |
		awk '$5 != 1 { print $1 ": a transfer did not open its own connection" > "/dev/stderr"; exit 1 }
			{ time[$1] += $3; request[$1] += $3 - $4; n[$1]++ }
			END { for (v in n) printf "%s %.6f %.6f\n", v, n[v] / time[v], request[v] / n[v] * 1000 }' \
		>"$TOPO_DIR/measured" || fail "cps at $size bytes: not measured (see above)"
	while read -r variant cps ms; do
		bench_record cps cps connections/s "$variant" "$size" "$rep" "$cps"
		bench_record cps request ms "$variant" "$size" "$rep" "$ms"
	done <"$TOPO_DIR/measured"
}

bench_rotation() {
	local rep=$1 k
	shift
	local variants=("$@")
	for k in $(seq 0 $(($# - 1))); do
		printf '%s ' "${variants[$(((k + rep) % $#))]}"
	done
}

bench_wrk() {
	local variant=$1 rep=$2 size=$3 out rps errors
	out=$(ip netns exec "$NS_CLIENT" wrk -t 2 -c "$BENCH_WRK_CONNECTIONS" -d "${BENCH_WRK_SECONDS}s" \
		--timeout 10s "http://${BENCH_HOST[$variant]}$(bench_path "$variant" "$size" 1)") ||
		fail "$variant: wrk failed"
	rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
	errors=$(awk '/Socket errors/ { n = 0; for (i = 3; i <= NF; i += 2) n += $(i + 1); print n }
		/Non-2xx/ { print $NF }' <<<"$out" | awk '{ n += $1 } END { print n + 0 }')
	[ "$errors" = 0 ] || fail "$variant: wrk saw $errors errors: $out"
	[ -n "$rps" ] || fail "$variant: wrk printed no rate: $out"
	bench_record wrk rps requests/s "$variant" "$size" "$rep" "$rps"
}
