// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A descriptor compiled to what the module is told over generic netlink:
// per service the settings of KNITS_CMD_NEW_SERVICE and per member those
// of KNITS_CMD_NEW_MEMBER, every value explicit (no module default left to
// chance), so the plan can be compared with what the module reports.

#ifndef KNITS_LIBALRM_COMPILE_H
#define KNITS_LIBALRM_COMPILE_H

#include <optional>
#include <vector>

#include "genl/config.h"
#include "genl/endpoint.h"
#include "genl/service.h"
#include "libalrm/descriptor.h"

namespace knits::alrm {

struct MemberPlan {
  genl::Endpoint address;
  // weight and state both set
  genl::MemberSettings settings;

  friend bool operator==(const MemberPlan&, const MemberPlan&) = default;
};

struct ServicePlan {
  genl::Endpoint vip;
  // sched set; mh_table_size set for mh only
  genl::ServiceSettings settings;
  std::vector<MemberPlan> members;

  friend bool operator==(const ServicePlan&, const ServicePlan&) = default;
};

struct Plan {
  std::optional<genl::HashKey> hash_key;
  std::vector<ServicePlan> services;

  friend bool operator==(const Plan&, const Plan&) = default;
};

// Throws FileError at the service's origin for what this module cannot
// do yet: frame switching ([service.framing]).
[[nodiscard]] Plan compile(const Descriptor& descriptor);

}  // namespace knits::alrm

#endif  // KNITS_LIBALRM_COMPILE_H
