#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Restart without loss: knitsd is killed with SIGKILL in the middle of a
# hand-off workload (4 keep-alive clients, each handed between 3 nodes on
# every request) and started again. Bindings live in the kernel, the node
# library resends unanswered requests, and the restarted knitsd finds the
# services already as its configuration says: every body is byte-exact,
# every hand-off is made, and the restart changes no service. One node
# asks for each splice twice: the kernel answers the repeat with the same
# P and counts it, making no second splice.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
CLIENTS=4
URLS=120
topo_setup 3
docroot=$TOPO_DIR/www
for i in 1 2 3; do
	mkdir -p "$docroot/$i"
	head -c $((20000 * i + 7)) /dev/urandom >"$docroot/$i/obj"
done
ctl() { ns_gw "$KNITSCTL" "$@"; }
svc=$VIP:80

services=$(
	cat <<TOML
[[service]]
vip = "$svc"
scheduler = "rr"
  [[service.member]]
  address = "$(node_ip 1):80"
  [[service.member]]
  address = "$(node_ip 2):80"
  state = "draining"
  [[service.member]]
  address = "$(node_ip 3):80"
  state = "draining"
TOML
)
knitsd_config 3 "$services"
config=$KNITSD_CONFIG
knitsd_start
nodes=()
for i in 1 2 3; do nodes+=(--node "$i=$(node_ip "$i"):80"); done
# Node 3 asks for each of its splices twice, as a node does whose answer
# was lost: the kernel answers the repeat with the same P.
for i in 1 2 3; do
	twice=()
	[ "$i" = 3 ] && twice=(--splice-twice)
	knitsd_node_args "$i"
	ip netns exec "$(node_ns "$i")" "$TESTNODE" serve --listen 80 \
		--docroot "$docroot/$i" --self "$i" "${nodes[@]}" "${KNITSD_NODE_ARGS[@]}" \
		"${twice[@]}" 2>"$TOPO_DIR/node$i.log" &
done
for i in 1 2 3; do topo_wait_listen "$(node_ns "$i")" 80; done
settings() { ip netns exec "$NS_GW" "$KNITSCTL" list --json | jq -c '[.services[] | {vip, sched, members: [.members[] | {member, weight, state}]}]'; }
before=$(settings)
handoffs() { cat "$TOPO_DIR"/node*.log | grep -c "handoff .* P=" || true; }

# Each client asks nodes 1, 2, 3, 1, ... in turn over one connection: a
# hand-off for every request after the first.
pids=()
for c in $(seq "$CLIENTS"); do
	args=()
	for u in $(seq 0 $((URLS - 1))); do
		n=$((u % 3 + 1))
		args+=(-o "$TOPO_DIR/c$c-$u" "http://$svc/n$n/obj")
	done
	ip netns exec "$NS_CLIENT" curl -sS --fail --max-time 300 "${args[@]}" \
		2>"$TOPO_DIR/curl$c.err" &
	pids+=($!)
done
# kill -9 once hand-offs are under way, and start again. With KVM the
# whole workload takes about a second: knitsd is stopped first, so that
# no hand-off completes between the count and the kill and what is left
# of the workload must go through the restarted knitsd.
for _ in $(seq 3000); do
	[ "$(handoffs)" -ge 10 ] && break
	sleep 0.01
done
kill -STOP "$KNITSD_PID"
at_kill=$(handoffs)
kill -KILL "$KNITSD_PID"
wait "$KNITSD_PID" 2>/dev/null || true
echo "knitsd killed after $at_kill hand-offs" >&2
echo "--- restart" >>"$TOPO_DIR/knitsd.log"
restarted=$(date +%s%N)
knitsd_start
# knitsctl sees the restarted knitsd's view, reconciled with the kernel
daemon() { ip netns exec "$NS_GW" "$KNITSCTL" daemon --socket "$KNITSD_SOCKET" "$@"; }
for _ in $(seq 50); do
	[ "$(daemon status --json 2>/dev/null | jq .services.in_sync)" = true ] && break
	sleep 0.1
done
synced_ms=$((($(date +%s%N) - restarted) / 1000000))
expect_eq "knitsd's services in sync with the kernel after the restart" true \
	"$(daemon status --json | jq .services.in_sync)"
expect_gt "ms to reconcile, below 5000 (5000 minus it)" 0 $((5000 - synced_ms))
echo "reconciled ${synced_ms} ms after the restart" >&2
for c in $(seq "$CLIENTS"); do
	wait "${pids[$((c - 1))]}" || fail "client $c failed: $(cat "$TOPO_DIR/curl$c.err")"
done
want=$((CLIENTS * (URLS - 1)))
expect_gt "hand-offs made before the kill" 9 "$at_kill"
expect_gt "hand-offs wanted, more than made before the kill" "$at_kill" "$want"
expect_gt "hand-offs made after the kill" "$at_kill" "$(handoffs)"
grep -h "not made" "$TOPO_DIR"/node*.log | sort | uniq -c | head -n 20 >&2 || true
expect_eq "hand-offs in all" "$want" "$(handoffs)"
for c in $(seq "$CLIENTS"); do
	for u in $(seq 0 $((URLS - 1))); do
		n=$((u % 3 + 1))
		cmp -s "$docroot/$n/obj" "$TOPO_DIR/c$c-$u" || fail "client $c body $u differs"
	done
done
echo "ok: $((CLIENTS * URLS)) bodies byte-exact" >&2
# Each connection is handed on $((URLS - 1)) times: a node that opened c2
# with less than c1's MSS would shrink it at every hop.
expect_eq "c2 MSS every node asked for" 1460 \
	"$(grep -ho " MSS=[0-9]*" "$TOPO_DIR"/node*.log | sort -u | cut -d= -f2 | paste -sd' ')"
from3=$(grep -c "handoff .* P=" "$TOPO_DIR/node3.log" || true)
expect_gt "hand-offs from node 3, each asked twice" 0 "$from3"
# node 3's repeats, and any request the killed knitsd had taken to the
# kernel without answering (the node resends it to the new knitsd): at
# most one per client connection
resent=$(ns_gw "$KNITSCTL" status --json | jq .counters.splices_resent)
expect_gt "splices the kernel recognised as asked again, node 3's $from3 at least" \
	$((from3 - 1)) "$resent"
expect_gt "splices recognised as asked again beyond node 3's, at most $CLIENTS ($CLIENTS + 1 minus them)" \
	0 $((CLIENTS + 1 - (resent - from3)))
expect_eq "splices the kernel made" "$want" \
	"$(ns_gw "$KNITSCTL" status --json | jq .counters.splices)"
sed -n '/^--- restart/,$p' "$TOPO_DIR/knitsd.log" >&2
if sed -n '/^--- restart/,$p' "$TOPO_DIR/knitsd.log" | grep -q "services: "; then
	fail "the restarted knitsd changed services"
fi
expect_eq "services after the restart" "$before" "$(settings)"

# knitsd's own matters through knitsctl
daemon status >&2
expect_eq "nodes knitsd knows" "1 2 3" "$(daemon status --json | jq -r '[.nodes[].id] | join(" ")')"
expect_gt "splices knitsd answered ok" 0 "$(daemon status --json | jq '.requests.splice_answers.ok')"
sed '0,/state = "draining"/s//weight = 70000/' "$config" >"$TOPO_DIR/bad.toml"
rc=0
out=$(daemon validate "$TOPO_DIR/bad.toml" 2>&1) || rc=$?
expect_eq "validate of a bad file: exit code" 3 "$rc"
grep -q "$TOPO_DIR/bad.toml:[0-9]*:[0-9]*: \"weight\" must be in 0..65535" <<<"$out" ||
	fail "validate does not say where: $out"
expect_eq "validate of the running file" "$config: valid" "$(daemon validate "$config")"
sed -i 's/state = "draining"/state = "down"/' "$config"
expect_eq "reload through knitsctl" reloaded "$(daemon reload)"
expect_eq "members' states after the reload" "active down down" \
	"$(ip netns exec "$NS_GW" "$KNITSCTL" list --json | jq -r '[.services[0].members[].state] | join(" ")')"
expect_eq "in sync after the reload" true "$(daemon status --json | jq .services.in_sync)"

# The module remembers who made each service: a knitsd started with a
# file that no longer has a service an earlier knitsd made deletes it,
# and leaves an administrator's alone.
owners() { ctl list --json | jq -r '[.services[] | "\(.vip)=\(.owner)"] | join(" ")'; }
ctl service add "$VIP:8080" --sched rr
expect_eq "owners" "$svc=knitsd $VIP:8080=none" "$(owners)"
kill -KILL "$KNITSD_PID"
wait "$KNITSD_PID" 2>/dev/null || true
echo "--- restart without the service" >>"$TOPO_DIR/knitsd.log"
knitsd_config 3
knitsd_start
expect_eq "services after a restart with a file without $svc" "$VIP:8080=none" "$(owners)"
sed -n '/^--- restart without/,$p' "$TOPO_DIR/knitsd.log" >&2
grep -q "services: delete service $svc" "$TOPO_DIR/knitsd.log" ||
	fail "knitsd did not say it deleted $svc"
grep -q "services: $VIP:8080 is in the module but not in the configuration; left alone" \
	"$TOPO_DIR/knitsd.log" || fail "knitsd did not say it left $VIP:8080 alone"

# Readiness as systemd's Type=notify sees it (knitsd.service): READY=1
# once knitsd answers, STOPPING=1 when SIGTERM stops it.
kill -TERM "$KNITSD_PID"
wait "$KNITSD_PID" || fail "knitsd did not stop cleanly on SIGTERM"
ip netns exec "$NS_GW" socat -u UNIX-RECV:"$TOPO_DIR/notify.sock" \
	OPEN:"$TOPO_DIR/notify.log",creat,append &
notify=$!
for _ in $(seq 50); do
	[ -S "$TOPO_DIR/notify.sock" ] && break
	sleep 0.1
done
NOTIFY_SOCKET=$TOPO_DIR/notify.sock knitsd_start
for _ in $(seq 50); do
	grep -q "READY=1" "$TOPO_DIR/notify.log" 2>/dev/null && break
	sleep 0.1
done
expect_eq "knitsd's readiness" READY=1 "$(grep -o "READY=1" "$TOPO_DIR/notify.log")"
kill -TERM "$KNITSD_PID"
wait "$KNITSD_PID" || fail "knitsd did not stop cleanly on SIGTERM"
sleep 0.2
expect_eq "knitsd's stop" STOPPING=1 "$(grep -o "STOPPING=1" "$TOPO_DIR/notify.log")"
kill "$notify" 2>/dev/null || true
echo "knitsd-restart: all checks passed" >&2
