// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The answers knitsd gave one node, by request id, so that a request the
// node sends again (its answer was lost) gets the same answer and never a
// second splice. Bounded: the oldest answer goes first. A request is known
// again by its tag, which covers all its bytes.

#ifndef KNITS_DAEMON_KNITSD_ANSWER_CACHE_H
#define KNITS_DAEMON_KNITSD_ANSWER_CACHE_H

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "handoff/wire.h"

namespace knits::knitsd {

class AnswerCache {
 public:
  explicit AnswerCache(std::size_t size) : size_(size) {}

  struct Entry {
    handoff::Tag request_tag{};
    std::vector<std::uint8_t> answer;
  };

  // The answer to @request_id, or nullptr.
  [[nodiscard]] const Entry* find(std::uint64_t request_id) const;
  void add(std::uint64_t request_id, Entry entry);
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  std::size_t size_;
  std::unordered_map<std::uint64_t, Entry> entries_;
  std::deque<std::uint64_t> order_;
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_ANSWER_CACHE_H
