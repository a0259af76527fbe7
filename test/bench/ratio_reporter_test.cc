// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// RatioReporter's ratios: paired round by round when both benchmarks ran
// as often, the quotient of the medians otherwise.

#include "ratio_reporter.h"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <gtest/gtest.h>

namespace knits::bench {
namespace {

// The display reporter: the tests look at the ratios, not the console.
class Quiet : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context& /*context*/) override { return true; }
  void ReportRuns(const std::vector<Run>& /*reports*/) override {}
};

// One round's run of @name: @cpu_ns per iteration over 1000 iterations.
benchmark::BenchmarkReporter::Run run(const std::string& name, double cpu_ns) {
  benchmark::BenchmarkReporter::Run r;
  r.run_name.function_name = name;
  r.time_unit = benchmark::kNanosecond;
  r.iterations = 1000;
  r.cpu_accumulated_time = cpu_ns * 1000 / 1e9;  // seconds, all iterations
  r.real_accumulated_time = r.cpu_accumulated_time;
  return r;
}

// Reports @base's and @name's times round by round, base first in each.
RatioReporter rounds(const std::vector<double>& base, const std::vector<double>& name) {
  RatioReporter reporter{std::make_unique<Quiet>()};
  for (std::size_t i = 0; i < std::max(base.size(), name.size()); ++i) {
    std::vector<benchmark::BenchmarkReporter::Run> round;
    if (i < base.size()) {
      round.push_back(run("base", base[i]));
    }
    if (i < name.size()) {
      round.push_back(run("name", name[i]));
    }
    reporter.ReportRuns(round);
  }
  return reporter;
}

TEST(RatioReporter, PairsRunsOfTheSameRound) {
  // the machine twice as slow in round 2 and four times in round 3: each
  // round's quotient is 1.2, 2.4 (name slower only there) and 1.1; their
  // median is 1.2, where the medians' quotient is 44/20 = 2.2
  const RatioReporter r = rounds({10, 20, 40}, {12, 48, 44});
  const std::optional<double> ratio = r.ratio("name", "base");
  ASSERT_TRUE(ratio.has_value());
  EXPECT_NEAR(*ratio, 1.2, 1e-9);
  EXPECT_NEAR(r.timing("name")->cpu_ns, 44, 1e-9);
  EXPECT_NEAR(r.timing("base")->cpu_ns, 20, 1e-9);
}

TEST(RatioReporter, UnpairedRunsGiveTheMediansQuotient) {
  // name's median of two is their mean, 30; base's is 20
  const RatioReporter r = rounds({10, 20, 40}, {12, 48});
  EXPECT_NEAR(r.ratio("name", "base").value_or(0), 1.5, 1e-9);
}

TEST(RatioReporter, NoRatioWithoutBothRuns) {
  const RatioReporter r = rounds({10, 20}, {});
  EXPECT_FALSE(r.ratio("name", "base").has_value());
  EXPECT_FALSE(r.ratio("base", "name").has_value());
  EXPECT_FALSE(r.timing("name").has_value());
}

TEST(RatioReporter, FailedRunsAreLeftOut) {
  RatioReporter reporter = rounds({10, 20, 40}, {12, 24, 48});
  benchmark::BenchmarkReporter::Run failed = run("name", 1);
  failed.error_occurred = true;
  reporter.ReportRuns({failed});
  // still three quotients of 1.2, none of a failed 1 ns
  EXPECT_NEAR(reporter.ratio("name", "base").value_or(0), 1.2, 1e-9);
}

}  // namespace
}  // namespace knits::bench
