// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The spliced connections are brought to a steady state through the
// packet path itself before the snapshot: the first node's copy of the
// client bytes T..P and its FIN on c2, its FIN on c1 (acknowledging the
// gateway's; leg 0 is then retired, as it is soon after a real hand-off),
// the next node's ack of the copy, 16 response segments and 8 upload
// segments. A pass is then a two-way transfer with losses on both sides:
// the node's response segments carry its timestamps and 2 SACK blocks of
// the client's upload, the client's upload segments carry its timestamps
// and 3 SACK blocks of the response.

#include "traffic.h"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <random>
#include <vector>

#include "core_splice_helpers.h"
#include "datapath.h"
#include "gateway.h"
#include "knits_core.h"
#include "packet.h"
#include "packet_builder.h"
#include "splice_install.h"
#include "verify.h"

namespace knits::bench {

namespace {

constexpr std::uint32_t kVip = 0xc0000201;  // 192.0.2.1
constexpr std::uint16_t kVipPort = 80;
constexpr std::uint32_t kMemberBase = 0x0a010001;  // 10.1.0.1
constexpr std::uint16_t kMemberPort = 8080;
constexpr std::uint32_t kNatClients = 0x64400000;     // 100.64.0.0/16
constexpr std::uint32_t kSpliceClients = 0x64410000;  // 100.65.0.0/16

constexpr std::uint8_t kAckPsh = KNITS_TCPF_ACK | 0x08;
constexpr std::uint8_t kFinAck = KNITS_TCPF_FIN | KNITS_TCPF_ACK;
constexpr std::uint8_t kWscale = 7;
constexpr std::uint8_t kWscaleB = 9;
constexpr std::uint16_t kMss = 1460;
constexpr std::uint16_t kMssC2 = 1448;

// Window fields: the client's, the first node's on c1 and on c2, the
// next node's.
constexpr std::uint16_t kWinClient = 1000;
constexpr std::uint16_t kWinA = 500;
constexpr std::uint16_t kWinA2 = 600;
constexpr std::uint16_t kWinB = 700;

// NAT: what each side sent before the pass, the client's segments.
constexpr std::uint32_t kNatSent = 1000;
constexpr std::uint32_t kNatRecv = 5000;
constexpr std::uint16_t kNatSeg = 512;

// Splice: the next node's response segments and the client's upload ones.
constexpr std::uint16_t kRespSeg = 1448;
constexpr std::uint16_t kUpSeg = 1000;
constexpr std::uint32_t kWarmResp = 16;
constexpr std::uint32_t kWarmUp = 8;
// the next node has acknowledged 2 upload segments, the client 4 response ones
constexpr std::uint32_t kNodeAckedUp = 2 * kUpSeg;
constexpr std::uint32_t kClientAckedResp = 4 * kRespSeg;

// mt19937's words are 32 bits wide, in a wider type.
std::uint32_t random32(std::mt19937& rng) { return static_cast<std::uint32_t>(rng()); }

constexpr std::uint32_t u32(std::int64_t v) { return static_cast<std::uint32_t>(v); }
constexpr std::uint32_t u32(std::uint64_t v) { return static_cast<std::uint32_t>(v); }

// The splice tests' side (core_splice_helpers.h) that has also
// acknowledged @ack with window @win (scaled by @wscale).
knits_tcp_side make_side(std::uint32_t isn, std::uint32_t sent, std::uint32_t ack,
                         std::uint16_t win, std::uint32_t ts, std::uint8_t wscale,
                         std::uint16_t mss) {
  knits_tcp_side s = side(isn, sent, wscale, ts, mss);
  s.ack = ack;
  s.win = win;
  s.right = ack + (std::uint32_t{win} << wscale);
  s.flags |= KNITS_SIDE_ACK;
  return s;
}

Tuple make_tuple(std::uint32_t saddr, std::uint16_t sport, std::uint32_t daddr,
                 std::uint16_t dport) {
  Tuple t;
  t.family = AF_INET;
  t.src[0] = saddr;
  t.sport = sport;
  t.dst[0] = daddr;
  t.dport = dport;
  return t;
}

// A segment sent on tuple @t, with timestamps.
SegmentSpec spec(const Tuple& t, std::uint32_t seq, std::uint32_t ack, std::uint16_t win,
                 std::uint8_t flags, std::uint16_t len, std::uint32_t tsval, std::uint32_t tsecr) {
  SegmentSpec s;
  s.saddr = t.src[0];
  s.daddr = t.dst[0];
  s.sport = t.sport;
  s.dport = t.dport;
  s.seq = seq;
  s.ack = ack;
  s.win = win;
  s.flags = flags;
  s.payload_len = len;
  s.ts = true;
  s.tsval = tsval;
  s.tsecr = tsecr;
  s.payload_seed = seq;
  s.ip_id = static_cast<std::uint16_t>(seq ^ ack);
  return s;
}

// The rewrite is right when every byte but the checksums is the expected
// one and the checksums, updated incrementally, verify from scratch.
void verify_rewrite(const char* what, const Packet& out, const Packet& expected) {
  verify(ipv4_checksum_valid(out), what, "the IPv4 checksum does not verify after the rewrite");
  verify(tcp_checksum_valid(out), what, "the TCP checksum does not verify after the rewrite");
  Packet a = out;
  Packet b = expected;
  for (Packet* p : {&a, &b}) {
    store16(p->bytes.data() + ipv4::kCheck, 0);
    store16(p->bytes.data() + ipv4::kHeaderLen + tcp::kCheck, 0);
  }
  if (a.bytes == b.bytes && a.payload_sum == b.payload_sum) {
    return;
  }
  verify(a.bytes != b.bytes, what, "a rewritten packet's payload is not the one that came");
  const auto at = static_cast<std::size_t>(
      std::mismatch(a.bytes.begin(), a.bytes.end(), b.bytes.begin()).first - a.bytes.begin());
  std::array<char, 160> detail{};
  std::snprintf(detail.data(), detail.size(),
                "a rewritten packet differs from the expected one at byte %zu (IPv4 header "
                "0-19, TCP header from 20): 0x%02x, not 0x%02x",
                at, unsigned{a.bytes.at(at)}, unsigned{b.bytes.at(at)});
  verification_failed(what, detail.data());
}

// Round r of a pass holds packet r of every flow, flows in random order.
std::vector<std::size_t> pass_order(std::mt19937& rng) {
  std::vector<std::size_t> order;
  order.reserve(kFlows * kPacketsPerFlow);
  std::vector<std::size_t> flows(kFlows);
  for (std::size_t r = 0; r < kPacketsPerFlow; ++r) {
    std::iota(flows.begin(), flows.end(), std::size_t{0});
    std::shuffle(flows.begin(), flows.end(), rng);
    for (const std::size_t f : flows) {
      order.push_back(f * kPacketsPerFlow + r);
    }
  }
  return order;
}

// Lays the per-flow packets out in pass order.
void fill_pool(Pool& pool, const std::vector<Packet>& in, const std::vector<Packet>& expected,
               std::mt19937& rng) {
  for (const std::size_t i : pass_order(rng)) {
    pool.in.push_back(in[i]);
    pool.expected.push_back(expected[i]);
  }
  pool.work = pool.in;
}

// Packet @j of @f's pass and its rewrite. Even: the next node's response
// segment to the client; odd: the client's upload segment to the node.
void add_splice_pass(const SpliceFlow& f, std::size_t j, Packet& in, Packet& expected) {
  const auto k = static_cast<std::uint32_t>(j);
  const std::uint32_t i = k / 2;
  const std::uint32_t copy = u32(kSpliceP) - u32(kSpliceT);
  // the next node's clock continues the client's view of the first
  // node's, and the client's the next node's view of the first node's
  const std::uint32_t ts_to_client = f.tsa - f.tsb;
  const std::uint32_t ts_to_node = f.tsa2 - f.tsc;
  if (k % 2 == 0) {
    // B's leg offsets of the client's upload: copy + client offset - P
    SegmentSpec s = spec(f.c2->ent[kDirReply].tuple, f.bi + 1 + (kWarmResp + i) * kRespSeg,
                         f.a2i + 1 + copy + kNodeAckedUp, kWinB, kAckPsh, kRespSeg, f.tsb + 100 + k,
                         f.tsa2 + 50 + k);
    s.nsack = 2;
    s.sack[0] = {f.a2i + 1 + copy + 3 * kUpSeg, f.a2i + 1 + copy + 5 * kUpSeg};
    s.sack[1] = {f.a2i + 1 + copy + 6 * kUpSeg, f.a2i + 1 + copy + 8 * kUpSeg};
    in = build_packet(s);
    // from the VIP to the client, in the client's spaces
    s.saddr = be32(kVip);
    s.sport = be16(kVipPort);
    s.daddr = f.caddr;
    s.dport = f.cport;
    s.seq = f.ai + 1 + u32(kSpliceS) + (kWarmResp + i) * kRespSeg;
    s.ack = f.ci + 1 + u32(kSpliceP) + kNodeAckedUp;
    // the node's window (shift 9) in the client's (shift 7)
    s.win = static_cast<std::uint16_t>(kWinB << (kWscaleB - kWscale));
    s.tsval += ts_to_client;
    s.tsecr -= ts_to_node;
    for (SackBlock& b : s.sack) {
      b.start = b.start - f.a2i - copy + f.ci + u32(kSpliceP);
      b.end = b.end - f.a2i - copy + f.ci + u32(kSpliceP);
    }
    expected = build_packet(s);
    return;
  }
  const std::uint32_t down = f.ai + 1 + u32(kSpliceS);
  SegmentSpec s =
      spec(f.c1->ent[kDirOrig].tuple, f.ci + 1 + u32(kSpliceP) + (kWarmUp + i) * kUpSeg,
           down + kClientAckedResp, kWinClient, kAckPsh, kUpSeg, f.tsc + 100 + k, f.tsa + 50 + k);
  s.nsack = 3;
  s.sack[0] = {down + 6 * kRespSeg, down + 9 * kRespSeg};
  s.sack[1] = {down + 10 * kRespSeg, down + 12 * kRespSeg};
  s.sack[2] = {down + 13 * kRespSeg, down + (kWarmResp + 1 + i) * kRespSeg};
  in = build_packet(s);
  // from A's c2 port to B, in c2's spaces
  s.saddr = f.a->addr;
  s.sport = f.a2port;
  s.daddr = f.b->addr;
  s.dport = f.b->port;
  s.seq = s.seq - f.ci - u32(kSpliceT) + f.a2i;
  s.ack = s.ack - down + f.bi + 1;
  s.tsval += ts_to_node;
  s.tsecr -= ts_to_client;
  for (SackBlock& b : s.sack) {
    b.start = b.start - down + f.bi + 1;
    b.end = b.end - down + f.bi + 1;
  }
  expected = build_packet(s);
}

}  // namespace

Traffic::Traffic() {
  std::mt19937 rng(20260101);
  for (std::size_t m = 0; m < kMembers; ++m) {
    members_.at(m).addr = be32(kMemberBase + static_cast<std::uint32_t>(m));
    members_.at(m).port = be16(kMemberPort);
  }
  make_nat_flows();
  make_splice_flows();
  conns_saved_.assign(conns_.span().begin(), conns_.span().end());
  splices_saved_.assign(splices_.span().begin(), splices_.span().end());

  std::vector<Packet> in;
  std::vector<Packet> expected;
  for (const NatFlow& f : nat_flows) {
    const Conn& c = *f.conn;
    const knits_tcp_side& cs = c.side[kDirOrig];
    const knits_tcp_side& ms = c.side[kDirReply];
    for (std::uint32_t j = 0; j < kPacketsPerFlow; ++j) {
      // an upload: the member has sent nothing new to acknowledge
      SegmentSpec s = spec(c.ent[kDirOrig].tuple, cs.end + j * kNatSeg, cs.ack, kWinClient, kAckPsh,
                           kNatSeg, cs.ts_last + 1 + j, ms.ts_last + j);
      in.push_back(build_packet(s));
      s.daddr = c.ent[kDirReply].tuple.src[0];
      s.dport = c.ent[kDirReply].tuple.sport;
      expected.push_back(build_packet(s));
    }
  }
  fill_pool(nat, in, expected, rng);

  in.clear();
  expected.clear();
  for (const SpliceFlow& f : splice_flows) {
    for (std::size_t j = 0; j < kPacketsPerFlow; ++j) {
      add_splice_pass(f, j, in.emplace_back(), expected.emplace_back());
    }
  }
  fill_pool(splice, in, expected, rng);
}

void Traffic::make_nat_flows() {
  std::mt19937 rng(1);
  for (std::size_t f = 0; f < kFlows; ++f) {
    Conn& c = conns_[f];
    Member& m = members_.at(f % kMembers);
    const std::uint32_t caddr = be32(kNatClients + static_cast<std::uint32_t>(f));
    const auto cport = be16(static_cast<std::uint16_t>(1024 + rng() % 60000));
    c.ent[kDirOrig].tuple = make_tuple(caddr, cport, be32(kVip), be16(kVipPort));
    c.ent[kDirReply].tuple = make_tuple(m.addr, m.port, caddr, cport);
    c.state = KNITS_TCP_ESTABLISHED;
    c.kind = ConnKind::kClient;
    c.svc = &svc_;
    c.member = &m;
    ++m.conns;
    ++m.active_conns;
    const std::uint32_t ci = random32(rng);
    const std::uint32_t mi = random32(rng);
    const std::uint32_t tsc = random32(rng);
    const std::uint32_t tsm = random32(rng);
    c.side[kDirOrig] = make_side(ci, kNatSent, mi + 1 + kNatRecv, kWinClient, tsc, kWscale, kMss);
    c.side[kDirReply] = make_side(mi, kNatRecv, ci + 1 + kNatSent, kWinA, tsm, kWscale, kMss);
    verify(hash_conn(gw.conns, c), "setup", "two NATed connections share a tuple");
    nat_flows.push_back(NatFlow{&c, ci + 1 + kNatSent + u32(kPacketsPerFlow) * kNatSeg,
                                tsc + u32(kPacketsPerFlow)});
  }
}

void Traffic::make_splice_flows() {
  std::mt19937 rng(2);
  for (std::size_t f = 0; f < kFlows; ++f) {
    SpliceFlow sf;
    sf.c1 = &conns_[kFlows + 2 * f];
    sf.c2 = &conns_[kFlows + 2 * f + 1];
    sf.sp = &splices_[f];
    Member& a = members_.at(f % kMembers);
    Member& b = members_.at((f + 1) % kMembers);
    sf.a = &a;
    sf.b = &b;
    sf.caddr = be32(kSpliceClients + static_cast<std::uint32_t>(f));
    sf.cport = be16(static_cast<std::uint16_t>(1024 + rng() % 60000));
    // unique for each pair of nodes: f / kMembers differs within a pair
    sf.a2port = be16(static_cast<std::uint16_t>(32768 + f / kMembers));
    sf.ci = random32(rng);
    sf.ai = random32(rng);
    sf.a2i = random32(rng);
    sf.bi = random32(rng);
    sf.tsc = random32(rng);
    sf.tsa = random32(rng);
    sf.tsa2 = random32(rng);
    sf.tsb = random32(rng);

    Conn& c1 = *sf.c1;
    c1.ent[kDirOrig].tuple = make_tuple(sf.caddr, sf.cport, be32(kVip), be16(kVipPort));
    c1.ent[kDirReply].tuple = make_tuple(a.addr, a.port, sf.caddr, sf.cport);
    c1.state = KNITS_TCP_ESTABLISHED;
    c1.kind = ConnKind::kClient;
    c1.svc = &svc_;
    c1.member = &a;
    ++a.conns;
    ++a.active_conns;
    c1.side[kDirOrig] = make_side(sf.ci, u32(kSpliceP), sf.ai + 1 + u32(kSpliceS), kWinClient,
                                  sf.tsc, kWscale, kMss);
    c1.side[kDirReply] =
        make_side(sf.ai, u32(kSpliceS), sf.ci + 1 + u32(kSpliceP), kWinA, sf.tsa, kWscale, kMss);

    Conn& c2 = *sf.c2;
    c2.ent[kDirOrig].tuple = make_tuple(a.addr, sf.a2port, b.addr, b.port);
    c2.ent[kDirReply].tuple = make_tuple(b.addr, b.port, a.addr, sf.a2port);
    c2.state = KNITS_TCP_ESTABLISHED;
    c2.kind = ConnKind::kNode;
    c2.svc = &svc_;
    c2.member = &b;
    c2.side[kDirOrig] = make_side(sf.a2i, 0, sf.bi + 1, kWinA2, sf.tsa2, kWscale, kMssC2);
    c2.side[kDirReply] = make_side(sf.bi, 0, sf.a2i + 1, kWinB, sf.tsb, kWscaleB, kMss);
    verify(hash_conn(gw.conns, c1) && hash_conn(gw.conns, c2), "setup",
           "two spliced connections share a tuple");

    std::int64_t p = 0;
    knits_emit fin{};
    verify(install_splice(*sf.sp, c1, c2, kSpliceT, kSpliceS, p, fin) == KNITS_SPLICE_OK &&
               p == kSpliceP,
           "setup", "a splice was refused, or answered another P");
    link_splice(*sf.sp, c1, c2);
    warm_up(sf);
    splice_flows.push_back(sf);
  }
}

void Traffic::warm_up(const SpliceFlow& f) {
  const Tuple& c1o = f.c1->ent[kDirOrig].tuple;
  const Tuple& c1r = f.c1->ent[kDirReply].tuple;
  const Tuple& c2o = f.c2->ent[kDirOrig].tuple;
  const Tuple& c2r = f.c2->ent[kDirReply].tuple;
  const std::uint32_t copy = u32(kSpliceP) - u32(kSpliceT);
  const auto run = [this](const SegmentSpec& s, Verdict want, const char* detail) {
    Packet p = build_packet(s);
    verify(knits_packet(gw, p) == want, "splice warm-up", detail);
    if (want == Verdict::kAccept) {
      verify(ipv4_checksum_valid(p) && tcp_checksum_valid(p), "splice warm-up",
             "a forwarded packet's checksums do not verify");
    }
  };

  run(spec(c2o, f.a2i + 1, f.bi + 1, kWinA2, kAckPsh, static_cast<std::uint16_t>(copy), f.tsa2 + 1,
           f.tsb),
      Verdict::kAccept, "the first node's copy on c2 was not forwarded");
  run(spec(c2o, f.a2i + 1 + copy, f.bi + 1, kWinA2, kFinAck, 0, f.tsa2 + 2, f.tsb), Verdict::kDrop,
      "the first node's FIN on c2 was not taken by the gateway");
  run(spec(c1r, f.ai + 1 + u32(kSpliceS), f.ci + 1 + u32(kSpliceP) + 1, kWinA, kFinAck, 0,
           f.tsa + 1, f.tsc),
      Verdict::kDrop, "the first node's FIN on c1 was not taken by the gateway");
  verify(f.sp->st.first == 1 && f.sp->st.nlegs == 2, "splice warm-up",
         "leg 0 was not retired after its node's FIN");
  run(spec(c2r, f.bi + 1, f.a2i + 1 + copy, kWinB, kAck, 0, f.tsb + 1, f.tsa2 + 1),
      Verdict::kAccept, "the next node's ack of the copy was not forwarded");
  for (std::uint32_t i = 0; i < kWarmResp; ++i) {
    run(spec(c2r, f.bi + 1 + i * kRespSeg, f.a2i + 1 + copy, kWinB, kAckPsh, kRespSeg,
             f.tsb + 2 + i, f.tsa2 + 1),
        Verdict::kAccept, "a response segment was not forwarded");
  }
  for (std::uint32_t i = 0; i < kWarmUp; ++i) {
    run(spec(c1o, f.ci + 1 + u32(kSpliceP) + i * kUpSeg,
             f.ai + 1 + u32(kSpliceS) + kClientAckedResp, kWinClient, kAckPsh, kUpSeg,
             f.tsc + 1 + i, f.tsa + 1 + kWarmResp),
        Verdict::kAccept, "an upload segment was not forwarded");
  }
}

void Traffic::restore_nat() {
  std::copy(nat.in.begin(), nat.in.end(), nat.work.begin());
  std::copy_n(conns_saved_.begin(), kFlows, conns_.span().begin());
}

void Traffic::restore_splice() {
  std::copy(splice.in.begin(), splice.in.end(), splice.work.begin());
  std::copy(conns_saved_.begin() + kFlows, conns_saved_.end(), conns_.span().begin() + kFlows);
  std::copy(splices_saved_.begin(), splices_saved_.end(), splices_.span().begin());
}

void Traffic::verify_baseline() {
  restore_nat();
  for (std::size_t i = 0; i < nat.work.size(); ++i) {
    verify(baseline_packet(gw, nat.work[i]), "baseline", "a packet was not rewritten");
    verify_rewrite("baseline", nat.work[i], nat.expected[i]);
  }
  restore_nat();
}

void Traffic::verify_nat() {
  restore_nat();
  const std::uint64_t before = gw.counter(KNITS_CTR_NAT_TO_MEMBER);
  for (std::size_t i = 0; i < nat.work.size(); ++i) {
    verify(knits_packet(gw, nat.work[i]) == Verdict::kAccept, "nat_packet",
           "a packet was not accepted");
    verify_rewrite("nat_packet", nat.work[i], nat.expected[i]);
  }
  verify(gw.counter(KNITS_CTR_NAT_TO_MEMBER) - before == nat.work.size(), "nat_packet",
         "not every packet was counted as NATed to its member");
  for (const NatFlow& f : nat_flows) {
    const knits_tcp_side& s = f.conn->side[kDirOrig];
    verify(f.conn->state == KNITS_TCP_ESTABLISHED, "nat_packet", "a connection left ESTABLISHED");
    verify(s.end == f.end_after_pass && s.ts_last == f.ts_after_pass, "nat_packet",
           "the client's side did not learn its sequence numbers and timestamps");
  }
  restore_nat();
}

void Traffic::verify_splice() {
  restore_splice();
  const std::uint64_t before =
      gw.counter(KNITS_CTR_SPLICED_TO_CLIENT) + gw.counter(KNITS_CTR_SPLICED_TO_NODE);
  const std::uint64_t emitted = gw.counter(KNITS_CTR_SPLICE_SYNTHESIZED);
  for (std::size_t i = 0; i < splice.work.size(); ++i) {
    verify(knits_packet(gw, splice.work[i]) == Verdict::kAccept, "splice_ts_sack",
           "a spliced packet was not forwarded");
    verify_rewrite("splice_ts_sack", splice.work[i], splice.expected[i]);
  }
  verify(gw.counter(KNITS_CTR_SPLICED_TO_CLIENT) + gw.counter(KNITS_CTR_SPLICED_TO_NODE) - before ==
             splice.work.size(),
         "splice_ts_sack", "not every packet was counted as spliced");
  verify(gw.counter(KNITS_CTR_SPLICE_SYNTHESIZED) == emitted, "splice_ts_sack",
         "the steady state made the gateway synthesize segments");
  restore_splice();
}

Traffic& traffic() {
  static Traffic t;
  return t;
}

}  // namespace knits::bench
