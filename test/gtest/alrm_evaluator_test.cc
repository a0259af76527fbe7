// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The reference evaluator (libalrm/evaluator.h) against the module's own
// decisions: SipHash-2-4 against the reference vectors and an independent
// implementation, and every scheduler against the freestanding core
// (kmod/core/sched.h, kmod/core/maglev.h) fed as the module feeds it
// (kmod/service.c, kmod/sched_hash.c, kmod/sched_ops.c, kmod/sched_lc.c).

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "genl/config.h"
#include "genl/endpoint.h"
#include "knits_core.h"
#include "libalrm/descriptor.h"
#include "libalrm/evaluator.h"
#include "libalrm/siphash.h"

namespace {

namespace genl = knits::genl;
using knits::alrm::EvaluatedMember;
using knits::alrm::Evaluator;
using knits::alrm::MemberLoad;
using knits::alrm::Scheduler;
using knits::alrm::siphash24;

// ---------------------------------------------------------------------------
// SipHash-2-4

// A second SipHash-2-4, written from the paper (Aumasson and Bernstein,
// "SipHash: a fast short-input PRF", 2012), to check OpenSSL's use.
class RefSipHash {
 public:
  static std::uint64_t hash(const genl::HashKey& key, std::span<const std::uint8_t> m) {
    const std::uint64_t k0 = load_le(key.data(), 8);
    const std::uint64_t k1 = load_le(key.data() + 8, 8);
    std::array<std::uint64_t, 4> v = {k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL,
                                      k0 ^ 0x6c7967656e657261ULL, k1 ^ 0x7465646279746573ULL};
    const std::size_t whole = m.size() - m.size() % 8;
    for (std::size_t i = 0; i < whole; i += 8) {
      const std::uint64_t word = load_le(m.data() + i, 8);
      v[3] ^= word;
      round(v);
      round(v);
      v[0] ^= word;
    }
    std::uint64_t last = static_cast<std::uint64_t>(m.size() & 0xff) << 56;
    last |= load_le(m.data() + whole, m.size() - whole);
    v[3] ^= last;
    round(v);
    round(v);
    v[0] ^= last;
    v[2] ^= 0xff;
    for (int i = 0; i < 4; i++) {
      round(v);
    }
    return v[0] ^ v[1] ^ v[2] ^ v[3];
  }

 private:
  static std::uint64_t load_le(const std::uint8_t* p, std::size_t n) {
    std::uint64_t x = 0;
    for (std::size_t i = 0; i < n; i++) {
      x |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    }
    return x;
  }
  static std::uint64_t rotl(std::uint64_t x, int b) { return x << b | x >> (64 - b); }
  static void round(std::array<std::uint64_t, 4>& v) {
    v[0] += v[1];
    v[1] = rotl(v[1], 13);
    v[1] ^= v[0];
    v[0] = rotl(v[0], 32);
    v[2] += v[3];
    v[3] = rotl(v[3], 16);
    v[3] ^= v[2];
    v[0] += v[3];
    v[3] = rotl(v[3], 21);
    v[3] ^= v[0];
    v[2] += v[1];
    v[1] = rotl(v[1], 17);
    v[1] ^= v[2];
    v[2] = rotl(v[2], 32);
  }
};

genl::HashKey reference_key() {
  genl::HashKey key{};
  for (std::size_t i = 0; i < key.size(); i++) {
    key.at(i) = static_cast<std::uint8_t>(i);
  }
  return key;
}

// The 64-bit results of the reference implementation's vectors_sip64[N]
// (key 00 01 .. 0f, message 00 01 .. N-1), read as little-endian numbers.
constexpr std::array<std::uint64_t, 48> kReferenceVectors = {
    0x726fdb47dd0e0e31, 0x74f839c593dc67fd, 0x0d6c8009d9a94f5a, 0x85676696d7fb7e2d,
    0xcf2794e0277187b7, 0x18765564cd99a68d, 0xcbc9466e58fee3ce, 0xab0200f58b01d137,
    0x93f5f5799a932462, 0x9e0082df0ba9e4b0, 0x7a5dbbc594ddb9f3, 0xf4b32f46226bada7,
    0x751e8fbc860ee5fb, 0x14ea5627c0843d90, 0xf723ca908e7af2ee, 0xa129ca6149be45e5,
    0x3f2acc7f57c29bdb, 0x699ae9f52cbe4794, 0x4bc1b3f0968dd39c, 0xbb6dc91da77961bd,
    0xbed65cf21aa2ee98, 0xd0f2cbb02e3b67c7, 0x93536795e3a33e88, 0xa80c038ccd5ccec8,
    0xb8ad50c6f649af94, 0xbce192de8a85b8ea, 0x17d835b85bbb15f3, 0x2f2e6163076bcfad,
    0xde4daaaca71dc9a5, 0xa6a2506687956571, 0xad87a3535c49ef28, 0x32d892fad841c342,
    0x7127512f72f27cce, 0xa7f32346f95978e3, 0x12e0b01abb051238, 0x15e034d40fa197ae,
    0x314dffbe0815a3b4, 0x027990f029623981, 0xcadcd4e59ef40c4d, 0x9abfd8766a33735c,
    0x0e3ea96b5304a7d0, 0xad0c42d6fc585992, 0x187306c89bc215a9, 0xd4a60abcf3792b95,
    0xf935451de4f21df2, 0xa9538f0419755787, 0xdb9acddff56ca510, 0xd06c98cd5c0975eb,
};

std::vector<std::uint8_t> counting(std::size_t n) {
  std::vector<std::uint8_t> m(n);
  for (std::size_t i = 0; i < n; i++) {
    m[i] = static_cast<std::uint8_t>(i);
  }
  return m;
}

TEST(SipHash, TheReferenceVectors) {
  const genl::HashKey key = reference_key();
  EXPECT_EQ(siphash24(key, {}), 0x726fdb47dd0e0e31U);
  EXPECT_EQ(siphash24(key, counting(1)), 0x74f839c593dc67fdU);
  EXPECT_EQ(siphash24(key, counting(15)), 0xa129ca6149be45e5U);
  for (std::size_t n = 0; n < kReferenceVectors.size(); n++) {
    EXPECT_EQ(siphash24(key, counting(n)), kReferenceVectors.at(n)) << "N = " << n;
  }
}

TEST(SipHash, TheIndependentImplementationAgreesWithTheVectors) {
  // the check of the check: the second implementation is SipHash-2-4
  const genl::HashKey key = reference_key();
  for (std::size_t n = 0; n < kReferenceVectors.size(); n++) {
    EXPECT_EQ(RefSipHash::hash(key, counting(n)), kReferenceVectors.at(n)) << "N = " << n;
  }
}

TEST(SipHash, AgreesWithTheIndependentImplementationOnRandomInput) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 500; trial++) {
    genl::HashKey key{};
    for (auto& b : key) {
      b = static_cast<std::uint8_t>(rng());
    }
    std::vector<std::uint8_t> m(rng() % 70);
    for (auto& b : m) {
      b = static_cast<std::uint8_t>(rng());
    }
    ASSERT_EQ(siphash24(key, m), RefSipHash::hash(key, m)) << "length " << m.size();
  }
}

// ---------------------------------------------------------------------------
// The module's side

genl::HashKey test_key(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  genl::HashKey key{};
  for (auto& b : key) {
    b = static_cast<std::uint8_t>(rng());
  }
  return key;
}

// pool->weights as kmod/service.c makes them: 0 unless active.
std::vector<std::uint32_t> pool_weights(const std::vector<EvaluatedMember>& members) {
  std::vector<std::uint32_t> w;
  w.reserve(members.size());
  for (const EvaluatedMember& m : members) {
    w.push_back(m.active ? m.weight : 0);
  }
  return w;
}

// kmod/sched_hash.c knits_mh_member_hash(): the siphash of
// struct { union knits_addr addr; __be16 port; u8 family; u8 pad; }.
std::uint64_t kernel_member_hash(const genl::Endpoint& m, const genl::HashKey& key) {
  std::array<std::uint8_t, 20> id{};
  std::memcpy(id.data(), m.address.data(), 16);
  const std::uint16_t port_be = htons(m.port);
  std::memcpy(id.data() + 16, &port_be, 2);
  id[18] = static_cast<std::uint8_t>(m.family);
  id[19] = 0;
  return RefSipHash::hash(key, id);
}

// kmod/sched_ops.c knits_sched_client_hash(): the low 32 bits of the
// siphash of the client's address (4 or 16 bytes).
std::uint32_t kernel_client_hash(const genl::Endpoint& client, const genl::HashKey& key) {
  const std::size_t len = client.family == AF_INET ? 4 : 16;
  return static_cast<std::uint32_t>(
      RefSipHash::hash(key, std::span<const std::uint8_t>(client.address.data(), len)));
}

std::vector<std::uint16_t> kernel_sh_table(const std::vector<EvaluatedMember>& members) {
  const std::vector<std::uint32_t> w = pool_weights(members);
  std::vector<std::uint16_t> table(KNITS_SH_SIZE);
  knits_sh_populate(table.data(), w.data(), static_cast<std::uint32_t>(w.size()));
  return table;
}

std::vector<std::uint16_t> kernel_mh_table(const std::vector<EvaluatedMember>& members,
                                           std::uint32_t size, const genl::HashKey& key) {
  const std::vector<std::uint32_t> w = pool_weights(members);
  std::vector<knits_maglev_member> mm(members.size());
  for (std::size_t i = 0; i < members.size(); i++) {
    const std::uint64_t h = kernel_member_hash(members[i].address, key);
    mm[i].offset_hash = static_cast<std::uint32_t>(h);
    mm[i].skip_hash = static_cast<std::uint32_t>(h >> 32);
    mm[i].weight = w[i];
  }
  std::vector<knits_maglev_scratch> scratch(members.empty() ? 1 : members.size());
  std::vector<std::uint16_t> table(size);
  EXPECT_TRUE(knits_maglev_populate(table.data(), size, mm.data(),
                                    static_cast<std::uint32_t>(mm.size()), scratch.data()));
  return table;
}

std::optional<std::size_t> from_kernel(std::uint32_t choice) {
  if (choice == KNITS_SCHED_NONE) {
    return std::nullopt;
  }
  return choice;
}

genl::Endpoint random_endpoint(std::mt19937_64& rng, bool ipv6) {
  genl::Endpoint e;
  e.family = ipv6 ? AF_INET6 : AF_INET;
  for (std::size_t i = 0; i < (ipv6 ? 16U : 4U); i++) {
    e.address.at(i) = static_cast<std::uint8_t>(rng());
  }
  e.port = static_cast<std::uint16_t>(1 + rng() % 65535);
  return e;
}

// @n members, some of weight 0, some not active, weights small and large.
std::vector<EvaluatedMember> random_members(std::mt19937_64& rng, std::size_t n, bool ipv6) {
  std::vector<EvaluatedMember> members(n);
  for (EvaluatedMember& m : members) {
    m.address = random_endpoint(rng, ipv6);
    switch (rng() % 8) {
      case 0:
        m.weight = 0;
        break;
      case 1:
        m.weight = static_cast<std::uint32_t>(rng() % 65536);
        break;
      default:
        m.weight = static_cast<std::uint32_t>(1 + rng() % 10);
        break;
    }
    m.active = rng() % 6 != 0;
  }
  return members;
}

// The trials: member counts 1..50, IPv4 and IPv6, and a few sets where
// every member or every member but one takes nothing.
std::vector<std::vector<EvaluatedMember>> trials() {
  std::mt19937_64 rng(7);
  std::vector<std::vector<EvaluatedMember>> out;
  for (std::size_t n = 1; n <= 50; n++) {
    out.push_back(random_members(rng, n, n % 3 == 0));
    out.push_back(random_members(rng, n, n % 2 == 0));
  }
  for (std::size_t n : {1U, 5U, 17U}) {
    std::vector<EvaluatedMember> none = random_members(rng, n, false);
    for (EvaluatedMember& m : none) {
      m.weight = 0;
    }
    out.push_back(none);
    std::vector<EvaluatedMember> one = random_members(rng, n, false);
    for (EvaluatedMember& m : one) {
      m.active = false;
    }
    one.back().active = true;
    one.back().weight = 3;
    out.push_back(one);
  }
  return out;
}

std::string describe(const std::vector<EvaluatedMember>& members) {
  std::string text = std::to_string(members.size()) + " members, weights";
  for (const EvaluatedMember& m : members) {
    text += " " + std::to_string(m.weight) + (m.active ? "" : "(inactive)");
  }
  return text;
}

// ---------------------------------------------------------------------------
// sh and mh

TEST(Evaluator, ShTableIsTheCores) {
  const genl::HashKey key = test_key(1);
  for (const auto& members : trials()) {
    const Evaluator e(Scheduler::kSh, members, 0, key);
    ASSERT_EQ(e.table().size(), Evaluator::kShTableSize);
    ASSERT_EQ(e.table(), kernel_sh_table(members)) << describe(members);
  }
}

TEST(Evaluator, ShChoosesByClientAsTheModuleDoes) {
  const genl::HashKey key = test_key(2);
  std::mt19937_64 rng(3);
  for (const auto& members : trials()) {
    const Evaluator e(Scheduler::kSh, members, 0, key);
    const std::vector<std::uint16_t> table = kernel_sh_table(members);
    const bool ipv6 = members[0].address.family == AF_INET6;
    for (int c = 0; c < 20; c++) {
      const genl::Endpoint client = random_endpoint(rng, ipv6);
      ASSERT_EQ(e.by_client(client),
                from_kernel(knits_sh_lookup(table.data(), kernel_client_hash(client, key))))
          << describe(members);
    }
  }
}

TEST(Evaluator, MhTableIsTheCoresForMemberHashesAsTheModuleMakesThem) {
  const genl::HashKey key = test_key(4);
  for (const std::uint32_t size : {7U, 13U, 251U, 4093U}) {
    for (const auto& members : trials()) {
      const Evaluator e(Scheduler::kMh, members, size, key);
      ASSERT_EQ(e.table().size(), size);
      ASSERT_EQ(e.table(), kernel_mh_table(members, size, key))
          << "size " << size << ", " << describe(members);
    }
  }
}

TEST(Evaluator, MhTableIsTheCoresAtTheLargestSize) {
  const genl::HashKey key = test_key(5);
  std::mt19937_64 rng(6);
  for (const std::size_t n : {1U, 10U, 50U}) {
    const std::vector<EvaluatedMember> members = random_members(rng, n, n == 10);
    EXPECT_EQ(Evaluator(Scheduler::kMh, members, 131071, key).table(),
              kernel_mh_table(members, 131071, key))
        << describe(members);
  }
}

TEST(Evaluator, MhChoosesByClientAsTheModuleDoes) {
  const genl::HashKey key = test_key(8);
  std::mt19937_64 rng(9);
  constexpr std::uint32_t kSize = KNITS_MAGLEV_SIZE_DEFAULT;
  for (const auto& members : trials()) {
    const Evaluator e(Scheduler::kMh, members, kSize, key);
    const std::vector<std::uint16_t> table = kernel_mh_table(members, kSize, key);
    const bool ipv6 = members[0].address.family == AF_INET6;
    for (int c = 0; c < 20; c++) {
      const genl::Endpoint client = random_endpoint(rng, ipv6);
      const std::uint16_t slot =
          knits_maglev_lookup(table.data(), kSize, kernel_client_hash(client, key));
      const std::optional<std::size_t> want =
          slot == KNITS_MAGLEV_NONE ? std::nullopt : std::optional<std::size_t>(slot);
      ASSERT_EQ(e.by_client(client), want) << describe(members);
    }
  }
}

TEST(Evaluator, TheClientsPortDoesNotMatter) {
  const genl::HashKey key = test_key(10);
  std::mt19937_64 rng(11);
  const std::vector<EvaluatedMember> members = random_members(rng, 20, false);
  for (const Scheduler s : {Scheduler::kSh, Scheduler::kMh}) {
    const Evaluator e(s, members, 251, key);
    genl::Endpoint client = random_endpoint(rng, false);
    const std::optional<std::size_t> first = e.by_client(client);
    client.port = static_cast<std::uint16_t>(client.port ^ 0x5555U);
    EXPECT_EQ(e.by_client(client), first);
  }
}

TEST(Evaluator, TheHashKeyMovesMhMembers) {
  std::mt19937_64 rng(12);
  const std::vector<EvaluatedMember> members = random_members(rng, 10, false);
  EXPECT_NE(Evaluator(Scheduler::kMh, members, 251, test_key(13)).table(),
            Evaluator(Scheduler::kMh, members, 251, test_key(14)).table());
}

// ---------------------------------------------------------------------------
// rr and wrr

TEST(Evaluator, RrSequenceIsTheCoresFromCursorZero) {
  for (const auto& members : trials()) {
    Evaluator e(Scheduler::kRr, members, 0, {});
    const std::vector<std::uint32_t> w = pool_weights(members);
    std::uint32_t cursor = 0;
    for (std::size_t i = 0; i < 4 * members.size() + 3; i++) {
      const std::optional<std::size_t> want =
          from_kernel(knits_rr_next(&cursor, w.data(), static_cast<std::uint32_t>(w.size())));
      ASSERT_EQ(e.next(), want) << "choice " << i << ", " << describe(members);
    }
  }
}

TEST(Evaluator, WrrSequenceIsTheCoresOverSeveralCycles) {
  for (const auto& members : trials()) {
    Evaluator e(Scheduler::kWrr, members, 0, {});
    const std::vector<std::uint32_t> w = pool_weights(members);
    const auto n = static_cast<std::uint32_t>(w.size());
    knits_wrr s{};
    knits_wrr_reset(&s, w.data(), n);
    // a cycle is sum(weights) / gcd choices
    std::uint64_t sum = 0;
    std::uint32_t gcd = 0;
    for (const std::uint32_t x : w) {
      sum += x;
      gcd = knits_gcd(x, gcd);
    }
    const std::uint64_t cycle = gcd == 0 ? 1 : sum / gcd;
    const std::uint64_t count = std::min<std::uint64_t>(3 * cycle + 5, 20000);
    for (std::uint64_t i = 0; i < count; i++) {
      const std::optional<std::size_t> want = from_kernel(knits_wrr_next(&s, w.data(), n));
      ASSERT_EQ(e.next(), want) << "choice " << i << ", " << describe(members);
    }
  }
}

TEST(Evaluator, WrrInterleavesAsDocumented) {
  // kmod/core/sched.c: weights 4, 3, 2 give 0 0 1 0 1 2 0 1 2
  std::vector<EvaluatedMember> members(3);
  members[0].weight = 4;
  members[1].weight = 3;
  members[2].weight = 2;
  Evaluator e(Scheduler::kWrr, members, 0, {});
  std::vector<std::size_t> got;
  got.reserve(18);
  for (int i = 0; i < 18; i++) {
    got.push_back(e.next().value_or(99));
  }
  EXPECT_EQ(got, (std::vector<std::size_t>{0, 0, 1, 0, 1, 2, 0, 1, 2, 0, 0, 1, 0, 1, 2, 0, 1, 2}));
}

// ---------------------------------------------------------------------------
// lc

std::vector<EvaluatedMember> weighted(std::initializer_list<std::uint32_t> weights) {
  std::vector<EvaluatedMember> members;
  for (const std::uint32_t w : weights) {
    EvaluatedMember m;
    m.weight = w;
    members.push_back(m);
  }
  return members;
}

std::optional<std::size_t> lc(const std::vector<EvaluatedMember>& members,
                              const std::vector<MemberLoad>& loads) {
  return Evaluator(Scheduler::kLc, members, 0, {}).least_loaded(loads);
}

TEST(Evaluator, LcPicksTheLeastLoadedAndTheFirstOnTies) {
  const auto members = weighted({1, 1, 1});
  EXPECT_EQ(lc(members, {{5, 5}, {3, 3}, {4, 4}}), std::optional<std::size_t>(1));
  EXPECT_EQ(lc(members, {{2, 2}, {2, 2}, {2, 2}}), std::optional<std::size_t>(0));
  EXPECT_EQ(lc(members, {{3, 3}, {1, 1}, {1, 1}}), std::optional<std::size_t>(1));
}

TEST(Evaluator, LcWeighsAnEstablishedConnection256TimesAnother) {
  const auto members = weighted({1, 1});
  // member 0: one established (256); member 1: 255 opening or closing
  EXPECT_EQ(lc(members, {{1, 1}, {255, 0}}), std::optional<std::size_t>(1));
  // 256 of them weigh as much as one established: the first wins the tie
  EXPECT_EQ(lc(members, {{1, 1}, {256, 0}}), std::optional<std::size_t>(0));
  EXPECT_EQ(lc(members, {{1, 1}, {257, 0}}), std::optional<std::size_t>(0));
  // more established than bound counts no inactive ones
  EXPECT_EQ(lc(members, {{0, 2}, {511, 0}}), std::optional<std::size_t>(1));
}

TEST(Evaluator, LcDividesTheLoadByTheWeight) {
  const auto members = weighted({1, 3});
  // 1/1 against 2/3
  EXPECT_EQ(lc(members, {{1, 1}, {2, 2}}), std::optional<std::size_t>(1));
  // 1/1 against 3/3: a tie
  EXPECT_EQ(lc(members, {{1, 1}, {3, 3}}), std::optional<std::size_t>(0));
  // 1/1 against 4/3
  EXPECT_EQ(lc(members, {{1, 1}, {4, 4}}), std::optional<std::size_t>(0));
}

TEST(Evaluator, LcSkipsWeightZeroAndInactiveMembers) {
  auto members = weighted({0, 1, 1, 1});
  members[1].active = false;
  EXPECT_EQ(lc(members, {{0, 0}, {0, 0}, {9, 9}, {8, 8}}), std::optional<std::size_t>(3));
}

// The rule written out apart: the least (active * 256 + inactive) / weight
// over active members of non-zero weight, compared exactly, first on ties.
std::optional<std::size_t> lc_rule(const std::vector<EvaluatedMember>& members,
                                   const std::vector<MemberLoad>& loads) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < members.size(); i++) {
    if (!members[i].active || members[i].weight == 0) {
      continue;
    }
    const auto load = [&](std::size_t k) {
      const MemberLoad& l = loads[k];
      const std::uint64_t inactive = l.conns > l.active_conns ? l.conns - l.active_conns : 0;
      return static_cast<unsigned __int128>(l.active_conns) * 256 + inactive;
    };
    if (!best || load(i) * members[*best].weight < load(*best) * members[i].weight) {
      best = i;
    }
  }
  return best;
}

TEST(Evaluator, LcFollowsItsRuleOnRandomLoads) {
  std::mt19937_64 rng(15);
  for (const auto& members : trials()) {
    for (int round = 0; round < 10; round++) {
      std::vector<MemberLoad> loads(members.size());
      for (MemberLoad& l : loads) {
        // small loads, so that ties happen
        l.active_conns = rng() % (round < 5 ? 4 : 100000);
        l.conns = l.active_conns + rng() % (round < 5 ? 600 : 100000);
      }
      ASSERT_EQ(lc(members, loads), lc_rule(members, loads)) << describe(members);
    }
  }
}

// ---------------------------------------------------------------------------
// No member, and the wrong question

TEST(Evaluator, NoMemberOrNoWeightChoosesNone) {
  genl::Endpoint client;
  client.family = AF_INET;
  client.address = {192, 0, 2, 1};
  auto zero = weighted({0, 0, 0});
  auto inactive = weighted({4, 2});
  inactive[0].active = false;
  inactive[1].active = false;
  for (const auto& members : {std::vector<EvaluatedMember>{}, zero, inactive}) {
    Evaluator rr(Scheduler::kRr, members, 0, {});
    EXPECT_EQ(rr.next(), std::nullopt);
    EXPECT_EQ(rr.next(), std::nullopt);
    Evaluator wrr(Scheduler::kWrr, members, 0, {});
    EXPECT_EQ(wrr.next(), std::nullopt);
    const std::vector<MemberLoad> loads(members.size());
    EXPECT_EQ(lc(members, loads), std::nullopt);
    const Evaluator sh(Scheduler::kSh, members, 0, {});
    EXPECT_EQ(sh.by_client(client), std::nullopt);
    for (const std::uint16_t slot : sh.table()) {
      ASSERT_EQ(slot, Evaluator::kNoMember);
    }
    const Evaluator mh(Scheduler::kMh, members, 7, {});
    EXPECT_EQ(mh.by_client(client), std::nullopt);
    EXPECT_EQ(mh.table(), std::vector<std::uint16_t>(7, Evaluator::kNoMember));
  }
}

TEST(Evaluator, EachSchedulerAnswersOnlyItsOwnQuestion) {
  const auto members = weighted({1, 2});
  const std::vector<MemberLoad> loads(2);
  genl::Endpoint client;
  client.family = AF_INET;
  for (const Scheduler s : {Scheduler::kRr, Scheduler::kWrr, Scheduler::kLc}) {
    const Evaluator e(s, members, 0, {});
    EXPECT_THROW((void)e.by_client(client), std::logic_error) << scheduler_name(s);
  }
  for (const Scheduler s : {Scheduler::kLc, Scheduler::kSh, Scheduler::kMh}) {
    Evaluator e(s, members, 7, {});
    EXPECT_THROW((void)e.next(), std::logic_error) << scheduler_name(s);
  }
  for (const Scheduler s : {Scheduler::kRr, Scheduler::kWrr, Scheduler::kSh, Scheduler::kMh}) {
    const Evaluator e(s, members, 7, {});
    EXPECT_THROW((void)e.least_loaded(loads), std::logic_error) << scheduler_name(s);
  }
  EXPECT_EQ(Evaluator(Scheduler::kMh, members, 7, {}).scheduler(), Scheduler::kMh);
}

TEST(Evaluator, LcNeedsOneLoadPerMember) {
  const auto members = weighted({1, 2});
  const std::vector<MemberLoad> loads(3);
  EXPECT_THROW((void)lc(members, loads), std::invalid_argument);
}

TEST(Evaluator, AnMhTableOfFewerThanTwoSlotsIsRefused) {
  const auto members = weighted({1});
  EXPECT_THROW(Evaluator(Scheduler::kMh, members, 0, {}), std::invalid_argument);
  EXPECT_THROW(Evaluator(Scheduler::kMh, members, 1, {}), std::invalid_argument);
}

TEST(Evaluator, AnMhTableOfANonPrimeSizeIsRefused) {
  // A member whose skip shares a factor with 9 walks 3 of the 9 slots.
  const genl::HashKey key = test_key(16);
  std::mt19937_64 rng(17);
  std::vector<EvaluatedMember> members(1);
  do {
    members[0].address = random_endpoint(rng, false);
  } while ((static_cast<std::uint32_t>(kernel_member_hash(members[0].address, key) >> 32) % 8 + 1) %
               3 !=
           0);
  // Built in a child with an alarm: a size the module refuses must not
  // hang the caller.
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(2);
    try {
      const Evaluator e(Scheduler::kMh, members, 9, key);
      _exit(e.table().size() == 9 ? 1 : 2);
    } catch (const std::invalid_argument&) {
      _exit(0);
    }
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "a table of 9 slots was built";
}

}  // namespace
