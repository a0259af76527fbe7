// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "ratio_reporter.h"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

namespace knits::bench {

namespace {

double ns_per(benchmark::TimeUnit unit) {
  switch (unit) {
    case benchmark::kSecond:
      return 1e9;
    case benchmark::kMillisecond:
      return 1e6;
    case benchmark::kMicrosecond:
      return 1e3;
    case benchmark::kNanosecond:
    default:
      return 1;
  }
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

RatioReporter::RatioReporter(std::unique_ptr<benchmark::BenchmarkReporter> display)
    : display_(std::move(display)) {}

bool RatioReporter::ReportContext(const Context& context) {
  started_ = true;
  return display_->ReportContext(context);
}

void RatioReporter::ReportRuns(const std::vector<Run>& reports) {
  display_->ReportRuns(reports);
  for (const Run& run : reports) {
    // repetitions' aggregates (mean, median, ...) are recomputed here
    if (run.run_type != Run::RT_Iteration || run.error_occurred) {
      continue;
    }
    // the name without the suffixes options add (min_time:, repeats:)
    std::string name = run.run_name.function_name;
    if (!run.run_name.args.empty()) {
      name += "/" + run.run_name.args;
    }
    const double scale = ns_per(run.time_unit);
    runs_[name].push_back(
        Timing{run.GetAdjustedRealTime() * scale, run.GetAdjustedCPUTime() * scale});
  }
}

void RatioReporter::Finalize() { display_->Finalize(); }

std::optional<Timing> RatioReporter::timing(const std::string& name) const {
  const auto it = runs_.find(name);
  if (it == runs_.end() || it->second.empty()) {
    return std::nullopt;
  }
  std::vector<double> real;
  std::vector<double> cpu;
  for (const Timing& t : it->second) {
    real.push_back(t.real_ns);
    cpu.push_back(t.cpu_ns);
  }
  return Timing{median(real), median(cpu)};
}

std::optional<double> RatioReporter::ratio(const std::string& name, const std::string& base) const {
  const auto num = runs_.find(name);
  const auto den = runs_.find(base);
  if (num == runs_.end() || den == runs_.end() || num->second.empty() || den->second.empty()) {
    return std::nullopt;
  }
  if (num->second.size() != den->second.size()) {
    return timing(name)->cpu_ns / timing(base)->cpu_ns;
  }
  std::vector<double> quotients;
  for (std::size_t i = 0; i < num->second.size(); ++i) {
    quotients.push_back(num->second[i].cpu_ns / den->second[i].cpu_ns);
  }
  return median(std::move(quotients));
}

}  // namespace knits::bench
