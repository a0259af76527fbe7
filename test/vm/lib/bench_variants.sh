# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The systems the benchmark compares, all set up side by side so that one
# run measures them in turn under the same emulated CPU. Every variant
# serves the same content from the same server (knits-proxy in front of
# nginx on node 1, or on nodes 2 and 3 after hand-offs); only the path
# between the client and that server differs. Source after topology.sh,
# knitsd.sh, proxy.sh and bench_topology.sh.
#
#   bench_variants_setup      set every variant up; fills BENCH_HOST
#                             and BENCH_GW
#   bench_path VARIANT SIZE J the path of a connection's J-th request
#                             (from 1) for an object of SIZE bytes
#
# Variants (BENCH_VARIANTS, in the order of the paper's decomposition):
#   direct           client and node 1 on one link
#   forward          plain IP forwarding through a gateway
#   nft-nat          nftables DNAT to node 1 (conntrack), in a gateway
#   ipvs-nat         IPVS in NAT (masquerading) mode, in a gateway
#   haproxy          haproxy in TCP mode, in a gateway
#   knits            knits.ko: the service's only member is node 1's proxy
#   knits-handoff-1  the same, for node 2's objects: the first request of
#                    a connection hands it off to node 2
#   knits-handoff-2  the first request for node 2's object, the rest for
#                    node 3's: two hand-offs per connection

# shellcheck disable=SC2034 # for the scripts that source this
BENCH_VARIANTS=(direct forward nft-nat ipvs-nat haproxy knits knits-handoff-1 knits-handoff-2)
declare -A BENCH_HOST
# the number K of each variant's gateway of bench_topology.sh
declare -A BENCH_GW

bench_path() {
	local variant=$1 size=$2 j=$3
	case "$variant" in
	knits-handoff-1) echo "/n2/$size" ;;
	knits-handoff-2) if [ "$j" = 1 ]; then echo "/n2/$size"; else echo "/n3/$size"; fi ;;
	*) echo "/n1/$size" ;;
	esac
}

# bench_content SIZE...: objects of each SIZE under /n1/, /n2/ and /n3/,
# each held by the node it names
bench_content() {
	local size i
	PROXY_ORIGIN=$TOPO_DIR/origin
	PROXY_PATHS=()
	# shellcheck disable=SC2034 # proxy.sh reads it
	PROXY_PREFIXES=("/n1/ 1" "/n2/ 2" "/n3/ 3")
	mkdir -p "$PROXY_ORIGIN/n1" "$PROXY_ORIGIN/n2" "$PROXY_ORIGIN/n3"
	for size in "$@"; do
		head -c "$size" /dev/urandom >"$PROXY_ORIGIN/n1/$size"
		for i in 1 2 3; do
			[ "$i" = 1 ] || ln -f "$PROXY_ORIGIN/n1/$size" "$PROXY_ORIGIN/n$i/$size"
			PROXY_PATHS+=("/n$i/$size")
		done
	done
}

bench_nft_nat() {
	local ns=$1 vip=$2 node=$3
	ip netns exec "$ns" nft -f - <<EOF
table ip bench {
	chain prerouting {
		type nat hook prerouting priority dstnat;
		ip daddr $vip tcp dport 80 dnat to $node:80
		# the memory measurement's SYNs (bench_measures.sh)
		ip daddr $vip tcp dport 81 dnat to $node:81
	}
}
EOF
}

bench_ipvs_nat() {
	local ns=$1 vip=$2 node=$3
	ip netns exec "$ns" ipvsadm -A -t "$vip:80" -s rr
	ip netns exec "$ns" ipvsadm -a -t "$vip:80" -r "$node:80" -m
}

bench_haproxy() {
	local ns=$1 vip=$2 node=$3 dir=$TOPO_DIR/haproxy
	mkdir -p "$dir"
	cat >"$dir/haproxy.cfg" <<EOF
global
	maxconn 4096
	pidfile $dir/haproxy.pid
defaults
	mode tcp
	timeout connect 5s
	timeout client 60s
	timeout server 60s
frontend bench
	bind $vip:80
	default_backend node1
backend node1
	server node1 $node:80
EOF
	ip netns exec "$ns" haproxy -q -D -f "$dir/haproxy.cfg"
	topo_wait_listen "$ns" 80
}

bench_variants_setup() {
	local ns k=1 variant
	BENCH_GW=()
	BENCH_HOST[direct]=$(bench_direct_link)
	for variant in forward nft-nat ipvs-nat haproxy; do
		ns=$(bench_gateway "$k")
		BENCH_GW[$variant]=$k
		case "$variant" in
		forward) BENCH_HOST[$variant]=$(bench_gw_node_ip "$k") ;;
		nft-nat) bench_nft_nat "$ns" "$(bench_gw_vip "$k")" "$(bench_gw_node_ip "$k")" ;;
		ipvs-nat) bench_ipvs_nat "$ns" "$(bench_gw_vip "$k")" "$(bench_gw_node_ip "$k")" ;;
		haproxy) bench_haproxy "$ns" "$(bench_gw_vip "$k")" "$(bench_gw_node_ip "$k")" ;;
		esac
		[ -n "${BENCH_HOST[$variant]:-}" ] || BENCH_HOST[$variant]=$(bench_gw_vip "$k")
		k=$((k + 1))
	done
	# knits: the service's only member is node 1, which hands off to 2
	# and 3 what they hold. One service address for each knits variant,
	# with the same members: a client that alternates between the
	# variants keeps a connection to each.
	proxy_deploy 3 1
	BENCH_HOST[knits]=$VIP
	for variant in knits-handoff-1 knits-handoff-2; do
		BENCH_HOST[$variant]=$(bench_knits_vip "$variant")
		ns_gw ip addr add "${BENCH_HOST[$variant]}/32" dev lo >&2
		proxy_service "${BENCH_HOST[$variant]}:80" >&2
	done
}

# bench_knits_vip VARIANT: the knits gateway's address for a hand-off
# variant, beside $VIP on its loopback
bench_knits_vip() {
	case "$1" in
	knits-handoff-1) echo 10.9.0.2 ;;
	knits-handoff-2) echo 10.9.0.3 ;;
	esac
}
