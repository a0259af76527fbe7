// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Each function names the kernel function it stands for; the comments say
// where the kernel does something this one does not.

#include "datapath.h"

#include <sys/socket.h>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "checksum.h"
#include "gateway.h"
#include "knits_core.h"
#include "packet.h"

namespace knits::bench {

namespace {

constexpr std::uint64_t kHz = 250;

void count(Gateway& gw, knits_counter id, std::uint64_t n = 1) {
  gw.stats[static_cast<std::size_t>(id)] += n;
}

// struct knits_pkt
struct Pkt {
  Tuple t;
  std::size_t thoff = 0;
  std::uint8_t flags = 0;
  bool malformed = false;
};

// knits_parse(): false for what a gateway never owns. @pkt comes zeroed
// (the kernel's memset of the tuple). The benchmarks' packets have no IP
// options (skb_header_pointer() would reach them).
bool parse(const Packet& p, Pkt& pkt) {
  const std::uint8_t* ip = p.bytes.data();
  if (ip[ipv4::kProtocol] != ipv4::kProtoTcp ||
      (be16(load16(ip + ipv4::kFragOff)) & ipv4::kFragMask) != 0) {
    return false;
  }
  pkt.t.family = AF_INET;
  pkt.t.src[0] = load32(ip + ipv4::kSaddr);
  pkt.t.dst[0] = load32(ip + ipv4::kDaddr);
  pkt.thoff = ip_header_len(p);
  const std::size_t len = packet_len(p);
  if (pkt.thoff != ipv4::kHeaderLen || pkt.thoff + tcp::kHeaderLen > len) {
    return false;
  }
  const std::uint8_t* th = ip + pkt.thoff;
  pkt.t.sport = load16(th + tcp::kSport);
  pkt.t.dport = load16(th + tcp::kDport);
  pkt.flags = th[tcp::kFlags];
  const std::size_t hlen = tcp_header_len(th);
  pkt.malformed = hlen < tcp::kHeaderLen || pkt.thoff + hlen > len;
  return true;
}

enum class NatEnd : std::uint8_t { kSrc, kDst };

// knits_nat_rewrite(), IPv4: the address, in the IP header's checksum and
// in the TCP checksum (it is in the pseudo-header), then the port.
void nat_rewrite(Packet& p, std::size_t thoff, NatEnd end, std::uint32_t addr, std::uint16_t port) {
  std::uint8_t* ip = p.bytes.data();
  std::uint8_t* th = ip + thoff;
  std::uint8_t* field = ip + (end == NatEnd::kDst ? ipv4::kDaddr : ipv4::kSaddr);
  const std::uint32_t old_addr = load32(field);
  inet_proto_csum_replace4(th + tcp::kCheck, old_addr, addr);
  csum_replace4(ip + ipv4::kCheck, old_addr, addr);
  store32(field, addr);
  std::uint8_t* pfield = th + (end == NatEnd::kDst ? tcp::kDport : tcp::kSport);
  inet_proto_csum_replace2(th + tcp::kCheck, load16(pfield), port);
  store16(pfield, port);
}

bool is_syn(std::uint8_t flags) {
  return (flags & (KNITS_TCPF_SYN | KNITS_TCPF_ACK | KNITS_TCPF_RST | KNITS_TCPF_FIN)) ==
         KNITS_TCPF_SYN;
}

// knits_conn_set_state(), under the connection's lock in the kernel; the
// member's counts are atomics there.
void set_state(Gateway& gw, Conn& conn, std::uint8_t state) {
  if (conn.kind == ConnKind::kClient &&
      (state == KNITS_TCP_ESTABLISHED) != (conn.state == KNITS_TCP_ESTABLISHED)) {
    if (state == KNITS_TCP_ESTABLISHED) {
      ++conn.member->active_conns;
    } else {
      --conn.member->active_conns;
    }
  }
  conn.state = state;
  conn.expires = gw.jiffies + std::uint64_t{gw.timeouts.secs[state]} * kHz;
}

// knits_conn_step()
void conn_step(Gateway& gw, Conn& conn, std::uint8_t dir, std::uint8_t tcp_flags) {
  set_state(gw, conn, knits_tcp_next_state(conn.state, dir == kDirOrig, tcp_flags));
}

// knits_conn_update(): the segment checked against what its receiver
// would take, then the state and what the sender's side shows, unless the
// connection is spliced.
knits_seg_verdict conn_update(Gateway& gw, Conn& conn, std::uint8_t dir, const knits_tcp_seg& seg,
                              bool& spliced) {
  knits_tcp_side& sender = conn.side[dir];
  knits_tcp_side& receiver = conn.side[dir ^ 1U];
  knits_seg_verdict verdict = KNITS_SEG_ACCEPT;
  spliced = conn.splice != nullptr;
  if (!conn.dead && !spliced) {
    verdict = knits_tcp_seg_check(&sender, &receiver, &seg);
    if (verdict == KNITS_SEG_ACCEPT) {
      conn_step(gw, conn, dir, seg.flags);
      knits_tcp_side_update(&sender, &receiver, &seg);
    }
  }
  return verdict;
}

// knits_conn_touch()
void conn_touch(Gateway& gw, Conn& conn, std::uint8_t dir, std::uint8_t tcp_flags) {
  if (!conn.dead) {
    conn_step(gw, conn, dir, tcp_flags);
  }
}

// knits_conn_closed()
void conn_closed(Gateway& gw, Conn& conn) {
  if (!conn.dead && conn.state != KNITS_TCP_CLOSE) {
    set_state(gw, conn, KNITS_TCP_TIME_WAIT);
  }
}

// knits_find(): the live connection of @pkt. A client SYN that reuses a
// closed connection's tuple ends it; the kernel also unhashes it, which
// the benchmarks never need (a dead connection is found as none).
ConnEnt* find(Gateway& gw, const Pkt& pkt) {
  ConnEnt* ent = gw.conns.lookup(pkt.t);
  if (ent == nullptr) {
    return nullptr;
  }
  Conn* conn = ent->conn;
  if (conn->dead) {
    return nullptr;
  }
  if (ent->dir == kDirOrig && is_syn(pkt.flags) && knits_tcp_syn_reuses(conn->state)) {
    conn->dead = true;
    count(gw, KNITS_CTR_CONNS_EXPIRED);
    return nullptr;
  }
  return ent;
}

// knits_parse_seg(): the TCP fields in host order, and the options; @seg
// comes zeroed (the kernel's memset).
bool parse_seg(const Packet& p, const Pkt& pkt, knits_tcp_seg& seg) {
  const std::uint8_t* th = p.bytes.data() + pkt.thoff;
  const std::size_t hlen = tcp_header_len(th);
  seg.seq = be32(load32(th + tcp::kSeq));
  seg.ack = be32(load32(th + tcp::kAck));
  seg.win = be16(load16(th + tcp::kWin));
  seg.flags = pkt.flags;
  seg.len = static_cast<std::uint32_t>(packet_len(p) - pkt.thoff - hlen);
  if (hlen == tcp::kHeaderLen) {
    return true;
  }
  seg.has_opts =
      knits_tcp_opts_parse(th + tcp::kHeaderLen, static_cast<std::uint32_t>(hlen - tcp::kHeaderLen),
                           &seg.opts) == 0;
  return seg.has_opts;
}

// knits_obj_stats_packet()
void obj_stats_packet(ObjStats& s, bool in, std::size_t len) {
  ++s.v[in ? KNITS_STAT_PACKETS_IN : KNITS_STAT_PACKETS_OUT];
  s.v[in ? KNITS_STAT_BYTES_IN : KNITS_STAT_BYTES_OUT] += len;
}

// knits_splice_leg_conn(): the flow table's connection of leg @k.
Conn* leg_conn(Gateway& gw, const Splice& sp, Conn& conn, std::uint32_t k) {
  if (conn.leg == k) {
    return &conn;
  }
  ConnEnt* ent = gw.conns.lookup(k != 0 ? sp.node[knits_leg_slot(k)] : sp.client);
  if (ent == nullptr) {
    return nullptr;
  }
  Conn* leg = ent->conn;
  return leg->splice == &sp && leg->leg == k ? leg : nullptr;
}

// knits_splice_end_legs()
void end_legs(Gateway& gw, const Splice& sp, Conn& conn, std::uint32_t first, std::uint32_t closed,
              bool client) {
  if (client) {
    if (Conn* leg = leg_conn(gw, sp, conn, 0); leg != nullptr) {
      conn_closed(gw, *leg);
    }
  }
  for (; closed != 0; closed &= closed - 1) {
    const auto k = first + static_cast<std::uint32_t>(std::countr_zero(closed));
    if (Conn* leg = leg_conn(gw, sp, conn, k); leg != nullptr) {
      conn_closed(gw, *leg);
    }
  }
}

// knits_splice_readdress(): toward leg @k's node as its up sender, or
// toward the client from the VIP (the input route is the kernel's).
void readdress(Packet& p, const Splice& sp, std::size_t thoff, bool to_client, std::uint32_t k) {
  const Tuple& t = to_client ? sp.client : sp.node[knits_leg_slot(k)];
  nat_rewrite(p, thoff, NatEnd::kDst, t.src[0], t.sport);
  nat_rewrite(p, thoff, NatEnd::kSrc, t.dst[0], t.dport);
}

// knits_rewrite_opts(): timestamps and SACK blocks in place.
void rewrite_opts(std::uint8_t* opts, const knits_tcp_seg& seg, const knits_splice_out& out) {
  const knits_tcp_opts* o = &seg.opts;
  if (out.ts) {
    knits_tcp_opts_put_ts(opts, o, out.tsval, out.tsecr);
  }
  if (o->nsack == 0) {
    return;
  }
  if (out.sack_keep == 0) {
    knits_tcp_opts_nop_sack(opts, o);
    return;
  }
  // dropped blocks repeat the last kept one
  for (std::uint8_t i = 0; i < o->nsack; ++i) {
    const std::uint8_t j = i < out.sack_keep ? i : static_cast<std::uint8_t>(out.sack_keep - 1);
    knits_tcp_opts_put_sack(opts, o, i, o->sack_start[j], o->sack_end[j]);
  }
}

// knits_tcp_rewrite(): the header rewritten in place, the checksum moved
// by the difference of the header's sums before and after.
void tcp_rewrite(Packet& p, std::size_t thoff, const knits_tcp_seg& seg,
                 const knits_splice_out& out) {
  std::uint8_t* th = p.bytes.data() + thoff;
  const std::size_t hlen = tcp_header_len(th);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init): hlen bytes copied in, as the kernel's
  std::array<std::uint8_t, tcp::kMaxHeaderLen> old;
  std::memcpy(old.data(), th, hlen);
  store32(th + tcp::kSeq, be32(out.seq));
  if ((out.flags & KNITS_TCPF_ACK) != 0) {
    store32(th + tcp::kAck, be32(out.ack));
  }
  th[tcp::kFlags] = out.flags;
  store16(th + tcp::kWin, be16(out.win));
  if (seg.has_opts) {
    rewrite_opts(th + tcp::kHeaderLen, seg, out);
  }
  const std::uint32_t diff = csum_sub(csum_partial(th, hlen, 0), csum_partial(old.data(), hlen, 0));
  inet_proto_csum_replace_by_diff(th + tcp::kCheck, diff);
}

// knits_splice_packet(): a packet of a spliced connection.
Verdict splice_packet(Gateway& gw, Packet& p, Conn& conn, std::uint8_t dir, std::size_t thoff,
                      knits_tcp_seg& seg, bool opts_ok) {
  Splice& sp = *conn.splice;
  const bool from_client = conn.kind == ConnKind::kClient && dir == kDirOrig;
  const bool to_client = dir == kDirReply;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init): the core sets what it uses
  knits_splice_out out;

  if (!opts_ok) {
    count(gw, KNITS_CTR_DROP_SPLICE_OPTIONS);
    return Verdict::kDrop;
  }
  // the splice's lock is taken here in the kernel
  if (from_client) {
    knits_splice_from_client(&sp.st, &seg, &out);
  } else if (to_client) {
    knits_splice_from_node(&sp.st, conn.leg, &seg, &out);
  } else {
    knits_splice_from_sender(&sp.st, conn.leg, &seg, &out);
  }
  std::uint32_t first = 0;
  bool client = false;
  const bool reset = sp.st.reset;
  const std::uint32_t closed = knits_splice_take_closed(&sp.st, &first, &client);
  if (closed != 0 || client) {
    end_legs(gw, sp, conn, first, closed, client);
  }
  // knits_splice_emit_tuples(), knits_splice_send(): the kernel takes each
  // segment's tuple under the splice's lock, then builds and sends it
  count(gw, KNITS_CTR_SPLICE_SYNTHESIZED, out.nemit);

  switch (out.verdict) {
    case KNITS_SPLICE_FORWARD:
      break;
    case KNITS_SPLICE_ABSORB:
      conn_touch(gw, conn, dir, 0);
      count(gw, KNITS_CTR_SPLICE_ABSORBED);
      return Verdict::kDrop;
    case KNITS_SPLICE_DROP_OVERRUN:
      count(gw, KNITS_CTR_DROP_SPLICE_OVERRUN);
      return Verdict::kDrop;
    case KNITS_SPLICE_DROP_WINDOW:
      count(gw, KNITS_CTR_DROP_OUT_OF_WINDOW);
      return Verdict::kDrop;
    default:
      count(gw, KNITS_CTR_DROP_SPLICE_STRADDLE);
      return Verdict::kDrop;
  }
  if (!reset && (out.flags & KNITS_TCPF_RST) != 0) {
    count(gw, KNITS_CTR_PASS_UNTRUSTED);
  }
  conn_touch(
      gw, conn, dir,
      static_cast<std::uint8_t>(out.flags & (KNITS_TCPF_ACK | (reset ? KNITS_TCPF_RST : 0))));
  // the previous node's copy keeps its addresses: it is on its leg
  if (from_client || to_client) {
    readdress(p, sp, thoff, to_client, out.leg);
  }
  tcp_rewrite(p, thoff, seg, out);
  count(gw, to_client ? KNITS_CTR_SPLICED_TO_CLIENT : KNITS_CTR_SPLICED_TO_NODE);
  return Verdict::kAccept;
}

}  // namespace

bool baseline_packet(Gateway& gw, Packet& p) {
  Pkt pkt;
  if (!parse(p, pkt)) {
    return false;
  }
  const ConnEnt* ent = gw.conns.lookup(pkt.t);
  if (ent == nullptr) {
    return false;
  }
  const Conn& conn = *ent->conn;
  if (ent->dir == kDirOrig) {
    const Tuple& to = conn.ent[kDirReply].tuple;
    nat_rewrite(p, pkt.thoff, NatEnd::kDst, to.src[0], to.sport);
  } else {
    const Tuple& from = conn.ent[kDirOrig].tuple;
    nat_rewrite(p, pkt.thoff, NatEnd::kSrc, from.dst[0], from.dport);
  }
  return true;
}

// knits_packet() for packets of connections the table has (the benchmarks
// make none: a new connection is the scheduler's and conn_create()'s).
Verdict knits_packet(Gateway& gw, Packet& p) {
  Pkt pkt;
  if (!parse(p, pkt)) {
    count(gw, KNITS_CTR_PASS_UNOWNED);
    return Verdict::kAccept;
  }
  ConnEnt* ent = find(gw, pkt);
  if (ent == nullptr) {
    // the kernel looks for a service of the destination next
    count(gw, KNITS_CTR_PASS_UNOWNED);
    return Verdict::kAccept;
  }
  if (pkt.malformed) {
    count(gw, KNITS_CTR_DROP_MALFORMED);
    return Verdict::kDrop;
  }
  Conn& conn = *ent->conn;
  const std::uint8_t dir = ent->dir;
  Member& member = *conn.member;
  if (conn.kind == ConnKind::kClient && conn.splice == nullptr &&
      member.state == KNITS_MEMBER_DOWN) {
    count(gw, KNITS_CTR_DROP_MEMBER_DOWN);
    return Verdict::kDrop;
  }
  // knits_csum_bad(): the kernel's nf_checksum() is free for the skbs
  // these packets stand for (CHECKSUM_PARTIAL from a local stack)
  knits_tcp_seg seg{};
  const bool opts_ok = parse_seg(p, pkt, seg);
  if (conn.splice != nullptr) {
    return splice_packet(gw, p, conn, dir, pkt.thoff, seg, opts_ok);
  }
  bool spliced = false;
  switch (conn_update(gw, conn, dir, seg, spliced)) {
    case KNITS_SEG_ACCEPT:
      break;
    case KNITS_SEG_IGNORE:
      count(gw, KNITS_CTR_PASS_UNTRUSTED);
      break;
    default:
      count(gw, KNITS_CTR_DROP_OUT_OF_WINDOW);
      return Verdict::kDrop;
  }
  if (spliced) {
    return splice_packet(gw, p, conn, dir, pkt.thoff, seg, opts_ok);
  }
  if (conn.kind == ConnKind::kNode) {
    return Verdict::kAccept;
  }
  if (dir == kDirOrig) {
    const Tuple& to = conn.ent[kDirReply].tuple;
    nat_rewrite(p, pkt.thoff, NatEnd::kDst, to.src[0], to.sport);
    count(gw, KNITS_CTR_NAT_TO_MEMBER);
  } else {
    const Tuple& from = conn.ent[kDirOrig].tuple;
    nat_rewrite(p, pkt.thoff, NatEnd::kSrc, from.dst[0], from.dport);
    count(gw, KNITS_CTR_NAT_TO_CLIENT);
  }
  const std::size_t len = packet_len(p);
  obj_stats_packet(conn.svc->stats, dir == kDirOrig, len);
  obj_stats_packet(member.stats, dir == kDirOrig, len);
  return Verdict::kAccept;
}

}  // namespace knits::bench
