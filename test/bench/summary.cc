// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "summary.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ratio_reporter.h"

namespace knits::bench {

namespace {

std::string lookup_name(std::int64_t n) {
  return std::string(kLookupName) + "/" + std::to_string(n);
}

// What @name is measured against.
std::string base_of(const std::string& name) {
  return name.starts_with(kLookupName) ? lookup_name(kLookupSizes[0]) : std::string(kBaselineName);
}

std::vector<std::string> all_names() {
  std::vector<std::string> names = {kBaselineName, kNatName, kSpliceName, kInstallName};
  for (const std::int64_t n : kLookupSizes) {
    names.push_back(lookup_name(n));
  }
  return names;
}

// Three decimals are below the noise of any of these numbers.
double rounded(double v) { return std::round(v * 1000) / 1000; }

// One row of the table.
std::string line(const std::string& name, const std::string& cpu_ns, const std::string& real_ns,
                 const std::string& ratio, const std::string& base, const std::string& target) {
  std::string s(160, '\0');
  const int n =
      std::snprintf(s.data(), s.size(), "%-16s %10s %11s %7s  %-17s %s\n", name.c_str(),
                    cpu_ns.c_str(), real_ns.c_str(), ratio.c_str(), base.c_str(), target.c_str());
  s.resize(n > 0 ? std::min(static_cast<std::size_t>(n), s.size() - 1) : 0);
  return s;
}

std::string fixed(double v, int decimals) {
  std::string s(32, '\0');
  const int n = std::snprintf(s.data(), s.size(), "%.*f", decimals, v);
  s.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return s;
}

}  // namespace

Summary::Summary(const RatioReporter& reporter) {
  for (const std::string& name : all_names()) {
    if (const std::optional<Timing> t = reporter.timing(name); t) {
      timings_[name] = *t;
    }
    if (const std::optional<double> r = reporter.ratio(name, base_of(name)); r) {
      ratios_[name] = *r;
    }
  }
}

std::vector<std::string> Summary::missing() const {
  std::vector<std::string> out;
  for (const std::string& name : all_names()) {
    if (!timings_.contains(name)) {
      out.push_back(name);
    }
  }
  return out;
}

double Summary::cpu(const std::string& name) const { return timings_.at(name).cpu_ns; }

double Summary::ratio(const std::string& name) const { return ratios_.at(name); }

void Summary::print(std::ostream& out) const {
  out << "\nknits core, per operation (ratios of CPU time, all from this run)\n"
      << line("benchmark", "cpu ns/op", "real ns/op", "ratio", "measured against", "target");
  for (const std::string& name : all_names()) {
    const auto it = timings_.find(name);
    if (it == timings_.end()) {
      out << line(name, "-", "-", "-", "", "did not run");
      continue;
    }
    const bool lookup = name.starts_with(kLookupName);
    const std::string base = base_of(name);
    const std::string cpu_ns = fixed(it->second.cpu_ns, 2);
    const std::string real_ns = fixed(it->second.real_ns, 2);
    if (!ratios_.contains(name)) {
      out << line(name, cpu_ns, real_ns, "-", base, "did not run");
      continue;
    }
    const double ratio = ratios_.at(name);
    std::string target;
    if (name == kNatName || name == kSpliceName || name == lookup_name(kLookupSizes.back())) {
      const double max = lookup ? kLookupRatioMax : kTranslationRatioMax;
      target =
          "<= " + fixed(max, 1) + (ratio <= max ? ": met" : ": missed by " + fixed(ratio - max, 2));
    }
    out << line(name, cpu_ns, real_ns, fixed(ratio, 2), base, target);
  }
}

nlohmann::ordered_json Summary::json() const {
  nlohmann::ordered_json lookup_ns;
  for (const std::int64_t n : kLookupSizes) {
    lookup_ns[std::to_string(n)] = rounded(cpu(lookup_name(n)));
  }
  nlohmann::ordered_json micro;
  micro["baseline_ns"] = rounded(cpu(kBaselineName));
  micro["nat_ns"] = rounded(cpu(kNatName));
  micro["nat_ratio"] = rounded(ratio(kNatName));
  micro["splice_ts_sack_ns"] = rounded(cpu(kSpliceName));
  micro["splice_ts_sack_ratio"] = rounded(ratio(kSpliceName));
  micro["install_ns"] = rounded(cpu(kInstallName));
  micro["install_ratio"] = rounded(ratio(kInstallName));
  micro["lookup_ns"] = lookup_ns;
  micro["lookup_ratio_1m_1k"] = rounded(ratio(lookup_name(kLookupSizes[2])));
  micro["targets"] = {{"translation_ratio_max", kTranslationRatioMax},
                      {"lookup_ratio_max", kLookupRatioMax}};
  return {{"micro", micro}};
}

}  // namespace knits::bench
