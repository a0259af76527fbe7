// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What a run says: each benchmark's time per operation and its ratio to
// the one it is measured against, all from the same run (the per-packet
// benchmarks and the install against the baseline, the lookup at 1M
// connections against the lookup at 1k). Ratios are of CPU time, which a
// busy machine's preemptions do not inflate, paired round by round
// (RatioReporter::ratio); the times per operation are medians.

#ifndef KNITS_TEST_BENCH_SUMMARY_H
#define KNITS_TEST_BENCH_SUMMARY_H

#include <array>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ratio_reporter.h"

namespace knits::bench {

// The benchmarks' names, as registered.
inline constexpr const char* kBaselineName = "baseline";
inline constexpr const char* kNatName = "nat_packet";
inline constexpr const char* kSpliceName = "splice_ts_sack";
inline constexpr const char* kInstallName = "splice_install";
inline constexpr const char* kLookupName = "lookup";
// connections in the table of lookup/N; the first and the last are compared
inline constexpr std::array<std::int64_t, 3> kLookupSizes = {1000, 100000, 1000000};

// What the design asks of the ratios.
inline constexpr double kTranslationRatioMax = 1.2;
inline constexpr double kLookupRatioMax = 1.2;

class Summary {
 public:
  explicit Summary(const RatioReporter& reporter);

  // The benchmarks the JSON needs that did not run (filtered out, failed).
  [[nodiscard]] std::vector<std::string> missing() const;
  void print(std::ostream& out) const;
  // {"micro": {...}}; only when nothing is missing
  [[nodiscard]] nlohmann::ordered_json json() const;

 private:
  [[nodiscard]] double cpu(const std::string& name) const;
  // to what the name is measured against
  [[nodiscard]] double ratio(const std::string& name) const;

  std::map<std::string, Timing> timings_;
  std::map<std::string, double> ratios_;
};

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_SUMMARY_H
