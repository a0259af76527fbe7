// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What became of every datagram knitsd received: dropped for one reason,
// answered again from the cache, or answered with a status.

#ifndef KNITS_DAEMON_KNITSD_COUNTERS_H
#define KNITS_DAEMON_KNITSD_COUNTERS_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>

namespace knits::knitsd {

// Drops, in the order knitsd checks; none gets an answer.
enum class Drop : std::uint8_t {
  kUnknownSource,  // not a configured node's address
  kRateLimited,    // the source's token bucket was empty
  kTruncated,
  kOversized,
  kBadMagic,
  kBadVersion,
  kBadType,
  kBadLength,
  kUnknownNode,  // no node with the header's node id
  kWrongSource,  // the node id is another address's
  kUnknownKey,   // the node has no key with the header's key id
  kBadMac,       // the tag does not verify
  kStale,        // the counter is too far from knitsd's clock
  kReplayed,     // the counter was seen, or is below the window
  kCount,
};

[[nodiscard]] std::string_view drop_name(Drop drop);

struct Counters {
  std::array<std::uint64_t, static_cast<std::size_t>(Drop::kCount)> drops{};
  // requests answered again from the answer cache
  std::uint64_t resent = 0;
  // answers by request type (uapi) and status (enum knits_handoff_status)
  std::map<std::uint32_t, std::uint64_t> splice_answers;
  std::map<std::uint32_t, std::uint64_t> prepare_answers;
  // time spent waiting for the kernel's answer: what a hand-off's
  // exchange owes to the kernel rather than to knitsd or the network
  struct KernelTime {
    std::uint64_t calls = 0;
    std::uint64_t ns = 0;
  };
  KernelTime splice_kernel;
  KernelTime prepare_kernel;

  void count(Drop drop) { drops.at(static_cast<std::size_t>(drop))++; }
  [[nodiscard]] std::uint64_t of(Drop drop) const {
    return drops.at(static_cast<std::size_t>(drop));
  }
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_COUNTERS_H
