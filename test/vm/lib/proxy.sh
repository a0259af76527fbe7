# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The real system on the VM bench, as a user deploys it: the gateway with
# knits.ko and knitsd, a service whose members are the nodes' proxies,
# and on each of N nodes nginx serving its own partition of a content
# set behind knits-proxy. Source after topology.sh and knitsd.sh, once
# topo_setup has run. Used by cases/proxy.sh and by `make demo`.
#
#   proxy_content COUNT       write the content set into $PROXY_ORIGIN:
#                             obj/0 .. obj/COUNT-1 (every size distinct,
#                             0 bytes to ~1 MiB) and big/file (4 MiB),
#                             all paths in PROXY_PATHS
#   proxy_deploy N [MEMBER...]
#                             knitsd with nodes 1..N, the service
#                             $VIP:80 (rr over the proxies of the
#                             MEMBER nodes, all N by default; the others
#                             are members of weight 0, which take no new
#                             connections but may be handed some), and on
#                             each node nginx on :8080 with only the
#                             files of its partition, knits-proxy on :80
#   proxy_service ADDR:PORT   one more service of the same members
#                             (after proxy_deploy)
#   proxy_route PATH...       "PATH NODE" for each PATH
#   proxy_counters I          node I's knits-proxy counters (JSON)
#   proxy_sum FIELD           a counter summed over the nodes
#   proxy_fds I               descriptors node I's knits-proxy holds
#   proxy_access_paths I      the paths node I's nginx logged, one a line
#   proxy_wrk_script          a wrk script that checks every body

KNITS_PROXY=${KNITS_PROXY:-$KNITS_BUILD/daemon/knits-proxy}
PROXY_ORIGIN=
PROXY_PATHS=()
PROXY_PIDS=()
PROXY_NODES=0
# the nodes that take new connections (proxy_deploy's MEMBERs)
PROXY_MEMBERS=()
# the content maps' prefix rules, "PREFIX NODE" each; empty: /big/ on
# node 2 (node 1 if there is one node)
PROXY_PREFIXES=()
# keys for knitsd's [handoff] table ("rate = ..."), if any
PROXY_KNITSD_HANDOFF=
# the key the nodes' content maps share
PROXY_HASH_KEY=6b6e6974732d64656d6f2d6b65792121

proxy_content() {
	local count=$1 i
	PROXY_ORIGIN=$TOPO_DIR/origin
	mkdir -p "$PROXY_ORIGIN/obj" "$PROXY_ORIGIN/big"
	PROXY_PATHS=()
	for i in $(seq 0 $((count - 1))); do
		# distinct sizes: a response's length names its file (wrk's check)
		head -c $((i * i * 271 + i)) /dev/urandom >"$PROXY_ORIGIN/obj/$i"
		PROXY_PATHS+=("/obj/$i")
	done
	head -c $((4 << 20)) /dev/urandom >"$PROXY_ORIGIN/big/file"
	PROXY_PATHS+=("/big/file")
}

# proxy_config I: node I's configuration
proxy_config() {
	local i=$1 j
	cat <<TOML
[proxy]
listen = "0.0.0.0:80"
self = $i
upstream = "127.0.0.1:8080"
idle_timeout_ms = 10000

[gateway]
knitsd = "$(gw_ip "$i"):$KNITSD_PORT"
key_id = 1
key_file = "$TOPO_DIR/node$i.key"

[content]
hash_key = "$PROXY_HASH_KEY"
hash_nodes = [$(seq -s, 1 "$PROXY_NODES")]
TOML
	local rules=("${PROXY_PREFIXES[@]}") rule
	[ ${#rules[@]} -gt 0 ] || rules=("/big/ $((PROXY_NODES > 1 ? 2 : 1))")
	for rule in "${rules[@]}"; do
		printf '  [[content.prefix]]\n  prefix = "%s"\n  node = %s\n' "${rule% *}" "${rule#* }"
	done
	for j in $(seq 1 "$PROXY_NODES"); do
		printf '\n[[node]]\nid = %s\naddress = "%s:80"\n' "$j" "$(node_ip "$j")"
	done
}

proxy_route() {
	"$KNITS_PROXY" --config "$TOPO_DIR/proxy1.toml" --route "$@"
}

proxy_service() {
	local service=$1 i
	ns_gw "$KNITSCTL" service add "$service" --sched rr
	for i in $(seq 1 "$PROXY_NODES"); do
		if [[ " ${PROXY_MEMBERS[*]} " == *" $i "* ]]; then
			ns_gw "$KNITSCTL" member add "$service" "$(node_ip "$i"):80"
		else
			ns_gw "$KNITSCTL" member add "$service" "$(node_ip "$i"):80" --weight 0
		fi
	done
}

proxy_deploy() {
	local n=$1 i path node members
	shift
	members=("$@")
	[ ${#members[@]} -gt 0 ] || read -ra members <<<"$(seq -s " " 1 "$n")"
	PROXY_NODES=$n
	knitsd_config "$n" "" "$PROXY_KNITSD_HANDOFF"
	knitsd_start
	PROXY_MEMBERS=("${members[@]}")
	proxy_service "$VIP:80"
	for i in $(seq 1 "$n"); do proxy_config "$i" >"$TOPO_DIR/proxy$i.toml"; done
	"$KNITS_PROXY" --check --config "$TOPO_DIR/proxy1.toml" >&2
	# each node's docroot holds its partition only
	for i in $(seq 1 "$n"); do mkdir -p "$TOPO_DIR/www/$i/obj" "$TOPO_DIR/www/$i/big"; done
	# (no process substitution: the guest has no /dev/fd)
	proxy_route "${PROXY_PATHS[@]}" >"$TOPO_DIR/routes"
	while read -r path node; do
		mkdir -p "$(dirname "$TOPO_DIR/www/$node$path")"
		# a link, not a copy: the guest's files live in its memory
		ln -f "$PROXY_ORIGIN$path" "$TOPO_DIR/www/$node$path"
	done <"$TOPO_DIR/routes"
	PROXY_PIDS=()
	for i in $(seq 1 "$n"); do
		topo_start_nginx "$i" "$TOPO_DIR/www/$i" 8080
		ip netns exec "$(node_ns "$i")" "$KNITS_PROXY" --config "$TOPO_DIR/proxy$i.toml" \
			>"$TOPO_DIR/proxy$i.out" 2>"$TOPO_DIR/proxy$i.log" &
		PROXY_PIDS+=($!)
	done
	for i in $(seq 1 "$n"); do topo_wait_listen "$(node_ns "$i")" 80; done
}

# proxy_wrk_script: a wrk script (on stdout) that asks for every object
# but the big one in turn and checks each body against the origin: every
# size is distinct, so a response's length names its file. wrk prints
# "checked N bad M" at the end.
proxy_wrk_script() {
	local p
	echo 'paths = {'
	for p in "${PROXY_PATHS[@]}"; do [ "$p" = /big/file ] || echo "  \"$p\","; done
	echo '}'
	echo "origin = \"$PROXY_ORIGIN\""
	cat <<'LUA'
threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  bodies, bad, served, n = {}, 0, 0, 0
  for _, p in ipairs(paths) do
    local f = assert(io.open(origin .. p, "rb"))
    local body = f:read("*a")
    f:close()
    bodies[#body] = body
  end
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function response(status, headers, body)
  served = served + 1
  if status ~= 200 or bodies[#body] ~= body then bad = bad + 1 end
end
function done(summary, latency, requests)
  local b, s = 0, 0
  for _, t in ipairs(threads) do b = b + t:get("bad"); s = s + t:get("served") end
  io.write(string.format("checked %d bad %d\n", s, b))
end
LUA
}

proxy_counters() {
	local i=$1 out=$TOPO_DIR/proxy$1.out before
	before=$(grep -c "counters" "$out" || true)
	kill -USR1 "${PROXY_PIDS[$((i - 1))]}"
	for _ in $(seq 50); do
		[ "$(grep -c "counters" "$out" || true)" -gt "$before" ] && break
		sleep 0.1
	done
	grep "counters" "$out" | tail -n 1 | sed 's/^knits-proxy: counters //'
}

proxy_sum() {
	local field=$1 i sum=0 v
	for i in $(seq 1 "$PROXY_NODES"); do
		v=$(proxy_counters "$i" | jq ".$field")
		sum=$((sum + v))
	done
	echo "$sum"
}

proxy_fds() {
	find "/proc/${PROXY_PIDS[$(($1 - 1))]}/fd" -mindepth 1 | wc -l
}

proxy_access_paths() {
	awk '{ print $7 }' "$TOPO_DIR/nginx-node$1/logs/access.log"
}
