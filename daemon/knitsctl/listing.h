// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_LISTING_H
#define KNITS_DAEMON_KNITSCTL_LISTING_H

#include <vector>

#include "genl/service.h"

namespace knits::ctl {

// A service with its members, as `knitsctl list` shows it.
struct ServiceEntry {
  genl::Service service;
  std::vector<genl::Member> members;

  friend bool operator==(const ServiceEntry&, const ServiceEntry&) = default;
};

// Services in address order, each with its members in address order, as
// ipvsadm sorts them.
using Listing = std::vector<ServiceEntry>;

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_LISTING_H
