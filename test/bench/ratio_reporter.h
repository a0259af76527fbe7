// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A benchmark reporter that hands every report on to the display
// reporter the command line chose (--benchmark_format; the console by
// default) and keeps each benchmark's time per iteration, for the ratios
// printed after the run.

#ifndef KNITS_TEST_BENCH_RATIO_REPORTER_H
#define KNITS_TEST_BENCH_RATIO_REPORTER_H

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

namespace knits::bench {

struct Timing {
  double real_ns = 0;
  double cpu_ns = 0;
};

class RatioReporter : public benchmark::BenchmarkReporter {
 public:
  explicit RatioReporter(std::unique_ptr<benchmark::BenchmarkReporter> display);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& reports) override;
  void Finalize() override;

  // The median over repetitions of benchmark @name ("lookup/1000"), or
  // nothing if it did not run or failed.
  [[nodiscard]] std::optional<Timing> timing(const std::string& name) const;

  // @name's CPU time over @base's: the median of the quotients of their
  // runs taken in the same place of the order (the same round of
  // RunSpecifiedBenchmarks, seconds apart), so that a spell in which the
  // machine was slower falls on both; the quotient of their medians if
  // they ran a different number of times. Nothing if either did not run.
  [[nodiscard]] std::optional<double> ratio(const std::string& name, const std::string& base) const;

  // Whether benchmarks ran (they were only listed with --benchmark_list_tests).
  [[nodiscard]] bool started() const { return started_; }

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> display_;
  bool started_ = false;
  std::map<std::string, std::vector<Timing>> runs_;
};

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_RATIO_REPORTER_H
