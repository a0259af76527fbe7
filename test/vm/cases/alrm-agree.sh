#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ALRM descriptors through knitsd on a real kernel: knitsd makes the
# services its configuration describes; libalrm's reference evaluator
# agrees with the module on 10,000 flows per scheduler (sh and mh by
# lookup of random clients, rr and wrr by real connections, lc by 10,000
# connections held open); a reload with a mistake changes nothing and says
# file:line:column; a good reload (weights, a member gone, a new hash key)
# applies while a transfer is live, and the evaluator agrees again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/check.sh"
. "$here/../lib/topology.sh"
. "$here/../lib/knitsd.sh"

AGREE=${AGREE:-$KNITS_BUILD/test/vm/tools/alrm_agree}
FLOWS=${ALRM_AGREE_FLOWS:-10000}
topo_setup 3
docroot=$TOPO_DIR/www
for i in 1 2 3; do
	mkdir -p "$docroot/$i"
	head -c 4000000 /dev/urandom >"$docroot/$i/big"
	topo_start_nginx "$i" "$docroot/$i"
done
ctl() { ns_gw "$KNITSCTL" "$@"; }
key1=000102030405060708090a0b0c0d0e0f
key2=f0e1d2c3b4a5968778695a4b3c2d1e0f

# descriptor KEY W1 W2 W3: the services, with the weights of nodes 1..3
# in the mh service (-: not a member)
descriptor() {
	local key=$1
	local -a mh_weights=("$2" "$3" "$4")
	cat <<TOML
[scheduling]
hash_key = "$key"

[[service]]
vip = "$VIP:80"
scheduler = "sh"
  [[service.member]]
  address = "$(node_ip 1):80"
  weight = 3
  [[service.member]]
  address = "$(node_ip 2):80"
  weight = 1
  [[service.member]]
  address = "$(node_ip 3):80"
  state = "draining"

[[service]]
vip = "$VIP:81"
scheduler = "mh"
mh_table_size = 65521
TOML
	local i w
	for i in 1 2 3; do
		w=${mh_weights[$((i - 1))]}
		[ "$w" = - ] && continue
		cat <<TOML
  [[service.member]]
  address = "$(node_ip "$i"):80"
  weight = $w
TOML
	done
	cat <<TOML

[[service]]
vip = "$VIP:82"
scheduler = "rr"
  [[service.member]]
  address = "$(node_ip 1):80"
  [[service.member]]
  address = "$(node_ip 2):80"
  state = "down"
  [[service.member]]
  address = "$(node_ip 3):80"

[[service]]
vip = "$VIP:83"
scheduler = "wrr"
  [[service.member]]
  address = "$(node_ip 1):80"
  weight = 4
  [[service.member]]
  address = "$(node_ip 2):80"
  weight = 3
  [[service.member]]
  address = "$(node_ip 3):80"
  weight = 2

[[service]]
vip = "$VIP:84"
scheduler = "lc"
  [[service.member]]
  address = "$(node_ip 1):84"
  weight = 2
  [[service.member]]
  address = "$(node_ip 2):84"
  [[service.member]]
  address = "$(node_ip 3):84"
TOML
}
# write_config KEY W1 W2 W3: knitsd's whole configuration (no nodes)
write_config() { knitsd_config 0 "$(descriptor "$@")"; }

write_config "$key1" 5 3 1
config=$KNITSD_CONFIG
knitsd_start
# (its socket is bound a moment before it says so)
for _ in $(seq 50); do
	grep -q "keeping 5 services" "$TOPO_DIR/knitsd.log" && break
	sleep 0.1
done
cat "$TOPO_DIR/knitsd.log" >&2
grep -q "keeping 5 services" "$TOPO_DIR/knitsd.log" || fail "knitsd did not keep 5 services"
list() { ip netns exec "$NS_GW" "$KNITSCTL" list --json; }
# what a descriptor sets, without the counters
settings() {
	list | jq -S '[.services[] | {vip, sched, mh_table_size,
		members: [.members[] | {member, weight, state}]}]'
}
expect_eq "services knitsd made" "sh mh rr wrr lc" \
	"$(list | jq -r '[.services[].sched] | join(" ")')"
expect_eq "mh table size" 65521 "$(list | jq ".services[] | select(.vip == \"$VIP:81\") | .mh_table_size")"
expect_eq "sh members' weights and states" "3 active,1 active,1 draining" \
	"$(list | jq -r ".services[] | select(.vip == \"$VIP:80\") | [.members[] | \"\(.weight) \(.state)\"] | join(\",\")")"

# agree WHAT ARGS...: one alrm_agree run that must report no disagreement
agree() {
	local what=$1 out
	shift
	out=$("$@") || fail "$what: $out"
	echo "ok: $what: $out" >&2
}
agree "sh, $FLOWS random clients" ns_gw "$AGREE" lookup --vip "$VIP:80" --key "$key1" --clients "$FLOWS" --seed 1
agree "mh, $FLOWS random clients" ns_gw "$AGREE" lookup --vip "$VIP:81" --key "$key1" --clients "$FLOWS" --seed 2

# rr and wrr: real connections one after another, then their members. The
# closed ones must outlive the run in the table to be read back.
ctl config --timeout FIN_WAIT=900 --timeout TIME_WAIT=900 --timeout CLOSE=900 \
	--timeout CLOSE_WAIT=900 --timeout LAST_ACK=900
for port in 82 83; do
	base=$((20000 + (port - 82) * 10000))
	agree "connections to :$port" ns_client "$AGREE" connect --vip "$VIP:$port" --count "$FLOWS" --port-base "$base"
	agree "$(list | jq -r ".services[] | select(.vip == \"$VIP:$port\") | .sched"), $FLOWS connections" \
		ns_gw "$AGREE" sequence --vip "$VIP:$port" --count "$FLOWS" --port-base "$base"
done
# lc: connections held open, so that each one weighs on the next choice.
# The nodes hold them in the accept queue of a listener that never
# accepts (nginx would take only worker_connections of them).
held=$FLOWS
for i in 1 2 3; do
	ip netns exec "$(node_ns "$i")" sysctl -qw net.core.somaxconn=$((held + 100))
	ip netns exec "$(node_ns "$i")" "$AGREE" listen --port 84 --backlog $((held + 100)) \
		>"$TOPO_DIR/listen$i.json" &
done
for i in 1 2 3; do topo_wait_listen "$(node_ns "$i")" 84; done
mkfifo "$TOPO_DIR/hold"
ip netns exec "$NS_CLIENT" "$AGREE" connect --vip "$VIP:84" --count "$held" \
	--port-base 45000 --hold <"$TOPO_DIR/hold" >"$TOPO_DIR/lc-held.json" &
holder=$!
exec {hold_in}>"$TOPO_DIR/hold"
for _ in $(seq 600); do
	[ -s "$TOPO_DIR/lc-held.json" ] && break
	sleep 0.2
done
agree "lc, $held connections held open" ns_gw "$AGREE" sequence --vip "$VIP:84" --count "$held" --port-base 45000
exec {hold_in}>&-
wait "$holder" || fail "the held connections failed: $(cat "$TOPO_DIR/lc-held.json")"

# A reload with a mistake changes nothing and says where the mistake is.
before=$(settings)
cp "$config" "$TOPO_DIR/good.toml"
write_config "$key2" 5 3 1
sed -i '0,/weight = 3/s//weight = 70000/' "$config"
bad_line=$(grep -n "weight = 70000" "$config" | cut -d: -f1)
kill -HUP "$KNITSD_PID"
for _ in $(seq 100); do
	grep -q "reload refused" "$TOPO_DIR/knitsd.log" && break
	sleep 0.1
done
grep "reload refused" "$TOPO_DIR/knitsd.log" >&2
grep -q "reload refused, nothing changed: $config:$bad_line:12: \"weight\" must be in 0..65535" \
	"$TOPO_DIR/knitsd.log" || fail "the refusal does not name $config:$bad_line:12"
expect_eq "services after a refused reload" "$before" "$(settings)"
agree "sh after the refused reload (old key)" ns_gw "$AGREE" lookup --vip "$VIP:80" --key "$key1" --clients 2000 --seed 3

# A good reload while a transfer runs: new key, new mh weights, node 3 out
# of mh. The transfer's connection keeps its member and its bytes.
ip netns exec "$NS_CLIENT" curl -sS --limit-rate 400k -o "$TOPO_DIR/big.out" \
	"http://$VIP:81/big" 2>"$TOPO_DIR/curl.err" &
curl_pid=$!
sleep 2
write_config "$key2" 1 2 -
kill -HUP "$KNITSD_PID"
for _ in $(seq 100); do
	grep -q "reloaded $config" "$TOPO_DIR/knitsd.log" && break
	sleep 0.1
done
grep "services:\|reloaded" "$TOPO_DIR/knitsd.log" >&2
expect_eq "mh members after the reload" "1,2" \
	"$(list | jq -r ".services[] | select(.vip == \"$VIP:81\") | [.members[].weight] | join(\",\")")"
agree "mh after the reload, new key, $FLOWS clients" ns_gw "$AGREE" lookup --vip "$VIP:81" --key "$key2" --clients "$FLOWS" --seed 4
agree "sh after the reload, new key" ns_gw "$AGREE" lookup --vip "$VIP:80" --key "$key2" --clients 2000 --seed 5
wait "$curl_pid" || fail "the transfer during the reload failed: $(cat "$TOPO_DIR/curl.err")"
# each node's object is different: the body is one of them whole
served_by=
for i in 1 2 3; do
	cmp -s "$docroot/$i/big" "$TOPO_DIR/big.out" && served_by=$(node_ip "$i")
done
[ -n "$served_by" ] || fail "the transfer during the reload differs from every node's object"
echo "ok: the 4 MB transfer from $served_by during the reload is byte-exact" >&2
echo "alrm-agree: all checks passed" >&2
