// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The Internet checksum (RFC 1071) and its incremental updates (RFC 1624:
// HC' = ~(~HC + ~m + m')), written after the kernel's <net/checksum.h> so
// that every benchmark pays what knits.ko pays for each update, and the
// baseline and knits share one implementation. Only the CHECKSUM_NONE /
// CHECKSUM_UNNECESSARY case: the checksum sits whole in the header (with
// CHECKSUM_PARTIAL or _COMPLETE the kernel adds a store to skb->csum or
// changes the pseudo-header sum instead, the same arithmetic).
//
// Values are the fields as they sit in the packet (network order), loaded
// as native words: a one's complement sum does not depend on byte order
// (RFC 1071 2(B)), so nothing is byte-swapped, as in the kernel, where
// the fields are __be32 and __be16.

#ifndef KNITS_TEST_BENCH_CHECKSUM_H
#define KNITS_TEST_BENCH_CHECKSUM_H

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace knits::bench {

// __wsum arithmetic: 32-bit one's complement, the carry wrapped around.
inline std::uint32_t csum_add(std::uint32_t a, std::uint32_t b) {
  const std::uint32_t r = a + b;
  return r + (r < b ? 1U : 0U);
}

inline std::uint32_t csum_sub(std::uint32_t a, std::uint32_t b) { return csum_add(a, ~b); }

// The complemented 16-bit fold: the value of a checksum field.
inline std::uint16_t csum_fold(std::uint32_t sum) {
  sum = (sum & 0xffffU) + (sum >> 16);
  sum = (sum & 0xffffU) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

// csum_partial(): the sum of @len bytes at @p added to @sum, in native
// words (any value congruent modulo 0xffff is the same sum).
inline std::uint32_t csum_partial(const std::uint8_t* p, std::size_t len, std::uint32_t sum) {
  std::uint64_t acc = sum;
  std::size_t i = 0;
  for (; len - i >= 4; i += 4) {
    std::uint32_t w = 0;
    std::memcpy(&w, p + i, 4);
    acc += w;
  }
  if (len - i >= 2) {
    std::uint16_t w = 0;
    std::memcpy(&w, p + i, 2);
    acc += w;
    i += 2;
  }
  if (len - i == 1) {
    // the odd byte is the first of a 16-bit word padded with zero
    acc +=
        std::endian::native == std::endian::little ? std::uint64_t{p[i]} : std::uint64_t{p[i]} << 8;
  }
  acc = (acc & 0xffffffffU) + (acc >> 32);
  acc = (acc & 0xffffffffU) + (acc >> 32);
  return static_cast<std::uint32_t>(acc);
}

namespace csum_detail {

inline std::uint16_t load(const std::uint8_t* check) {
  std::uint16_t v = 0;
  std::memcpy(&v, check, 2);
  return v;
}

inline void store(std::uint8_t* check, std::uint16_t v) { std::memcpy(check, &v, 2); }

}  // namespace csum_detail

// csum_replace4(): the IP header checksum at @check after a 32-bit field
// went from @from to @to.
inline void csum_replace4(std::uint8_t* check, std::uint32_t from, std::uint32_t to) {
  const std::uint32_t sum = ~std::uint32_t{csum_detail::load(check)};
  csum_detail::store(check, csum_fold(csum_add(csum_sub(sum, from), to)));
}

// inet_proto_csum_replace4(): the TCP checksum after a 32-bit field, of
// the header or of the pseudo-header (an address), changed.
inline void inet_proto_csum_replace4(std::uint8_t* check, std::uint32_t from, std::uint32_t to) {
  csum_replace4(check, from, to);
}

// inet_proto_csum_replace2(): a 16-bit field (a port) changed.
inline void inet_proto_csum_replace2(std::uint8_t* check, std::uint16_t from, std::uint16_t to) {
  inet_proto_csum_replace4(check, from, to);
}

// inet_proto_csum_replace_by_diff(): the TCP checksum after fields whose
// sums differ by @diff (new minus old) changed.
inline void inet_proto_csum_replace_by_diff(std::uint8_t* check, std::uint32_t diff) {
  const std::uint32_t sum = ~std::uint32_t{csum_detail::load(check)};
  csum_detail::store(check, csum_fold(csum_add(diff, sum)));
}

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_CHECKSUM_H
