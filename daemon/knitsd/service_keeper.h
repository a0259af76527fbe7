// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Keeps the module's services at what knitsd's configuration describes:
// at start and at every reload, the descriptor is compiled (a mistake
// throws before anything is touched) and applied (a refusal is undone), so
// a reload either takes whole or leaves the module as it was. Every
// service it applies carries KNITS_OWNER_KNITSD in the module.

#ifndef KNITS_DAEMON_KNITSD_SERVICE_KEEPER_H
#define KNITS_DAEMON_KNITSD_SERVICE_KEEPER_H

#include <cstdint>
#include <set>
#include <vector>

#include "genl/endpoint.h"
#include "libalrm/apply.h"
#include "libalrm/compile.h"
#include "libalrm/descriptor.h"
#include "libalrm/reconcile.h"

namespace knits::knitsd {

// The first KNITS_ABI_VERSION whose module keeps a service's owner: an
// older one refuses the attribute.
constexpr std::uint32_t kFirstAbiWithOwners = 5;

class ServiceKeeper {
 public:
  // @mark_owner: whether the module keeps owners (its ABI version is
  // kFirstAbiWithOwners or later); without, only the services this
  // process applied are known to be knitsd's.
  ServiceKeeper(alrm::Services& services, bool mark_owner)
      : services_(services), mark_owner_(mark_owner) {}

  // Services of knitsd (this one, or an earlier one: the module's owner
  // says so) that @descriptor no longer has are deleted; any other is left
  // alone (a service made with knitsctl). A service of the descriptor the
  // module has from someone else becomes knitsd's.
  alrm::ApplyResult apply(const alrm::Descriptor& descriptor);

  // What apply(@descriptor) would do now; nothing when the module is as
  // the descriptor says.
  [[nodiscard]] std::vector<alrm::Step> pending(const alrm::Descriptor& descriptor) const;

  [[nodiscard]] const std::set<genl::Endpoint>& managed() const noexcept { return managed_; }

  // For a module loaded again, which may be of another ABI version.
  void set_mark_owner(bool mark_owner) noexcept { mark_owner_ = mark_owner; }

 private:
  [[nodiscard]] alrm::Plan plan(const alrm::Descriptor& descriptor) const;

  alrm::Services& services_;
  bool mark_owner_;
  std::set<genl::Endpoint> managed_;
};

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_SERVICE_KEEPER_H
