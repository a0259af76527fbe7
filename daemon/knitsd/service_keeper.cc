// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/service_keeper.h"

#include <set>

#include "libalrm/apply.h"
#include "libalrm/compile.h"

namespace knits::knitsd {

alrm::ApplyResult ServiceKeeper::apply(const alrm::Descriptor& descriptor) {
  const alrm::Plan plan = alrm::compile(descriptor);
  std::set<genl::Endpoint> planned;
  for (const alrm::ServicePlan& service : plan.services) {
    planned.insert(service.vip);
  }
  std::set<genl::Endpoint> retired;
  for (const genl::Endpoint& vip : managed_) {
    if (!planned.contains(vip)) {
      retired.insert(vip);
    }
  }
  alrm::ApplyResult result = alrm::apply(plan, services_, retired);
  managed_ = std::move(planned);
  return result;
}

}  // namespace knits::knitsd
