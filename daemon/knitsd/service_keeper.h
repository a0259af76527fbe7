// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Keeps the module's services at what knitsd's configuration describes:
// at start and at every reload, the descriptor is compiled (a mistake
// throws before anything is touched) and applied (a refusal is undone), so
// a reload either takes whole or leaves the module as it was.

#ifndef KNITS_DAEMON_KNITSD_SERVICE_KEEPER_H
#define KNITS_DAEMON_KNITSD_SERVICE_KEEPER_H

#include <set>

#include "genl/endpoint.h"
#include "libalrm/apply.h"
#include "libalrm/descriptor.h"

namespace knits::knitsd {

class ServiceKeeper {
 public:
  explicit ServiceKeeper(alrm::Services& services) : services_(services) {}

  // Services this keeper applied before and @descriptor no longer has are
  // deleted; services it never applied are left alone (a service made with
  // knitsctl, or one removed from the file while knitsd was not running).
  alrm::ApplyResult apply(const alrm::Descriptor& descriptor);

  [[nodiscard]] const std::set<genl::Endpoint>& managed() const noexcept { return managed_; }

 private:
  alrm::Services& services_;
  std::set<genl::Endpoint> managed_;
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_SERVICE_KEEPER_H
