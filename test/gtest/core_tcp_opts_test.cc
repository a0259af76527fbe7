// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The TCP options parser and writers (kmod/core/tcp_opts.h): the option
// lists Linux sends, every malformed shape, padding, unknown options, the
// limits of the options area, the in-place writers, and a randomised run
// against a naive reference parser.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "knits_core.h"

namespace {

using Bytes = std::vector<std::uint8_t>;
using Block = std::pair<std::uint32_t, std::uint32_t>;

constexpr std::uint8_t kEol = KNITS_TCPOPT_EOL;
constexpr std::uint8_t kNop = KNITS_TCPOPT_NOP;
constexpr std::uint8_t kMss = KNITS_TCPOPT_MSS;
constexpr std::uint8_t kWscale = KNITS_TCPOPT_WSCALE;
constexpr std::uint8_t kSackPerm = KNITS_TCPOPT_SACK_PERM;
constexpr std::uint8_t kSack = KNITS_TCPOPT_SACK;
constexpr std::uint8_t kTs = KNITS_TCPOPT_TS;
constexpr std::uint8_t kMd5 = 19;  // RFC 2385
constexpr std::uint8_t kMptcp = 30;
constexpr std::uint8_t kFastOpen = 34;  // RFC 7413
constexpr std::uint8_t kExperiment = 254;
constexpr std::size_t kMaxLen = KNITS_TCP_OPTS_MAX;

void append_be32(Bytes& b, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    b.push_back(static_cast<std::uint8_t>(v >> shift));
  }
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) {
    out.insert(out.end(), p.begin(), p.end());
  }
  return out;
}

Bytes nops(std::size_t n) {
  Bytes b(n, kNop);  // not Bytes{n, kNop}: that is two bytes
  return b;
}

Bytes mss(std::uint16_t v) {
  return {kMss, 4, static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

Bytes wscale(std::uint8_t shift) { return {kWscale, 3, shift}; }

Bytes sack_perm() { return {kSackPerm, 2}; }

Bytes ts(std::uint32_t tsval, std::uint32_t tsecr) {
  Bytes b{kTs, 10};
  append_be32(b, tsval);
  append_be32(b, tsecr);
  return b;
}

Bytes sack(const std::vector<Block>& blocks) {
  Bytes b{kSack, static_cast<std::uint8_t>(2 + 8 * blocks.size())};
  for (const auto& [start, end] : blocks) {
    append_be32(b, start);
    append_be32(b, end);
  }
  return b;
}

// An option of any kind with `data_len` bytes of data.
Bytes option(std::uint8_t kind, std::size_t data_len) {
  Bytes b{kind, static_cast<std::uint8_t>(2 + data_len)};
  for (std::size_t i = 0; i < data_len; i++) {
    b.push_back(static_cast<std::uint8_t>(0xA0 + i));
  }
  return b;
}

// The first `n` of a set of distinct blocks.
std::vector<Block> blocks(std::size_t n) {
  const std::vector<Block> all = {{0x11111111U, 0x22222222U},
                                  {0x33333333U, 0x44444444U},
                                  {0xFFFFFF00U, 0x00000100U},  // across the wrap
                                  {0x89ABCDEFU, 0x89ABD000U}};
  return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n)};
}

// Parses `b`, into a result filled with garbage first so that the tests
// see what the parser clears.
std::optional<knits_tcp_opts> parse(const Bytes& b) {
  knits_tcp_opts o{};
  std::memset(&o, 0xA5, sizeof o);
  if (knits_tcp_opts_parse(b.data(), static_cast<std::uint32_t>(b.size()), &o) != 0) {
    return std::nullopt;
  }
  return o;
}

// Every field, present or not, so that one comparison checks them all.
std::string describe(const knits_tcp_opts& o) {
  std::ostringstream s;
  s << "mss " << o.has_mss << "/" << o.mss << " ws " << o.has_wscale << "/" << int{o.wscale}
    << " sack_ok " << o.sack_ok << " ts " << o.has_ts << "/" << o.tsval << "/" << o.tsecr << "@"
    << int{o.ts_off} << " sack " << int{o.nsack} << "@" << int{o.sack_off};
  for (std::size_t i = 0; i < KNITS_TCP_SACK_MAX; i++) {
    s << " " << o.sack_start[i] << "-" << o.sack_end[i];
  }
  return s.str();
}

// What a parse should give, as the fields to set on a cleared result.
struct Want {
  std::optional<std::uint16_t> mss{};
  std::optional<std::uint8_t> wscale{};
  bool sack_ok = false;
  std::optional<Block> ts{};
  std::uint8_t ts_off = 0;
  std::vector<Block> sack{};
  std::uint8_t sack_off = 0;
};

std::string describe(const Want& w) {
  knits_tcp_opts o{};
  o.has_mss = w.mss.has_value();
  o.mss = w.mss.value_or(0);
  o.has_wscale = w.wscale.has_value();
  o.wscale = w.wscale.value_or(0);
  o.sack_ok = w.sack_ok;
  o.has_ts = w.ts.has_value();
  o.tsval = w.ts ? w.ts->first : 0;
  o.tsecr = w.ts ? w.ts->second : 0;
  o.ts_off = w.ts_off;
  o.nsack = static_cast<std::uint8_t>(w.sack.size());
  o.sack_off = w.sack_off;
  for (std::size_t i = 0; i < w.sack.size() && i < KNITS_TCP_SACK_MAX; i++) {
    o.sack_start[i] = w.sack[i].first;
    o.sack_end[i] = w.sack[i].second;
  }
  return describe(o);
}

std::string parsed(const Bytes& b) {
  const auto o = parse(b);
  return o ? describe(*o) : "malformed";
}

std::string hex(const Bytes& b) {
  std::string s;
  for (const std::uint8_t byte : b) {
    constexpr const char* kDigits = "0123456789abcdef";
    s += kDigits[byte >> 4];
    s += kDigits[byte & 0xF];
  }
  return s;
}

// A SYN of Linux 6.1 (tcpdump -x of a curl connect): MSS 1460, SACK
// permitted, timestamps, NOP, window scale 7.
const Bytes kLinuxSyn = {0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0x9b, 0x3c,
                         0x1f, 0x2e, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07};

TEST(TcpOpts, LinuxSyn) {
  EXPECT_EQ(
      parsed(kLinuxSyn),
      describe(Want{
          .mss = 1460, .wscale = 7, .sack_ok = true, .ts = Block{0x9b3c1f2eU, 0}, .ts_off = 8}));
}

TEST(TcpOpts, LinuxSynAck) {
  // The answer to kLinuxSyn: the same layout, TSecr echoing its TSval.
  const Bytes syn_ack =
      cat({mss(1460), sack_perm(), ts(0x5e1d0c42U, 0x9b3c1f2eU), nops(1), wscale(9)});
  EXPECT_EQ(parsed(syn_ack), describe(Want{.mss = 1460,
                                           .wscale = 9,
                                           .sack_ok = true,
                                           .ts = Block{0x5e1d0c42U, 0x9b3c1f2eU},
                                           .ts_off = 8}));
}

TEST(TcpOpts, LinuxSynAckWithoutTimestamps) {
  // Linux pads SACK-permitted and window scale with NOPs when there are
  // no timestamps to share a word with.
  const Bytes syn_ack = {0x02, 0x04, 0x05, 0x8c, 0x01, 0x01, 0x04, 0x02, 0x01, 0x03, 0x03, 0x07};
  EXPECT_EQ(parsed(syn_ack), describe(Want{.mss = 1420, .wscale = 7, .sack_ok = true}));
}

TEST(TcpOpts, DataWithTimestamps) {
  EXPECT_EQ(parsed(cat({nops(2), ts(1, 0xFFFFFFFFU)})),
            describe(Want{.ts = Block{1, 0xFFFFFFFFU}, .ts_off = 4}));
}

TEST(TcpOpts, DataWithTimestampsAndOneToThreeSackBlocks) {
  // Linux's layout: NOP NOP TS, NOP NOP SACK; three blocks fill 40 bytes.
  for (std::size_t n = 1; n <= 3; n++) {
    const Bytes b = cat({nops(2), ts(7, 8), nops(2), sack(blocks(n))});
    ASSERT_EQ(b.size(), 16 + 8 * n);
    EXPECT_EQ(parsed(b),
              describe(Want{.ts = Block{7, 8}, .ts_off = 4, .sack = blocks(n), .sack_off = 16}))
        << n << " blocks";
  }
}

TEST(TcpOpts, FourSackBlocksWithoutTimestamps) {
  const Bytes b = cat({nops(2), sack(blocks(4))});
  ASSERT_EQ(b.size(), 36U);
  EXPECT_EQ(parsed(b), describe(Want{.sack = blocks(4), .sack_off = 4}));
}

TEST(TcpOpts, OptionsAtOddOffsets) {
  // Nothing requires NOP padding: fields can sit at any offset.
  const Bytes b = cat({nops(1), ts(0xCAFEF00DU, 0x0BADBEEFU), sack(blocks(2)), nops(1), mss(536)});
  EXPECT_EQ(parsed(b), describe(Want{.mss = 536,
                                     .ts = Block{0xCAFEF00DU, 0x0BADBEEFU},
                                     .ts_off = 3,
                                     .sack = blocks(2),
                                     .sack_off = 13}));
}

TEST(TcpOpts, EmptyOptionsClearTheResult) {
  knits_tcp_opts o{};
  std::memset(&o, 0xA5, sizeof o);
  EXPECT_EQ(knits_tcp_opts_parse(nullptr, 0, &o), 0);
  EXPECT_EQ(describe(o), describe(Want{}));
  EXPECT_EQ(parsed(Bytes{}), describe(Want{}));
}

TEST(TcpOpts, FortyBytesIsTheLimit) {
  EXPECT_EQ(parsed(nops(kMaxLen)), describe(Want{}));
  EXPECT_EQ(parsed(Bytes(kMaxLen, kEol)), describe(Want{}));
  EXPECT_EQ(parsed(option(kExperiment, kMaxLen - 2)), describe(Want{}));
  // An option that ends on the last byte.
  const Bytes ts_last = cat({nops(kMaxLen - 10), ts(3, 4)});
  EXPECT_EQ(parsed(ts_last), describe(Want{.ts = Block{3, 4}, .ts_off = 32}));
  const Bytes sack_last = cat({nops(kMaxLen - 34), sack(blocks(4))});
  EXPECT_EQ(parsed(sack_last), describe(Want{.sack = blocks(4), .sack_off = 8}));
  // Beyond what a data offset can describe.
  EXPECT_EQ(parsed(nops(kMaxLen + 1)), "malformed");
  EXPECT_EQ(parsed(Bytes(60, kEol)), "malformed");
  knits_tcp_opts o{};
  EXPECT_EQ(knits_tcp_opts_parse(kLinuxSyn.data(), 0xFFFFFFFFU, &o), -1);
}

TEST(TcpOpts, EolEndsTheList) {
  // What follows EOL is padding, however it looks.
  EXPECT_EQ(parsed(cat({ts(5, 6), Bytes{kEol, kMss, 1, 0xFE}})),
            describe(Want{.ts = Block{5, 6}, .ts_off = 2}));
  EXPECT_EQ(parsed(cat({Bytes{kEol}, mss(1460)})), describe(Want{}));
  EXPECT_EQ(parsed(cat({mss(1460), wscale(2), Bytes{kEol, kEol, kEol, kEol, kEol}})),
            describe(Want{.mss = 1460, .wscale = 2}));
  EXPECT_EQ(parsed(cat({nops(3), Bytes{kEol}, ts(1, 2)})), describe(Want{}));
}

TEST(TcpOpts, UnknownOptionsAreSkippedByTheirLength) {
  const Bytes b =
      cat({option(kMd5, 16), option(kExperiment, 0), nops(1), ts(9, 10), option(kMptcp, 2)});
  EXPECT_EQ(parsed(b), describe(Want{.ts = Block{9, 10}, .ts_off = 23}));
  // A Fast Open cookie in a SYN, twice: only known options may not repeat.
  const Bytes tfo = cat({mss(1460), option(kFastOpen, 8), option(kFastOpen, 8)});
  EXPECT_EQ(parsed(tfo), describe(Want{.mss = 1460}));
  // Data that looks like options is not read as options.
  const Bytes hidden = cat({Bytes{kExperiment, 12}, ts(1, 2)});
  EXPECT_EQ(parsed(hidden), describe(Want{}));
}

TEST(TcpOpts, WindowScaleAbove14CountsAs14) {
  for (unsigned int shift = 0; shift < 256; shift++) {
    const auto o = parse(wscale(static_cast<std::uint8_t>(shift)));
    ASSERT_TRUE(o) << shift;
    EXPECT_TRUE(o->has_wscale);
    EXPECT_EQ(o->wscale, shift < 14 ? shift : 14U) << shift;
  }
}

TEST(TcpOpts, MssTakesEveryValue) {
  for (const std::uint16_t v : {std::uint16_t{0}, std::uint16_t{1}, std::uint16_t{0xFFFF}}) {
    EXPECT_EQ(parsed(mss(v)), describe(Want{.mss = v})) << v;
  }
}

Bytes without_last(Bytes b) {
  b.pop_back();
  return b;
}

struct Malformed {
  const char* what;
  Bytes bytes;
};

TEST(TcpOpts, MalformedOptions) {
  const std::vector<Malformed> cases = {
      {"MSS without its length", {kMss}},
      {"an unknown kind without its length", {kExperiment}},
      {"a kind without its length after NOPs", {kNop, kNop, kTs}},
      {"length 0", {kExperiment, 0}},
      {"length 1", {kExperiment, 1, 0, 0}},
      {"MSS of length 0", {kMss, 0, 5, 0xb4}},
      {"an unknown option past the end", {kExperiment, 5, 0, 0}},
      {"timestamps cut short", without_last(ts(1, 2))},
      {"a SACK block cut short", {kSack, 10, 1, 2, 3, 4, 5, 6, 7}},
      {"SACK of 5 blocks", cat({Bytes{kSack, 42}, Bytes(38, 0)})},
      {"MSS of length 3", {kMss, 3, 5}},
      {"MSS of length 5", {kMss, 5, 5, 0xb4, 0}},
      {"window scale of length 2", {kWscale, 2}},
      {"window scale of length 4", {kWscale, 4, 7, 0}},
      {"SACK-permitted of length 3", {kSackPerm, 3, 0}},
      {"SACK-permitted of length 4", {kSackPerm, 4, 0, 0}},
      {"timestamps of length 2", {kTs, 2}},
      {"timestamps of length 8", option(kTs, 6)},
      {"timestamps of length 12", option(kTs, 10)},
      {"SACK without blocks", {kSack, 2}},
      {"SACK of length 3", option(kSack, 1)},
      {"SACK of length 9", option(kSack, 7)},
      {"SACK of length 11", option(kSack, 9)},
      {"SACK of length 17", option(kSack, 15)},
      {"SACK of length 33", option(kSack, 31)},
      {"SACK of length 35", option(kSack, 33)},
      {"MSS twice", cat({mss(1460), mss(1460)})},
      {"window scale twice", cat({wscale(7), nops(1), wscale(7)})},
      {"SACK-permitted twice", cat({sack_perm(), sack_perm()})},
      {"timestamps twice", cat({nops(2), ts(1, 2), nops(2), ts(1, 2)})},
      {"SACK twice", cat({sack(blocks(1)), sack(blocks(2))})},
      {"a bad option after good ones", cat({nops(2), ts(1, 2), Bytes{kExperiment, 1}})},
      {"a good option after a bad one", cat({Bytes{kMss, 3, 0}, nops(1), ts(1, 2)})},
  };
  for (const Malformed& c : cases) {
    knits_tcp_opts o{};
    EXPECT_EQ(knits_tcp_opts_parse(c.bytes.data(), static_cast<std::uint32_t>(c.bytes.size()), &o),
              -1)
        << c.what << ": " << hex(c.bytes);
  }
}

using Range = std::pair<std::size_t, std::size_t>;

// The bytes of `after` that differ from `before`, as [first, last + 1).
Range changed(const Bytes& before, const Bytes& after) {
  std::size_t first = before.size();
  std::size_t end = 0;
  for (std::size_t i = 0; i < before.size(); i++) {
    if (before[i] != after[i]) {
      first = std::min(first, i);
      end = i + 1;
    }
  }
  return {first, end};
}

TEST(TcpOptsWrite, PutTsRewritesOnlyTheTimestamps) {
  const std::vector<Bytes> segments = {
      kLinuxSyn, cat({nops(2), ts(7, 8), nops(2), sack(blocks(3))}),
      cat({nops(1), ts(0xCAFEF00DU, 0x0BADBEEFU), sack(blocks(2)), nops(1), mss(536)})};
  for (const Bytes& before : segments) {
    const auto o = parse(before);
    ASSERT_TRUE(o) << hex(before);
    Bytes b = before;
    knits_tcp_opts_put_ts(b.data(), &*o, ~o->tsval, ~o->tsecr);
    EXPECT_EQ(changed(before, b), Range(o->ts_off, o->ts_off + 8U)) << hex(before);
    knits_tcp_opts want = *o;
    want.tsval = ~o->tsval;
    want.tsecr = ~o->tsecr;
    EXPECT_EQ(parsed(b), describe(want)) << hex(before);
  }
}

TEST(TcpOptsWrite, PutTsKeepsTsecrWhenAskedTo) {
  Bytes b = kLinuxSyn;
  const auto o = parse(b);
  ASSERT_TRUE(o);
  knits_tcp_opts_put_ts(b.data(), &*o, 42, o->tsecr);
  EXPECT_EQ(b, cat({mss(1460), sack_perm(), ts(42, 0), nops(1), wscale(7)}));
}

TEST(TcpOptsWrite, PutTsWithoutTimestampsWritesNothing) {
  const Bytes before = cat({mss(1460), nops(2), sack_perm(), nops(1), wscale(7)});
  const auto o = parse(before);
  ASSERT_TRUE(o);
  Bytes b = before;
  knits_tcp_opts_put_ts(b.data(), &*o, 1, 2);
  EXPECT_EQ(b, before);
}

TEST(TcpOptsWrite, PutSackRewritesOneBlock) {
  for (std::size_t n = 1; n <= KNITS_TCP_SACK_MAX; n++) {
    const Bytes before = n < 4 ? cat({nops(2), ts(7, 8), nops(2), sack(blocks(n))})
                               : cat({nops(2), sack(blocks(n))});
    const auto o = parse(before);
    ASSERT_TRUE(o) << n;
    for (std::size_t i = 0; i < n; i++) {
      Bytes b = before;
      const auto start = static_cast<std::uint32_t>(0x01020304U * (i + 1));
      const std::uint32_t end = ~start;
      knits_tcp_opts_put_sack(b.data(), &*o, static_cast<std::uint8_t>(i), start, end);
      const std::size_t at = o->sack_off + 8U * i;
      EXPECT_EQ(changed(before, b), Range(at, at + 8)) << n << " blocks, block " << i;
      knits_tcp_opts want = *o;
      want.sack_start[i] = start;
      want.sack_end[i] = end;
      EXPECT_EQ(parsed(b), describe(want)) << n << " blocks, block " << i;
    }
    // Blocks the segment does not have are not written.
    for (std::size_t i = n; i < 256; i++) {
      Bytes b = before;
      knits_tcp_opts_put_sack(b.data(), &*o, static_cast<std::uint8_t>(i), 1, 2);
      EXPECT_EQ(b, before) << n << " blocks, block " << i;
    }
  }
}

TEST(TcpOptsWrite, NopSackBlanksTheWholeOption) {
  for (std::size_t n = 1; n <= 3; n++) {
    const Bytes before = cat({ts(7, 8), sack(blocks(n)), wscale(3)});
    const auto o = parse(before);
    ASSERT_TRUE(o) << n;
    Bytes b = before;
    knits_tcp_opts_nop_sack(b.data(), &*o);
    EXPECT_EQ(b, cat({ts(7, 8), nops(2 + 8 * n), wscale(3)})) << n;
    EXPECT_EQ(parsed(b), describe(Want{.wscale = 3, .ts = Block{7, 8}, .ts_off = 2})) << n;
  }
  const Bytes before = cat({nops(2), sack(blocks(4)), nops(1), wscale(3)});
  const auto o = parse(before);
  ASSERT_TRUE(o);
  Bytes b = before;
  knits_tcp_opts_nop_sack(b.data(), &*o);
  EXPECT_EQ(b, cat({nops(2 + 34 + 1), wscale(3)}));
  EXPECT_EQ(parsed(b), describe(Want{.wscale = 3}));
}

TEST(TcpOptsWrite, NopSackWithoutSackWritesNothing) {
  const auto o = parse(kLinuxSyn);
  ASSERT_TRUE(o);
  Bytes b = kLinuxSyn;
  knits_tcp_opts_nop_sack(b.data(), &*o);
  EXPECT_EQ(b, kLinuxSyn);
}

TEST(TcpOptsBytes, BigEndianAtAnyAlignment) {
  for (std::size_t at = 0; at < 4; at++) {
    std::array<std::uint8_t, 8> buf{};
    buf.fill(0xEE);
    knits_put_be32(&buf.at(at), 0x01020304U);
    EXPECT_EQ(knits_get_be32(&buf.at(at)), 0x01020304U) << at;
    EXPECT_EQ(knits_get_be16(&buf.at(at)), 0x0102U) << at;
    for (std::size_t i = 0; i < buf.size(); i++) {
      const std::uint8_t want =
          i >= at && i < at + 4 ? static_cast<std::uint8_t>(i - at + 1) : std::uint8_t{0xEE};
      EXPECT_EQ(buf.at(i), want) << at << " " << i;
    }
    buf.fill(0xEE);
    knits_put_be16(&buf.at(at), 0xFE01U);
    EXPECT_EQ(knits_get_be16(&buf.at(at)), 0xFE01U) << at;
    EXPECT_EQ(buf.at(at), 0xFE);
    EXPECT_EQ(buf.at(at + 1), 0x01);
    EXPECT_EQ(buf.at(at + 2), 0xEE);
  }
}

// The recipe tcp_opts.h gives callers for the checksum, checked against a
// full recomputation: the incremental update of a rewritten 32-bit field
// (RFC 1624) is right as is at an even offset, and with the bytes of each
// 16-bit half swapped at an odd one.
std::uint16_t fold(std::uint32_t sum) {
  while ((sum >> 16) != 0) {
    sum = (sum & 0xFFFFU) + (sum >> 16);
  }
  return static_cast<std::uint16_t>(sum);
}

std::uint16_t checksum(const Bytes& b) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < b.size(); i += 2) {
    sum += static_cast<std::uint32_t>(b[i] << 8 | (i + 1 < b.size() ? b[i + 1] : 0));
  }
  return static_cast<std::uint16_t>(~fold(sum));
}

// inet_proto_csum_replace4() on a checksum held in host order.
std::uint16_t replace4(std::uint16_t check, std::uint32_t from, std::uint32_t to) {
  std::uint32_t sum = static_cast<std::uint16_t>(~check);
  sum += static_cast<std::uint16_t>(~(from >> 16)) + static_cast<std::uint16_t>(~from);
  sum += (to >> 16) + (to & 0xFFFFU);
  return static_cast<std::uint16_t>(~fold(sum));
}

std::uint32_t swap_halves(std::uint32_t v) {
  return (v & 0xFF00FF00U) >> 8 | (v & 0x00FF00FFU) << 8;
}

TEST(TcpOptsChecksum, OddOffsetsSwapTheBytesOfEachHalf) {
  const Bytes header(20, 0x5A);  // the fixed header; its length is even
  for (std::size_t pad = 0; pad < 4; pad++) {
    const Bytes before = cat({header, nops(pad), ts(0x12345678U, 0x9ABCDEF0U)});
    const auto o = parse(Bytes(before.begin() + 20, before.end()));
    ASSERT_TRUE(o) << pad;
    Bytes after = before;
    knits_tcp_opts_put_ts(after.data() + 20, &*o, 0xFEDCBA98U, o->tsecr);
    std::uint32_t from = o->tsval;
    std::uint32_t to = 0xFEDCBA98U;
    if ((20 + o->ts_off) % 2 != 0) {
      from = swap_halves(from);
      to = swap_halves(to);
    }
    EXPECT_EQ(replace4(checksum(before), from, to), checksum(after)) << pad;
  }
}

// A naive reference: the rules of knits_tcp_opts_parse() written as a
// tokeniser followed by checks, for a randomised comparison.
std::optional<knits_tcp_opts> reference(const Bytes& b) {
  struct Token {
    std::size_t at;
    std::uint8_t kind;
    std::size_t len;
  };
  if (b.size() > kMaxLen) {
    return std::nullopt;
  }
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < b.size() && b[i] != kEol;) {
    if (b[i] == kNop) {
      i++;
      continue;
    }
    if (i + 2 > b.size() || b[i + 1] < 2 || i + b[i + 1] > b.size()) {
      return std::nullopt;
    }
    tokens.push_back({i, b[i], b[i + 1]});
    i += b[i + 1];
  }
  const auto be32 = [&b](std::size_t at) {
    return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 |
           std::uint32_t{b[at + 2]} << 8 | std::uint32_t{b[at + 3]};
  };
  knits_tcp_opts o{};
  std::array<int, 256> seen{};
  for (const Token& t : tokens) {
    const bool known = t.kind == kMss || t.kind == kWscale || t.kind == kSackPerm ||
                       t.kind == kTs || t.kind == kSack;
    if (known && seen.at(t.kind)++ > 0) {
      return std::nullopt;
    }
    if ((t.kind == kMss && t.len != 4) || (t.kind == kWscale && t.len != 3) ||
        (t.kind == kSackPerm && t.len != 2) || (t.kind == kTs && t.len != 10) ||
        (t.kind == kSack && (t.len != 10 && t.len != 18 && t.len != 26 && t.len != 34))) {
      return std::nullopt;
    }
    if (t.kind == kMss) {
      o.has_mss = true;
      o.mss = static_cast<std::uint16_t>(b[t.at + 2] << 8 | b[t.at + 3]);
    } else if (t.kind == kWscale) {
      o.has_wscale = true;
      o.wscale = std::min<std::uint8_t>(b[t.at + 2], 14);
    } else if (t.kind == kSackPerm) {
      o.sack_ok = true;
    } else if (t.kind == kTs) {
      o.has_ts = true;
      o.tsval = be32(t.at + 2);
      o.tsecr = be32(t.at + 6);
      o.ts_off = static_cast<std::uint8_t>(t.at + 2);
    } else if (t.kind == kSack) {
      o.nsack = static_cast<std::uint8_t>((t.len - 2) / 8);
      o.sack_off = static_cast<std::uint8_t>(t.at + 2);
      for (std::size_t i = 0; i < o.nsack; i++) {
        o.sack_start[i] = be32(t.at + 2 + 8 * i);
        o.sack_end[i] = be32(t.at + 6 + 8 * i);
      }
    }
  }
  return o;
}

// Random option lists, mostly well formed, some with a byte changed, cut
// short or run long, against the reference.
TEST(TcpOptsRandom, AgreesWithANaiveReference) {
  std::mt19937 rng(20260101);  // NOLINT(cert-msc51-cpp): reproducible on purpose
  const auto pick = [&rng](std::uint32_t n) {
    return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng);
  };
  const auto byte = [&pick] { return static_cast<std::uint8_t>(pick(256)); };
  const auto word = [&rng] { return static_cast<std::uint32_t>(rng()); };
  int ok = 0;
  int malformed = 0;
  for (int iter = 0; iter < 200000; iter++) {
    Bytes b;
    const std::uint32_t parts = pick(8);
    for (std::uint32_t p = 0; p < parts; p++) {
      switch (pick(10)) {
        case 0:
          b.push_back(kNop);
          break;
        case 1:
          b.push_back(pick(8) == 0 ? kEol : kNop);
          break;
        case 2:
          b = cat({b, mss(static_cast<std::uint16_t>(pick(65536)))});
          break;
        case 3:
          b = cat({b, wscale(byte())});
          break;
        case 4:
          b = cat({b, sack_perm()});
          break;
        case 5:
          b = cat({b, ts(word(), word())});
          break;
        case 6: {
          std::vector<Block> blk(1 + pick(4));
          for (Block& x : blk) {
            x = {word(), word()};
          }
          b = cat({b, sack(blk)});
          break;
        }
        case 7:
          b = cat({b, option(byte(), pick(8))});
          break;
        default:
          b.push_back(byte());
          break;
      }
    }
    switch (pick(4)) {
      case 0:
        if (!b.empty()) {
          b.at(pick(static_cast<std::uint32_t>(b.size()))) = byte();
        }
        break;
      case 1:
        if (!b.empty()) {
          b.resize(pick(static_cast<std::uint32_t>(b.size())));
        }
        break;
      default:
        break;
    }
    if (b.size() > kMaxLen && pick(4) != 0) {
      b.resize(kMaxLen);
    }
    const auto want = reference(b);
    ASSERT_EQ(parsed(b), want ? describe(*want) : "malformed") << hex(b);
    (want ? ok : malformed)++;
  }
  // Both outcomes are well represented.
  EXPECT_GT(ok, 20000);
  EXPECT_GT(malformed, 20000);
}

}  // namespace
