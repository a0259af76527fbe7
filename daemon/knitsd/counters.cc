// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/counters.h"

#include <string_view>

namespace knits::knitsd {

std::string_view drop_name(Drop drop) {
  switch (drop) {
    case Drop::kUnknownSource:
      return "unknown_source";
    case Drop::kRateLimited:
      return "rate_limited";
    case Drop::kTruncated:
      return "truncated";
    case Drop::kOversized:
      return "oversized";
    case Drop::kBadMagic:
      return "bad_magic";
    case Drop::kBadVersion:
      return "bad_version";
    case Drop::kBadType:
      return "bad_type";
    case Drop::kBadLength:
      return "bad_length";
    case Drop::kUnknownNode:
      return "unknown_node";
    case Drop::kWrongSource:
      return "wrong_source";
    case Drop::kUnknownKey:
      return "unknown_key";
    case Drop::kBadMac:
      return "bad_mac";
    case Drop::kStale:
      return "stale";
    case Drop::kReplayed:
      return "replayed";
    case Drop::kCount:
      break;
  }
  return "unknown";
}

}  // namespace knits::knitsd
