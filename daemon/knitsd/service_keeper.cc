// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/service_keeper.h"

#include <set>
#include <vector>

#include "knits.h"
#include "libalrm/apply.h"
#include "libalrm/compile.h"
#include "libalrm/reconcile.h"

namespace knits::knitsd {
namespace {

std::set<genl::Endpoint> planned_vips(const alrm::Plan& plan) {
  std::set<genl::Endpoint> planned;
  for (const alrm::ServicePlan& service : plan.services) {
    planned.insert(service.vip);
  }
  return planned;
}

// The services to delete: knitsd's that @plan no longer has, whether this
// process made them (@managed; a module before ABI 5 keeps no owner) or an
// earlier knitsd did (the module says so).
std::set<genl::Endpoint> retired(const alrm::Plan& plan,
                                 const std::vector<alrm::KernelService>& current,
                                 const std::set<genl::Endpoint>& managed) {
  const std::set<genl::Endpoint> planned = planned_vips(plan);
  std::set<genl::Endpoint> out;
  for (const genl::Endpoint& vip : managed) {
    if (!planned.contains(vip)) {
      out.insert(vip);
    }
  }
  for (const alrm::KernelService& service : current) {
    if (service.service.owner == KNITS_OWNER_KNITSD && !planned.contains(service.service.vip)) {
      out.insert(service.service.vip);
    }
  }
  return out;
}

}  // namespace

// @descriptor's plan, every service marked as knitsd's: the module keeps
// the mark, and a restarted knitsd finds its services by it.
alrm::Plan ServiceKeeper::plan(const alrm::Descriptor& descriptor) const {
  alrm::Plan plan = alrm::compile(descriptor);
  if (mark_owner_) {
    for (alrm::ServicePlan& service : plan.services) {
      service.settings.owner = KNITS_OWNER_KNITSD;
    }
  }
  return plan;
}

alrm::ApplyResult ServiceKeeper::apply(const alrm::Descriptor& descriptor) {
  const alrm::Plan plan = this->plan(descriptor);
  alrm::ApplyResult result =
      alrm::apply(plan, services_, retired(plan, services_.read(), managed_));
  managed_ = planned_vips(plan);
  return result;
}

std::vector<alrm::Step> ServiceKeeper::pending(const alrm::Descriptor& descriptor) const {
  const alrm::Plan plan = this->plan(descriptor);
  const std::vector<alrm::KernelService> current = services_.read();
  return alrm::reconcile(plan, current, retired(plan, current, managed_));
}

}  // namespace knits::knitsd
