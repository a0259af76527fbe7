// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_KNITSCTL_LOOKUP_RENDER_H
#define KNITS_DAEMON_KNITSCTL_LOOKUP_RENDER_H

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genl/endpoint.h"

namespace knits::ctl {

// The answer for one client of `knitsctl lookup`.
struct LookupResult {
  // The client as the user wrote it, normalised: without a port if none was
  // given, so that scripts can match their input.
  std::string client;
  // nullopt when no member can take the client.
  std::optional<genl::Endpoint> member;

  friend bool operator==(const LookupResult&, const LookupResult&) = default;
};

// One "CLIENT MEMBER" line per result, "-" for no member.
[[nodiscard]] std::string lookup_text(const std::vector<LookupResult>& results);

// [{"client", "member"}], member null for no member.
[[nodiscard]] nlohmann::ordered_json lookup_json(const std::vector<LookupResult>& results);

}  // namespace knits::ctl

#endif  // KNITS_DAEMON_KNITSCTL_LOOKUP_RENDER_H
