// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The flow table every benchmark looks packets up in: the shape of the
// kernel's (kmod/conn.c), an rhashtable keyed by struct knits_tuple.
//
//  - Chained buckets, a power-of-two count of them, new entries linked at
//    the head of their chain, a lookup that walks the chain and compares
//    the whole 40-byte key, as rhashtable_lookup() with a key_len does.
//  - rhashtable's grow rule: the table doubles as soon as it holds more
//    than 3/4 as many entries as it has buckets (rht_grow_above_75()), so
//    the load factor stays at or below 0.75. A size hint lets the big
//    tables be made at their final size instead of rehashed on the way.
//  - The hash is jhash2 (Bob Jenkins' lookup3, written here after its
//    published description) over the key's ten 32-bit words with a seed:
//    what rhashtable itself uses for a key whose length is a multiple of
//    4. knits.ko hashes with a keyed siphash instead (clients choose their
//    tuples), which costs a few nanoseconds more; the baseline and the
//    knits benchmarks share this table, so it cancels in their ratios.
//
// The entries are intrusive, as struct knits_conn_ent is: an Entry has
// `Entry* next` and `Tuple tuple`; the table owns neither.

#ifndef KNITS_TEST_BENCH_FLOW_TABLE_H
#define KNITS_TEST_BENCH_FLOW_TABLE_H

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "huge_array.h"

namespace knits::bench {

// struct knits_tuple (kmod/tuple.h): addresses and ports in network
// order, IPv4 in the first word, every other byte zero.
struct Tuple {
  std::array<std::uint32_t, 4> src{};
  std::array<std::uint32_t, 4> dst{};
  std::uint16_t sport = 0;
  std::uint16_t dport = 0;
  std::uint8_t family = 0;
  std::array<std::uint8_t, 3> pad{};
};
static_assert(sizeof(Tuple) == 40, "the kernel's key is 40 bytes, compared whole");

// Raw bytes, as the kernel compares keys (memcmp of key_len bytes).
inline bool same_key(const Tuple& a, const Tuple& b) {
  return std::memcmp(&a, &b, sizeof(Tuple)) == 0;
}

namespace jhash_detail {

constexpr std::uint32_t kInitval = 0xdeadbeef;

inline void mix(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c) {
  a -= c;
  a ^= std::rotl(c, 4);
  c += b;
  b -= a;
  b ^= std::rotl(a, 6);
  a += c;
  c -= b;
  c ^= std::rotl(b, 8);
  b += a;
  a -= c;
  a ^= std::rotl(c, 16);
  c += b;
  b -= a;
  b ^= std::rotl(a, 19);
  a += c;
  c -= b;
  c ^= std::rotl(b, 4);
  b += a;
}

inline void final_mix(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c) {
  c ^= b;
  c -= std::rotl(b, 14);
  a ^= c;
  a -= std::rotl(c, 11);
  b ^= a;
  b -= std::rotl(a, 25);
  c ^= b;
  c -= std::rotl(b, 16);
  a ^= c;
  a -= std::rotl(c, 4);
  b ^= a;
  b -= std::rotl(a, 14);
  c ^= b;
  c -= std::rotl(b, 24);
}

}  // namespace jhash_detail

// jhash2() of the kernel's <linux/jhash.h>, for a key of N words.
template <std::size_t N>
std::uint32_t jhash2(const std::array<std::uint32_t, N>& k, std::uint32_t seed) {
  using jhash_detail::final_mix;
  using jhash_detail::mix;
  std::uint32_t a = jhash_detail::kInitval + (static_cast<std::uint32_t>(N) << 2) + seed;
  std::uint32_t b = a;
  std::uint32_t c = a;
  std::size_t i = 0;
  for (; N - i > 3; i += 3) {
    a += k[i];
    b += k[i + 1];
    c += k[i + 2];
    mix(a, b, c);
  }
  switch (N - i) {
    case 3:
      c += k[i + 2];
      [[fallthrough]];
    case 2:
      b += k[i + 1];
      [[fallthrough]];
    case 1:
      a += k[i];
      final_mix(a, b, c);
      break;
    default:
      break;
  }
  return c;
}

inline std::uint32_t hash_tuple(const Tuple& t, std::uint32_t seed) {
  std::array<std::uint32_t, sizeof(Tuple) / 4> words{};
  std::memcpy(words.data(), &t, sizeof(Tuple));
  return jhash2(words, seed);
}

template <typename Entry>
class FlowTable {
 public:
  // Buckets for @expected entries within the grow rule (64 at least, as
  // rhashtable starts); @seed is the table's hash_rnd.
  explicit FlowTable(std::size_t expected = 0, std::uint32_t seed = 0x5eed1e55)
      : buckets_(buckets_for(expected)), seed_(seed) {}

  // rhashtable_lookup_insert_fast(): false, and nothing linked, when an
  // entry of the same key is there.
  bool insert(Entry* e) {
    if (lookup(e->tuple) != nullptr) {
      return false;
    }
    if (count_ + 1 > buckets_.size() / 4 * 3) {
      grow();
    }
    Entry*& head = buckets_[bucket_of(e->tuple)].head;
    e->next = head;
    head = e;
    ++count_;
    return true;
  }

  [[nodiscard]] Entry* lookup(const Tuple& key) const {
    for (Entry* e = buckets_[bucket_of(key)].head; e != nullptr; e = e->next) {
      if (same_key(e->tuple, key)) {
        return e;
      }
    }
    return nullptr;
  }

  [[nodiscard]] std::size_t size() const { return count_; }
  [[nodiscard]] std::size_t bucket_count() const { return buckets_.size(); }

 private:
  static std::size_t buckets_for(std::size_t expected) {
    std::size_t n = 64;
    while (expected > n / 4 * 3) {
      n *= 2;
    }
    return n;
  }

  [[nodiscard]] std::size_t bucket_of(const Tuple& key) const {
    return hash_tuple(key, seed_) & (buckets_.size() - 1);
  }

  // Relinks every entry into twice the buckets.
  void grow() {
    HugeArray<Bucket> old = std::move(buckets_);
    buckets_ = HugeArray<Bucket>(old.size() * 2);
    for (const Bucket& b : old.span()) {
      for (Entry* e = b.head; e != nullptr;) {
        Entry* next = e->next;
        Entry*& to = buckets_[bucket_of(e->tuple)].head;
        e->next = to;
        to = e;
        e = next;
      }
    }
  }

  // a chain's head, as rhashtable's struct rhash_lock_head
  struct Bucket {
    Entry* head = nullptr;
  };

  HugeArray<Bucket> buckets_;
  std::size_t count_ = 0;
  std::uint32_t seed_;
};

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_FLOW_TABLE_H
