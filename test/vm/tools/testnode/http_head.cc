// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/http_head.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace knits::testnode {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kHeadEnd = "\r\n\r\n";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::optional<std::uint64_t> parse_decimal(std::string_view text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || stop != end || text.front() == '-' ||
      text.front() == '+') {
    return std::nullopt;
  }
  return value;
}

bool lists_close(std::string_view value) {
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    if (equals_ignore_case(trim(value.substr(0, comma)), "close")) {
      return true;
    }
    value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
  }
  return false;
}

}  // namespace

std::optional<std::size_t> find_head_end(std::string_view buffer, std::size_t limit) {
  const std::size_t at = buffer.substr(0, limit).find(kHeadEnd);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  return at + kHeadEnd.size();
}

HeadSplit split_head(std::string_view head) {
  HeadSplit out;
  // Drop the empty line; every line left ends in CRLF.
  head.remove_suffix(std::min(head.size(), kCrlf.size()));
  const std::size_t start_end = head.find(kCrlf);
  out.lines.start_line = head.substr(0, start_end);
  head.remove_prefix(std::min(head.size(), start_end + kCrlf.size()));
  while (!head.empty()) {
    const std::size_t line_end = head.find(kCrlf);
    const std::string_view line = head.substr(0, line_end);
    head.remove_prefix(std::min(head.size(), line_end + kCrlf.size()));
    if (line.starts_with(' ') || line.starts_with('\t')) {
      out.error = "obsolete line folding";
      return out;
    }
    const std::size_t colon = line.find(':');
    const std::string_view name = line.substr(0, colon);
    if (colon == std::string_view::npos || name.empty() ||
        name.find_first_of(" \t") != std::string_view::npos) {
      out.error = "malformed header field '" + std::string(line) + "'";
      return out;
    }
    out.lines.fields.push_back({name, trim(line.substr(colon + 1))});
  }
  return out;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return lower(x) == lower(y); });
}

Framing parse_framing(const std::vector<HeaderField>& fields) {
  Framing out;
  for (const HeaderField& field : fields) {
    if (equals_ignore_case(field.name, "content-length")) {
      const std::optional<std::uint64_t> length = parse_decimal(field.value);
      if (!length) {
        out.error = "bad Content-Length '" + std::string(field.value) + "'";
        return out;
      }
      if (out.content_length && *out.content_length != *length) {
        out.error = "conflicting Content-Length fields";
        return out;
      }
      out.content_length = length;
    } else if (equals_ignore_case(field.name, "transfer-encoding")) {
      out.has_transfer_encoding = true;
    } else if (equals_ignore_case(field.name, "connection")) {
      out.connection_close = out.connection_close || lists_close(field.value);
    }
  }
  return out;
}

}  // namespace knits::testnode
