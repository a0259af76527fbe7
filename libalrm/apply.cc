// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "libalrm/apply.h"

#include <exception>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "genl/knits_genl.h"
#include "libalrm/reconcile.h"

namespace knits::alrm {

std::vector<KernelService> NetlinkServices::read() {
  std::vector<KernelService> out;
  for (genl::Service& service : client_.get_services()) {
    KernelService entry{std::move(service), {}};
    entry.members = client_.get_members(entry.service.vip);
    out.push_back(std::move(entry));
  }
  return out;
}

void NetlinkServices::apply(const Step& step) {
  switch (step.kind) {
    case Step::Kind::kNewService:
      client_.new_service(step.vip, step.service_settings);
      return;
    case Step::Kind::kSetService:
      client_.set_service(step.vip, step.service_settings);
      return;
    case Step::Kind::kDelService:
      client_.del_service(step.vip);
      return;
    case Step::Kind::kNewMember:
      client_.new_member(step.vip, step.member, step.member_settings);
      return;
    case Step::Kind::kSetMember:
      client_.set_member(step.vip, step.member, step.member_settings);
      return;
    case Step::Kind::kDelMember:
      client_.del_member(step.vip, step.member);
      return;
  }
}

void NetlinkServices::set_hash_key(const genl::HashKey& key) {
  genl::ConfigChange change;
  change.hash_key = key;
  client_.set_config(change);
}

ApplyResult apply(const Plan& plan, Services& services, const std::set<genl::Endpoint>& retired) {
  const std::vector<KernelService> before = services.read();
  ApplyResult result;
  std::set<genl::Endpoint> planned;
  for (const ServicePlan& service : plan.services) {
    planned.insert(service.vip);
  }
  std::set<genl::Endpoint> had;
  for (const KernelService& service : before) {
    had.insert(service.service.vip);
    if (!planned.contains(service.service.vip) && !retired.contains(service.service.vip)) {
      result.unmanaged.push_back(service.service.vip);
    }
  }
  // The hash key is not read back (the module never reports it), so a
  // refusal after it cannot put the old one back: it goes first, and a
  // plan refused later keeps the new key. That moves new clients of sh and
  // mh services, never a live connection (bindings are per connection).
  if (plan.hash_key) {
    services.set_hash_key(*plan.hash_key);
    result.done.emplace_back("set the schedulers' hash key");
  }
  const std::vector<Step> steps = reconcile(plan, before, retired);
  for (const Step& step : steps) {
    try {
      services.apply(step);
    } catch (const std::exception& refusal) {
      const std::string why = step.to_string() + ": " + refusal.what();
      try {
        const std::vector<KernelService> now = services.read();
        std::set<genl::Endpoint> made;
        for (const KernelService& service : now) {
          if (!had.contains(service.service.vip)) {
            made.insert(service.service.vip);
          }
        }
        for (const Step& undo : reconcile(as_plan(before), now, made, MemberOrder::kExact)) {
          services.apply(undo);
        }
      } catch (const std::exception& e) {
        throw ApplyError(why + "; undoing the steps before it failed too: " + e.what());
      }
      throw ApplyError(why + " (the steps before it were undone)");
    }
    result.done.push_back(step.to_string());
  }
  return result;
}

}  // namespace knits::alrm
