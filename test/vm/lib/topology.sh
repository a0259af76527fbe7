# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Network topology for knits VM tests: one client, one gateway, N nodes,
# each a network namespace with a real Linux TCP stack.
#
#                        +-----------------------------+
#   +--------+           |           gateway           |          +---------+
#   | client | veth      |  forwarding, knits hooks    |   veth   | node 1  |
#   |  $C_IP +-----------+ $GW_C_IP          $GW_IP(1) +----------+ $NODE_IP(1)
#   +--------+ 10.0.0/24 |                             | 10.1.1/24+---------+
#                        |                   $GW_IP(2) +----------+ node 2  |
#                        |                             | 10.1.2/24+---------+
#                        |                      ...    |   ...      node N
#                        +-----------------------------+
#
#   IPv4: client 10.0.0.2/24, gateway 10.0.0.1; node i 10.1.i.2/24,
#         gateway 10.1.i.1. IPv6: client fd00:0::2/64, gateway fd00:0::1;
#         node i fd00:1:i::2/64, gateway fd00:1:i::1.
#
# Every node sits alone on its own link with the gateway as its default
# route, so all node traffic, node-to-node included, crosses the gateway:
# that is the addressing KNITS hand-off needs (Documentation/testbench.md).
#
# Use: source this file, call topo_setup N, then ns_client/ns_gw/ns_node i
# to run commands in the namespaces. Every command is logged to stderr.
# Cleanup (processes killed, namespaces deleted) runs on exit: topo_setup
# owns the EXIT trap; a test with cleanup of its own calls topo_cleanup
# from its trap.

TOPO_PREFIX=${TOPO_PREFIX:-kn$$}
# Number of nodes of the topology (for tests that loop over them).
export TOPO_NODES=0
TOPO_DIR=
NS_CLIENT=$TOPO_PREFIX-client
NS_GW=$TOPO_PREFIX-gw
C_IP=10.0.0.2
GW_C_IP=10.0.0.1
C_IP6=fd00:0::2
GW_C_IP6=fd00:0::1
# Service addresses (VIPs): the gateway's own, on its loopback, as an
# operator would configure them so that the gateway answers ARP/ND for
# them on a shared client LAN.
VIP=10.9.0.1
VIP6=fd00:9::1

# Log a command, then run it.
pp() {
	echo "+ [${SECONDS}s] $*" >&2
	"$@"
}

node_ns() { echo "$TOPO_PREFIX-node$1"; }
node_ip() { echo "10.1.$1.2"; }
node_ip6() { echo "fd00:1:$1::2"; }
gw_ip() { echo "10.1.$1.1"; }
gw_ip6() { echo "fd00:1:$1::1"; }

ns_client() { pp ip netns exec "$NS_CLIENT" "$@"; }
ns_gw() { pp ip netns exec "$NS_GW" "$@"; }
ns_node() {
	local i=$1
	shift
	pp ip netns exec "$(node_ns "$i")" "$@"
}

# Namespaces of this topology, one a line.
topo_namespaces() {
	ip netns list | awk '{print $1}' | grep -E "^$TOPO_PREFIX-" || true
}

# On a failed test, what it left for the post-mortem: every *.log under
# TOPO_DIR and the gateway's counters, before they are deleted.
topo_dump_logs() {
	local f
	[ -n "$TOPO_DIR" ] && [ -d "$TOPO_DIR" ] || return 0
	for f in "$TOPO_DIR"/*.log; do
		[ -f "$f" ] || continue
		echo "----- $(basename "$f") (last 60 lines)" >&2
		tail -n 60 "$f" >&2
	done
	if topo_namespaces | grep -qx "$NS_GW"; then
		echo "----- knitsctl status" >&2
		ip netns exec "$NS_GW" "$KNITSCTL" status >&2 || true
	fi
}

topo_cleanup() {
	local rc=$? ns pid
	[ "$rc" = 0 ] || topo_dump_logs
	for ns in $(topo_namespaces); do
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -TERM "$pid" 2>/dev/null || true
		done
	done
	sleep 0.2
	for ns in $(topo_namespaces); do
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null || true
		done
		pp ip netns del "$ns" || true
	done
	[ -z "$TOPO_DIR" ] || rm -rf "$TOPO_DIR"
	TOPO_DIR=
}

# topo_batch [NS]: run the ip(8) commands on stdin in one process, in
# namespace NS if given, logging each. Under TCG every exec of a dynamically
# linked program costs about half a second, so a topology is built with
# one ip process per namespace rather than one per command.
topo_batch() {
	local input
	input=$(cat)
	sed "s/^/+ [${SECONDS}s] ip ${1:+-n $1 }/" <<<"$input" >&2
	ip ${1:+-n "$1"} -batch - <<<"$input"
}

# topo_setup N: client, gateway and N nodes, linked and routed. Addresses
# are added with nodad and no namespace sends router advertisements, so
# IPv6 is usable at once.
topo_setup() {
	local n=$1 i ns root gw
	TOPO_NODES=$n
	# nginx workers run as nobody and must reach the document roots through
	# every parent directory: under /tmp whatever the caller's TMPDIR, and
	# open to all.
	TOPO_DIR=$(mktemp -d /tmp/knits-topo.XXXXXX)
	chmod 0755 "$TOPO_DIR"
	trap topo_cleanup EXIT

	root="netns add $NS_CLIENT
netns add $NS_GW
link add c0 netns $NS_CLIENT type veth peer name gw-c netns $NS_GW"
	gw="link set lo up
addr add $GW_C_IP/24 dev gw-c
addr add $GW_C_IP6/64 dev gw-c nodad
link set gw-c up"
	for i in $(seq 1 "$n"); do
		ns=$(node_ns "$i")
		root+="
netns add $ns
link add n0 netns $ns type veth peer name gw-n$i netns $NS_GW"
		gw+="
addr add $(gw_ip "$i")/24 dev gw-n$i
addr add $(gw_ip6 "$i")/64 dev gw-n$i nodad
link set gw-n$i up"
	done
	topo_batch <<<"$root"
	gw+="
addr add $VIP/32 dev lo
addr add $VIP6/128 dev lo nodad"
	topo_batch "$NS_GW" <<<"$gw"
	pp ip netns exec "$NS_GW" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1
	topo_batch "$NS_CLIENT" <<EOF
link set lo up
addr add $C_IP/24 dev c0
addr add $C_IP6/64 dev c0 nodad
link set c0 up
route add default via $GW_C_IP
route add ::/0 via $GW_C_IP6
EOF
	for i in $(seq 1 "$n"); do
		topo_batch "$(node_ns "$i")" <<EOF
link set lo up
addr add $(node_ip "$i")/24 dev n0
addr add $(node_ip6 "$i")/64 dev n0 nodad
link set n0 up
route add default via $(gw_ip "$i")
route add ::/0 via $(gw_ip6 "$i")
EOF
	done
}

# topo_client_addrs FIRST LAST: more client addresses, 10.0.0.FIRST to
# 10.0.0.LAST, for tests that need many distinct clients (curl
# --interface ADDR picks one).
topo_client_addrs() {
	local k batch=
	for k in $(seq "$1" "$2"); do
		batch+="addr add 10.0.0.$k/24 dev c0
"
	done
	topo_batch "$NS_CLIENT" <<<"$batch"
}

# topo_start_nginx I DOCROOT [PORT]: nginx in node I serving DOCROOT on
# PORT (80) for IPv4 and IPv6, with its files under the topology's
# temporary directory.
topo_start_nginx() {
	local i=$1 root=$2 port=${3:-80} dir
	dir=$TOPO_DIR/nginx-node$i
	mkdir -p "$dir/logs" "$dir/tmp"
	cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 1024; }
http {
	access_log $dir/logs/access.log;
	client_body_temp_path $dir/tmp/body;
	proxy_temp_path $dir/tmp/proxy;
	fastcgi_temp_path $dir/tmp/fastcgi;
	uwsgi_temp_path $dir/tmp/uwsgi;
	scgi_temp_path $dir/tmp/scgi;
	default_type application/octet-stream;
	server {
		listen $port;
		listen [::]:$port;
		root $root;
	}
}
EOF
	ns_node "$i" nginx -e "$dir/logs/error.log" -p "$dir" -c "$dir/nginx.conf"
	topo_wait_listen "$(node_ns "$i")" "$port"
}

# topo_wait_listen NS PORT: wait (up to 10 s) for a TCP listener. (nginx
# binds before it daemonizes, so for nginx the first look succeeds.)
topo_wait_listen() {
	local ns=$1 port=$2
	for _ in $(seq 1 100); do
		ss -N "$ns" -Hltn "sport = :$port" | grep -q . && return 0
		sleep 0.1
	done
	echo "topology: nothing listens on port $port in $ns" >&2
	return 1
}
