// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The netlink requests that take the module from what it has to what a
// plan says: the changes only, nothing that is already so. Deletions come
// last, after every addition and change, because deleting a service
// forgets its connections (as ipvsadm -D does) and must not happen on the
// way to a state that then fails to apply.

#ifndef KNITS_LIBALRM_RECONCILE_H
#define KNITS_LIBALRM_RECONCILE_H

#include <set>
#include <string>
#include <vector>

#include "genl/endpoint.h"
#include "genl/service.h"
#include "libalrm/compile.h"

namespace knits::alrm {

// A service as the module reports it, with its members in the module's
// order (the order the wrr, sh and mh schedulers deal in).
struct KernelService {
  genl::Service service;
  std::vector<genl::Member> members;
};

struct Step {
  enum class Kind { kNewService, kSetService, kDelService, kNewMember, kSetMember, kDelMember };
  Kind kind = Kind::kNewService;
  genl::Endpoint vip;
  // member steps
  genl::Endpoint member;
  genl::ServiceSettings service_settings;
  genl::MemberSettings member_settings;

  // "new member 10.1.1.2:80 of 10.0.0.100:80 weight 1 active", for logs.
  [[nodiscard]] std::string to_string() const;
  friend bool operator==(const Step&, const Step&) = default;
};

// Whether the module's members must end in the plan's order. The order
// feeds wrr, sh and mh, so an undo restores it exactly; a descriptor's
// order is kept for new members only (reordering the file changes
// nothing, as with ipvsadm and keepalived).
enum class MemberOrder { kAny, kExact };

// Services of @current that @plan lacks are deleted only if @retired names
// them (knitsd passes the services it applied before); any other is left
// to whoever made it.
[[nodiscard]] std::vector<Step> reconcile(const Plan& plan,
                                          const std::vector<KernelService>& current,
                                          const std::set<genl::Endpoint>& retired,
                                          MemberOrder order = MemberOrder::kAny);

// What the module has, as a plan: reconcile(as_plan(before), now, ...,
// MemberOrder::kExact) steps back to it. Every service's plan names the
// table size the module keeps, mh or not.
[[nodiscard]] Plan as_plan(const std::vector<KernelService>& current);

}  // namespace knits::alrm

#endif  // KNITS_LIBALRM_RECONCILE_H
