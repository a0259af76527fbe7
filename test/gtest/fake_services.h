// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A module's service table for tests of what applies plans to it
// (libalrm's apply(), knitsd's ServiceKeeper).

#ifndef KNITS_TEST_GTEST_FAKE_SERVICES_H
#define KNITS_TEST_GTEST_FAKE_SERVICES_H

#include <netinet/in.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "genl/config.h"
#include "genl/error.h"
#include "genl/service.h"
#include "knits.h"
#include "libalrm/apply.h"
#include "libalrm/reconcile.h"

namespace knits::test {

// The module's service table as the module keeps it: a refused request
// changes nothing, an accepted one what it says. Records every call.
class FakeServices final : public knits::alrm::Services {
 public:
  static constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();

  explicit FakeServices(std::vector<knits::alrm::KernelService> state) : state_(std::move(state)) {}

  [[nodiscard]] std::vector<knits::alrm::KernelService> read() override {
    calls_.emplace_back("read");
    return state_;
  }

  void set_hash_key(const knits::genl::HashKey& key) override {
    calls_.emplace_back("set hash key");
    key_ = key;
  }

  void apply(const knits::alrm::Step& step) override {
    calls_.push_back(step.to_string());
    const std::size_t index = applied_++;
    if (index == refuse_at_ || (refuse_after_ != kNever && index > refuse_after_)) {
      throw knits::genl::Error(EINVAL, "the fake module refuses");
    }
    auto svc = std::find_if(state_.begin(), state_.end(), [&](const knits::alrm::KernelService& s) {
      return s.service.vip == step.vip;
    });
    if (step.kind == knits::alrm::Step::Kind::kNewService) {
      if (svc != state_.end()) {
        throw knits::genl::Error(EEXIST, "service exists");
      }
      knits::alrm::KernelService s;
      s.service.vip = step.vip;
      s.service.protocol = IPPROTO_TCP;
      s.service.sched = step.service_settings.sched.value_or("wrr");
      s.service.mh_table_size =
          step.service_settings.mh_table_size.value_or(KNITS_MH_TABLE_SIZE_DEFAULT);
      s.service.owner = step.service_settings.owner.value_or(KNITS_OWNER_NONE);
      state_.push_back(s);
      return;
    }
    if (svc == state_.end()) {
      throw knits::genl::Error(ENOENT, "no such service");
    }
    auto m = std::find_if(svc->members.begin(), svc->members.end(),
                          [&](const knits::genl::Member& x) { return x.endpoint == step.member; });
    switch (step.kind) {
      case knits::alrm::Step::Kind::kNewService:
        return;
      case knits::alrm::Step::Kind::kSetService:
        svc->service.sched = step.service_settings.sched.value_or(svc->service.sched);
        svc->service.mh_table_size =
            step.service_settings.mh_table_size.value_or(svc->service.mh_table_size);
        svc->service.owner = step.service_settings.owner.value_or(svc->service.owner);
        return;
      case knits::alrm::Step::Kind::kDelService:
        state_.erase(svc);
        return;
      case knits::alrm::Step::Kind::kNewMember: {
        if (m != svc->members.end()) {
          throw knits::genl::Error(EEXIST, "member exists");
        }
        knits::genl::Member x;
        x.endpoint = step.member;
        x.weight = step.member_settings.weight.value_or(1);
        x.state = step.member_settings.state.value_or(KNITS_MEMBER_ACTIVE);
        svc->members.push_back(x);
        svc->service.member_count++;
        return;
      }
      case knits::alrm::Step::Kind::kSetMember:
        if (m == svc->members.end()) {
          throw knits::genl::Error(ENOENT, "no such member");
        }
        m->weight = step.member_settings.weight.value_or(m->weight);
        m->state = step.member_settings.state.value_or(m->state);
        return;
      case knits::alrm::Step::Kind::kDelMember:
        if (m == svc->members.end()) {
          throw knits::genl::Error(ENOENT, "no such member");
        }
        svc->members.erase(m);
        svc->service.member_count--;
        return;
    }
  }

  // The @index-th call of apply() (from 0) is refused.
  void refuse_at(std::size_t index) { refuse_at_ = index; }
  // Every call of apply() after the @index-th is refused.
  void refuse_after(std::size_t index) { refuse_after_ = index; }

  [[nodiscard]] const std::vector<knits::alrm::KernelService>& state() const { return state_; }
  [[nodiscard]] const std::vector<std::string>& calls() const { return calls_; }
  [[nodiscard]] const std::optional<knits::genl::HashKey>& key() const { return key_; }
  [[nodiscard]] std::size_t applied() const { return applied_; }

 private:
  std::vector<knits::alrm::KernelService> state_;
  std::vector<std::string> calls_;
  std::optional<knits::genl::HashKey> key_;
  std::size_t applied_ = 0;
  std::size_t refuse_at_ = kNever;
  std::size_t refuse_after_ = kNever;
};

}  // namespace knits::test

#endif  // KNITS_TEST_GTEST_FAKE_SERVICES_H
