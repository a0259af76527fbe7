#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rmmod while 100 client connections are live, half of them handed off
# (their splices live in the table too): no oops and no WARN (vm-run
# fails the run on either, and on a cache destroyed with objects left),
# and every object of the module's caches is returned: before, the
# caches hold the connections and splices; after, the caches are gone
# (a cache with an object left cannot be destroyed: it would stay, and
# the kernel would report it), and a fresh load starts from zero. (vm-run
# boots with slab_nomerge, so knits_conn and knits_splice are caches of
# their own.) knitsd, which asked for the splices, outlives the module,
# asks the one loaded again, and gives it the service of its
# configuration again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

TESTNODE=${TESTNODE:-$KNITS_BUILD/test/vm/tools/knits_testnode}
topo_setup 2
docroot=$TOPO_DIR/www
for i in 1 2; do mkdir -p "$docroot/$i"; done
printf x >"$docroot/1/one"
printf y >"$docroot/2/one"

ctl() { ns_gw "$KNITSCTL" "$@"; }
svc=$VIP:80
ctl service add "$svc" --sched rr
for i in 1 2; do ctl member add "$svc" "$(node_ip "$i"):80"; done
# knitsd keeps a second service; the first is an administrator's
kept=$VIP:8080
knitsd_config 2 "$(
	cat <<TOML
[[service]]
vip = "$kept"
scheduler = "rr"
  [[service.member]]
  address = "$(node_ip 1):80"
TOML
)"
knitsd_start
kept_services() { ctl list --json | jq -c '[.services[] | select(.owner == "knitsd") | {vip, sched, members: [.members[].member]}]'; }
want_kept="[{\"vip\":\"$kept\",\"sched\":\"rr\",\"members\":[\"$(node_ip 1):80\"]}]"
expect_eq "knitsd's service" "$want_kept" "$(kept_services)"
nodes=()
for i in 1 2; do nodes+=(--node "$i=$(node_ip "$i"):80"); done
for i in 1 2; do
	knitsd_node_args "$i"
	ip netns exec "$(node_ns "$i")" "$TESTNODE" serve --listen 80 \
		--docroot "$docroot/$i" --self "$i" "${nodes[@]}" \
		"${KNITSD_NODE_ARGS[@]}" 2>"$TOPO_DIR/node$i.log" &
done
for i in 1 2; do topo_wait_listen "$(node_ns "$i")" 80; done

# objects NAME: the active objects of slab cache NAME, empty if it is gone
objects() { awk -v n="$1" '$1 == n {print $2}' /proc/slabinfo; }
expect_eq "knits_conn objects at the start" 0 "$(objects knits_conn)"
expect_eq "knits_splice objects at the start" 0 "$(objects knits_splice)"

# 100 connections held open by one shell; every one asks for /n1/one
# keep-alive, so the half that rr gives node 2 is handed off to node 1
n=100
ip netns exec "$NS_CLIENT" bash -c '
	for i in $(seq '"$n"'); do
		exec {fd}<>/dev/tcp/'"$VIP"'/80
		printf "GET /n1/one HTTP/1.1\r\nHost: knits\r\n\r\n" >&"$fd"
	done
	sleep 600' &
holder=$!
for _ in $(seq 100); do
	[ "$(grep -c "handoff GET /n1/one .* P=" "$TOPO_DIR/node2.log" || true)" -ge $((n / 2)) ] &&
		break
	sleep 0.3
done
conns=$(ctl conns --json | jq --arg v "$svc" '[.[] | select(.vip == $v and .state == "ESTABLISHED")] | length')
expect_eq "live client connections" "$n" "$conns"
splices=$(knits_counter "$NS_GW" splices)
expect_eq "hand-offs made" $((n / 2)) "$splices"
# a client connection, and a node connection per hand-off; slabinfo
# counts whole per-CPU slabs as active, so it is a lower bound here
entries=$(ctl conns --json | jq length)
expect_eq "table entries" $((n + splices)) "$entries"
expect_gt "knits_conn objects with the connections live" $((entries - 1)) "$(objects knits_conn)"
expect_gt "knits_splice objects with the connections live" $((splices - 1)) "$(objects knits_splice)"

pp rmmod knits
kill -0 "$holder" 2>/dev/null || fail "the connections were gone before the unload"
expect_eq "knits_conn cache after the unload" "" "$(objects knits_conn)"
expect_eq "knits_splice cache after the unload" "" "$(objects knits_splice)"
kill "$holder" 2>/dev/null || true

for dep in $(modinfo -F depends "$KNITS_REPO/kmod/knits.ko" | tr , ' '); do pp modprobe "$dep"; done
pp insmod "$KNITS_REPO/kmod/knits.ko"
expect_eq "knits_conn objects after a fresh load" 0 "$(objects knits_conn)"
expect_eq "knits_splice objects after a fresh load" 0 "$(objects knits_splice)"

# knitsd outlived the module, and asks the new one: its family has a new
# id, which knitsd follows (kernel_error would mean it still used the
# old). The probe's flows are unknown to the fresh module: no_c1.
kill -0 "$KNITSD_PID" || fail "knitsd died with the module"
got=$(ip netns exec "$(node_ns 1)" "$KNITS_BUILD/test/vm/tools/handoff_probe" \
	--gateway "$(gw_ip 1):$KNITSD_PORT" --node-id 1 --key-file "$TOPO_DIR/node1.key" \
	--what valid)
expect_eq "knitsd's answer after the module was loaded again" '["no_c1"]' \
	"$(jq -c .statuses <<<"$got")"
# and gives the new module its service again, not the administrator's
for _ in $(seq 50); do
	[ "$(kept_services)" = "$want_kept" ] && break
	sleep 0.1
done
expect_eq "knitsd's service in the module loaded again" "$want_kept" "$(kept_services)"
expect_eq "services in the module loaded again" "$kept" "$(ctl list --json | jq -r '[.services[].vip] | join(" ")')"
grep -q "knitsd: the knits module was loaded again: applying the configuration to it" \
	"$TOPO_DIR/knitsd.log" || fail "knitsd did not say it saw the module loaded again"
echo "unload: all checks passed" >&2
