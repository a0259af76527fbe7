# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The benchmark's extra paths from the client to node 1, beside the knits
# gateway of topology.sh: a direct link, and one gateway namespace for
# each other system compared. Each gateway carries only its own
# machinery (conntrack for NAT, IPVS, haproxy), so no variant pays for
# another's hooks. Source after topology.sh, once topo_setup has run.
#
#   client 10.23.0.2 ---------------------------------- 10.23.0.3 node 1
#   client 10.20.K.2 --- 10.20.K.1 [gw K] 10.21.K.1 --- 10.21.K.2 node 1
#                        10.22.K.1: the address gateway K serves
#
#   bench_direct_link         the direct link; prints node 1's address
#   bench_gateway K           gateway K's namespace, linked and routed;
#                             prints its name
#   bench_gw_node_ip K        node 1's address on gateway K's link
#   bench_gw_vip K            the address gateway K serves

bench_gw_node_ip() { echo "10.21.$1.2"; }
bench_gw_vip() { echo "10.22.$1.1"; }

bench_direct_link() {
	local node
	node=$(node_ns 1)
	topo_batch <<<"link add d0 netns $NS_CLIENT type veth peer name d0 netns $node"
	topo_batch "$NS_CLIENT" <<<"addr add 10.23.0.2/24 dev d0
link set d0 up"
	topo_batch "$node" <<<"addr add 10.23.0.3/24 dev d0
link set d0 up"
	echo 10.23.0.3
}

bench_gateway() {
	local k=$1 ns=$TOPO_PREFIX-gw$1 node
	node=$(node_ns 1)
	topo_batch <<EOF
netns add $ns
link add cg$k netns $NS_CLIENT type veth peer name gc netns $ns
link add ng$k netns $node type veth peer name gn netns $ns
EOF
	topo_batch "$ns" <<EOF
link set lo up
addr add 10.20.$k.1/24 dev gc
addr add 10.21.$k.1/24 dev gn
addr add $(bench_gw_vip "$k")/32 dev lo
link set gc up
link set gn up
EOF
	ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 >&2
	topo_batch "$NS_CLIENT" <<EOF
addr add 10.20.$k.2/24 dev cg$k
link set cg$k up
route add 10.21.$k.0/24 via 10.20.$k.1
route add $(bench_gw_vip "$k")/32 via 10.20.$k.1
EOF
	topo_batch "$node" <<EOF
addr add $(bench_gw_node_ip "$k")/24 dev ng$k
link set ng$k up
route add 10.20.$k.0/24 via 10.21.$k.1
EOF
	echo "$ns"
}
