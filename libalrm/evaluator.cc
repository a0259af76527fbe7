// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "libalrm/evaluator.h"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "libalrm/primes.h"
#include "libalrm/siphash.h"

namespace knits::alrm {
namespace {

struct WeightSummary {
  std::uint32_t max = 0;
  // of the non-zero weights
  std::uint32_t gcd = 0;
  std::uint32_t weighted = 0;
};

WeightSummary summarize(const std::vector<std::uint32_t>& weights) {
  WeightSummary s;
  for (std::uint32_t w : weights) {
    s.max = std::max(s.max, w);
    s.gcd = std::gcd(s.gcd, w);
    s.weighted += w != 0 ? 1 : 0;
  }
  return s;
}

// Interleaved weighted round-robin: passes over the members with a falling
// threshold (max, max - gcd, ..., gcd, then max again); a pass picks every
// member whose weight reaches the threshold.
class WeightedRoundRobin {
 public:
  explicit WeightedRoundRobin(const std::vector<std::uint32_t>& weights)
      : weights_(weights), summary_(summarize(weights)), last_(weights.size() - 1) {}

  std::optional<std::size_t> next(std::size_t& last, std::uint32_t& threshold) const {
    if (summary_.max == 0) {
      return std::nullopt;
    }
    for (std::size_t step = 0; step < 2 * weights_.size(); step++) {
      last = (last + 1) % weights_.size();
      if (last == 0) {
        threshold = threshold > summary_.gcd ? threshold - summary_.gcd : summary_.max;
      }
      if (weights_[last] >= threshold) {
        return last;
      }
    }
    return std::nullopt;
  }

  [[nodiscard]] std::size_t start() const noexcept { return last_; }

 private:
  const std::vector<std::uint32_t>& weights_;
  WeightSummary summary_;
  std::size_t last_;
};

std::vector<std::uint32_t> weights_of(const std::vector<EvaluatedMember>& members) {
  std::vector<std::uint32_t> weights;
  weights.reserve(members.size());
  for (const EvaluatedMember& m : members) {
    weights.push_back(m.active ? m.weight : 0);
  }
  return weights;
}

// The bytes the module hashes for a member's place in Maglev's
// permutations: its address (16 bytes, IPv4 in the first 4), port in
// network order, family, a zero byte.
std::array<std::uint8_t, 20> member_identity(const genl::Endpoint& member) {
  std::array<std::uint8_t, 20> id{};
  std::copy(member.address.begin(), member.address.end(), id.begin());
  id[16] = static_cast<std::uint8_t>(member.port >> 8);
  id[17] = static_cast<std::uint8_t>(member.port & 0xff);
  id[18] = static_cast<std::uint8_t>(member.family);
  return id;
}

}  // namespace

Evaluator::Evaluator(Scheduler scheduler, std::vector<EvaluatedMember> members,
                     std::uint32_t table_size, const genl::HashKey& key)
    : scheduler_(scheduler),
      members_(std::move(members)),
      weights_(weights_of(members_)),
      key_(key) {
  if (members_.size() >= kNoMember) {
    throw std::invalid_argument("too many members for a scheduler table");
  }
  wrr_last_ = members_.empty() ? 0 : members_.size() - 1;
  if (scheduler_ == Scheduler::kSh) {
    build_sh();
  } else if (scheduler_ == Scheduler::kMh) {
    build_mh(table_size);
  }
}

// Buckets dealt one by one in weighted round-robin order.
void Evaluator::build_sh() {
  table_.assign(kShTableSize, kNoMember);
  if (weights_.empty()) {
    return;
  }
  const WeightedRoundRobin wrr(weights_);
  std::size_t last = wrr.start();
  std::uint32_t threshold = 0;
  for (std::uint16_t& bucket : table_) {
    const std::optional<std::size_t> m = wrr.next(last, threshold);
    bucket = m ? static_cast<std::uint16_t>(*m) : kNoMember;
  }
}

// Maglev (Eisenbud et al., NSDI 2016) with weights: each member walks its
// own permutation of the slots (start at offset, steps of skip, both from
// the hash of its identity) and, in turn, claims the next free slot, as
// many per round as its weight over the weights' gcd, scaled down so that
// no member claims more than half a fair share in one round.
void Evaluator::build_mh(std::uint32_t size) {
  // with a size that is not prime, a skip that shares a factor with it
  // never reaches some slots and the fill below would not end
  if (!is_prime(size)) {
    throw std::invalid_argument("an mh table has a prime size, not " + std::to_string(size));
  }
  table_.assign(size, kNoMember);
  const std::size_t n = members_.size();
  const WeightSummary summary = summarize(weights_);
  if (summary.weighted == 0) {
    return;
  }
  std::vector<std::uint32_t> turns(n);
  std::uint32_t most = 0;
  for (std::size_t i = 0; i < n; i++) {
    turns[i] = weights_[i] / summary.gcd;
    most = std::max(most, turns[i]);
  }
  const std::uint32_t bound = std::max<std::uint32_t>(1, size / (2 * summary.weighted));
  unsigned shift = 0;
  while ((most >> shift) > bound) {
    shift++;
  }
  std::vector<std::uint32_t> position(n);
  std::vector<std::uint32_t> skip(n);
  for (std::size_t i = 0; i < n; i++) {
    const std::uint32_t scaled = turns[i] >> shift;
    turns[i] = scaled != 0 ? scaled : (weights_[i] != 0 ? 1 : 0);
    const std::array<std::uint8_t, 20> id = member_identity(members_[i].address);
    const std::uint64_t h = siphash24(key_, id);
    position[i] = static_cast<std::uint32_t>(h) % size;
    skip[i] = static_cast<std::uint32_t>(h >> 32) % (size - 1) + 1;
  }
  std::uint32_t filled = 0;
  while (filled < size) {
    for (std::size_t i = 0; i < n && filled < size; i++) {
      for (std::uint32_t t = 0; t < turns[i] && filled < size; t++) {
        while (table_[position[i]] != kNoMember) {
          position[i] = (position[i] + skip[i]) % size;
        }
        table_[position[i]] = static_cast<std::uint16_t>(i);
        filled++;
      }
    }
  }
}

std::optional<std::size_t> Evaluator::by_client(const genl::Endpoint& client) const {
  if (scheduler_ != Scheduler::kSh && scheduler_ != Scheduler::kMh) {
    throw std::logic_error("only sh and mh choose by the client");
  }
  const std::size_t len = genl::address_size(client.family);
  const auto hash = static_cast<std::uint32_t>(
      siphash24(key_, std::span<const std::uint8_t>(client.address.data(), len)));
  const std::uint16_t slot = table_[hash % table_.size()];
  if (slot == kNoMember) {
    return std::nullopt;
  }
  return slot;
}

std::optional<std::size_t> Evaluator::next() {
  const std::size_t n = members_.size();
  if (scheduler_ == Scheduler::kRr) {
    for (std::size_t k = 1; k <= n; k++) {
      const std::size_t i = (cursor_ % n + k) % n;
      if (weights_[i] != 0) {
        cursor_ = i;
        return i;
      }
    }
    return std::nullopt;
  }
  if (scheduler_ != Scheduler::kWrr) {
    throw std::logic_error("only rr and wrr choose in sequence");
  }
  if (n == 0) {
    return std::nullopt;
  }
  const WeightedRoundRobin wrr(weights_);
  return wrr.next(wrr_last_, wrr_threshold_);
}

std::optional<std::size_t> Evaluator::least_loaded(std::span<const MemberLoad> loads) const {
  if (scheduler_ != Scheduler::kLc) {
    throw std::logic_error("only lc chooses by load");
  }
  if (loads.size() != members_.size()) {
    throw std::invalid_argument("one load per member");
  }
  std::optional<std::size_t> best;
  std::uint64_t best_load = 0;
  for (std::size_t i = 0; i < members_.size(); i++) {
    if (weights_[i] == 0) {
      continue;
    }
    // an established connection costs a server 256 times an opening or
    // closing one; compare load / weight without dividing
    const MemberLoad& l = loads[i];
    const std::uint64_t load =
        l.active_conns * 256 + (l.conns > l.active_conns ? l.conns - l.active_conns : 0);
    if (!best || load * weights_[*best] < best_load * weights_[i]) {
      best = i;
      best_load = load;
    }
  }
  return best;
}

}  // namespace knits::alrm
