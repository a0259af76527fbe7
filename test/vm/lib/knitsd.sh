# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# knitsd for knits VM tests: the production hand-off path, node -> signed
# UDP request -> knitsd -> kernel. Source after topology.sh, once
# topo_setup has run.
#
#   knitsd_config N [TOML [HANDOFF]]
#                             write $KNITSD_CONFIG: [handoff] on port 7413
#                             with the keys HANDOFF if given ("rate =
#                             ..."), [control] and [metrics]
#                             (127.0.0.1:9413), TOML if given
#                             ([[service]] tables, say), and a [[node]]
#                             with a fresh key for nodes 1..N
#   knitsd_start              start knitsd in the gateway, wait until it
#                             listens; sets KNITSD_PID
#   knitsd_node_args I        set KNITSD_NODE_ARGS to the knits_testnode
#                             serve options that make node I ask knitsd
#   knitsd_metric NAME        a Prometheus metric's value
#   handoff_nodes PORT ROOT   the hand-off bench: service $VIP:PORT with
#                             nodes 1..3 as members, only node 1 taking
#                             clients (2 and 3 draining); knitsd; and
#                             knits_testnode serve on PORT in node i with
#                             docroot ROOT/i, asking knitsd, logging to
#                             $TOPO_DIR/node<i>.log

KNITSD=${KNITSD:-$KNITS_BUILD/daemon/knitsd}
KNITSD_PORT=7413
KNITSD_METRICS=127.0.0.1:9413
KNITSD_CONFIG=
KNITSD_SOCKET=
KNITSD_PID=
# shellcheck disable=SC2034 # for the tests that source this
KNITSD_NODE_ARGS=()

knitsd_config() {
	local n=$1 extra=${2:-} handoff=${3:-} i
	KNITSD_CONFIG=$TOPO_DIR/knitsd.toml
	KNITSD_SOCKET=$TOPO_DIR/knitsd.sock
	cat >"$KNITSD_CONFIG" <<TOML
[handoff]
listen = "0.0.0.0:$KNITSD_PORT"
$handoff

[control]
socket = "$KNITSD_SOCKET"

[metrics]
listen = "$KNITSD_METRICS"

$extra
TOML
	for i in $(seq 1 "$n"); do
		# 32 random bytes as 64 hex digits
		od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$TOPO_DIR/node$i.key"
		cat >>"$KNITSD_CONFIG" <<TOML

[[node]]
id = $i
address = "$(node_ip "$i")"
keys = [{ id = 1, key_file = "$TOPO_DIR/node$i.key" }]
TOML
	done
	ns_gw "$KNITSD" --check --config "$KNITSD_CONFIG" >&2
}

knitsd_start() {
	ip netns exec "$NS_GW" "$KNITSD" --config "$KNITSD_CONFIG" 2>>"$TOPO_DIR/knitsd.log" &
	KNITSD_PID=$!
	for _ in $(seq 100); do
		ss -N "$NS_GW" -Hlun "sport = :$KNITSD_PORT" | grep -q . && return 0
		kill -0 "$KNITSD_PID" 2>/dev/null || break
		sleep 0.1
	done
	fail "knitsd did not start: $(tail -n 5 "$TOPO_DIR/knitsd.log")"
}

knitsd_node_args() {
	# shellcheck disable=SC2034 # for the tests that source this
	KNITSD_NODE_ARGS=(--splice-udp "$(gw_ip "$1"):$KNITSD_PORT" --node-id "$1"
		--key-file "$TOPO_DIR/node$1.key")
}

knitsd_metric() {
	ip netns exec "$NS_GW" curl -sS --max-time 10 "http://$KNITSD_METRICS/metrics" |
		awk -v m="$1" '$1 == m { print $2 }'
}

handoff_nodes() {
	local port=$1 root=$2 i nodes=()
	pp ip netns exec "$NS_GW" "$KNITSCTL" service add "$VIP:$port" --sched rr
	pp ip netns exec "$NS_GW" "$KNITSCTL" member add "$VIP:$port" "$(node_ip 1):$port"
	for i in 2 3; do
		pp ip netns exec "$NS_GW" "$KNITSCTL" member add "$VIP:$port" \
			"$(node_ip "$i"):$port" --state draining
	done
	knitsd_config 3
	knitsd_start
	for i in 1 2 3; do nodes+=(--node "$i=$(node_ip "$i"):$port"); done
	for i in 1 2 3; do
		knitsd_node_args "$i"
		ip netns exec "$(node_ns "$i")" "${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}" \
			serve --listen "$port" --docroot "$root/$i" --self "$i" "${nodes[@]}" \
			"${KNITSD_NODE_ARGS[@]}" 2>"$TOPO_DIR/node$i.log" &
	done
	for i in 1 2 3; do topo_wait_listen "$(node_ns "$i")" "$port"; done
}
