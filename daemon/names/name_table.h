// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_NAMES_NAME_TABLE_H
#define KNITS_DAEMON_NAMES_NAME_TABLE_H

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Tables that name the values of a uapi enum, indexed by value. Shared by
// every enum so that naming, fallbacks and parsing behave alike.
namespace knits::names::table {

// Whether every value from @first on has a name: a static_assert on it makes
// a uapi enum that grows without a name here fail to build.
template <std::size_t N>
constexpr bool all_named_from(const std::array<std::string_view, N>& names, std::size_t first) {
  for (std::size_t i = first; i < N; ++i) {
    if (names.at(i).empty()) {
      return false;
    }
  }
  return true;
}

// The name of @value, or @fallback_prefix followed by the number for a value
// this build does not know (from a newer module), so that it still shows.
template <std::size_t N>
std::string name_or_number(const std::array<std::string_view, N>& names, unsigned value,
                           std::string_view fallback_prefix) {
  if (value < N && !names.at(value).empty()) {
    return std::string(names.at(value));
  }
  return std::string(fallback_prefix) + std::to_string(value);
}

constexpr bool equal_ignoring_case(std::string_view a, std::string_view b) {
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

// The value named @text, letter case ignored so that "ESTABLISHED" and
// "established" both work on the command line.
template <std::size_t N>
std::optional<unsigned> value_of(const std::array<std::string_view, N>& names,
                                 std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (!names.at(i).empty() && equal_ignoring_case(names.at(i), text)) {
      return static_cast<unsigned>(i);
    }
  }
  return std::nullopt;
}

// The names in value order, for help texts and choice lists.
template <std::size_t N>
std::vector<std::string> all_names(const std::array<std::string_view, N>& names) {
  std::vector<std::string> out;
  for (const std::string_view name : names) {
    if (!name.empty()) {
      out.emplace_back(name);
    }
  }
  return out;
}

}  // namespace knits::names::table

#endif  // KNITS_DAEMON_NAMES_NAME_TABLE_H
