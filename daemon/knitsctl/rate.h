// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_RATE_H
#define KNITS_DAEMON_KNITSCTL_RATE_H

#include "genl/counter_map.h"
#include "knitsctl/listing.h"

namespace knits::ctl {

// The module keeps totals only (no estimator like IPVS's), so knitsctl list
// --rate reads them twice and divides the difference by the time between.

// Per-second rates of counters read @seconds (> 0) apart, rounded to the
// nearest integer. A value that went down was zeroed in between and one
// missing from @before is new: either counts from zero.
[[nodiscard]] genl::CounterMap per_second(const genl::CounterMap& before,
                                          const genl::CounterMap& after, double seconds);

// @after with each service's and member's stats replaced by their rates
// since @before, matched by address; services and members missing from
// @before count from zero.
[[nodiscard]] Listing listing_rates(const Listing& before, const Listing& after, double seconds);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_RATE_H
