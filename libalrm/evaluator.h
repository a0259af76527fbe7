// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The reference evaluator: which member a service's scheduler gives a new
// connection, computed in userspace from what the module reports (members
// in its order, weights, states) and the schedulers' hash key. It is a
// second implementation, written from the schedulers' definitions in
// Documentation/descriptors.md, not a build of the module's code: tests
// compare it with the module (test/vm/cases/alrm-agree.sh) and with the
// freestanding core, and knitsctl can use it to explain a choice.
//
// rr and wrr follow a fresh pool's sequence (the module starts one after
// every change of members), lc a given set of loads, sh and mh the client's
// address alone.

#ifndef KNITS_LIBALRM_EVALUATOR_H
#define KNITS_LIBALRM_EVALUATOR_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "genl/config.h"
#include "genl/endpoint.h"
#include "libalrm/descriptor.h"

namespace knits::alrm {

struct EvaluatedMember {
  genl::Endpoint address;
  std::uint32_t weight = 1;
  // only active members take new connections
  bool active = true;
};

// What lc weighs: connections bound to a member and those established.
struct MemberLoad {
  std::uint64_t conns = 0;
  std::uint64_t active_conns = 0;
};

class Evaluator {
 public:
  // @table_size: mh's table size (ignored by the others).
  Evaluator(Scheduler scheduler, std::vector<EvaluatedMember> members, std::uint32_t table_size,
            const genl::HashKey& key);

  // sh and mh: the member @client gets (its port does not matter).
  [[nodiscard]] std::optional<std::size_t> by_client(const genl::Endpoint& client) const;
  // rr and wrr: the member the next new connection gets.
  [[nodiscard]] std::optional<std::size_t> next();
  // lc: the member a new connection gets under @loads (one per member).
  [[nodiscard]] std::optional<std::size_t> least_loaded(std::span<const MemberLoad> loads) const;

  [[nodiscard]] Scheduler scheduler() const noexcept { return scheduler_; }
  // sh and mh: the member index per slot (kNoMember: none).
  [[nodiscard]] const std::vector<std::uint16_t>& table() const noexcept { return table_; }

  static constexpr std::uint16_t kNoMember = 0xffff;
  static constexpr std::uint32_t kShTableSize = 256;

 private:
  void build_sh();
  void build_mh(std::uint32_t size);

  Scheduler scheduler_;
  std::vector<EvaluatedMember> members_;
  // what each member weighs for new connections: 0 unless active
  std::vector<std::uint32_t> weights_;
  genl::HashKey key_;
  std::vector<std::uint16_t> table_;
  // rr: the member chosen last
  std::size_t cursor_ = 0;
  // wrr: the member looked at last and the current weight threshold
  std::size_t wrr_last_ = 0;
  std::uint32_t wrr_threshold_ = 0;
};

}  // namespace knits::alrm

#endif  // KNITS_LIBALRM_EVALUATOR_H
