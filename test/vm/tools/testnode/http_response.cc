// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/http_response.h"

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "testnode/http_head.h"

namespace knits::testnode {
namespace {

ResponseParse bad(std::string error) {
  ResponseParse out;
  out.status = ResponseStatus::kBad;
  out.error = std::move(error);
  return out;
}

// "HTTP/1.1 200 OK" (the reason phrase may be empty): the status code.
std::optional<int> parse_status_line(std::string_view line) {
  constexpr std::string_view kVersion = "HTTP/1.1 ";
  constexpr std::size_t kCodeSize = 3;
  if (!line.starts_with(kVersion)) {
    return std::nullopt;
  }
  line.remove_prefix(kVersion.size());
  const std::string_view code = line.substr(0, kCodeSize);
  if (code.size() != kCodeSize || (line.size() > kCodeSize && line[kCodeSize] != ' ')) {
    return std::nullopt;
  }
  int status = 0;
  const auto [stop, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
  if (ec != std::errc{} || stop != code.data() + code.size() || code.front() == '-') {
    return std::nullopt;
  }
  return status;
}

}  // namespace

ResponseParse parse_response(std::string_view buffer) {
  const std::optional<std::size_t> head_size = find_head_end(buffer, kMaxResponseHead);
  if (!head_size) {
    if (buffer.size() >= kMaxResponseHead) {
      return bad("response head longer than " + std::to_string(kMaxResponseHead) + " bytes");
    }
    return {};
  }
  const HeadSplit split = split_head(buffer.substr(0, *head_size));
  if (!split.error.empty()) {
    return bad(split.error);
  }
  const std::optional<int> status = parse_status_line(split.lines.start_line);
  if (!status) {
    return bad("bad status line '" + std::string(split.lines.start_line) + "'");
  }
  const Framing framing = parse_framing(split.lines.fields);
  if (!framing.error.empty()) {
    return bad(framing.error);
  }
  if (!framing.content_length || framing.has_transfer_encoding) {
    return bad("response without Content-Length");
  }
  ResponseParse out;
  out.status = ResponseStatus::kDone;
  out.head = {*status, *framing.content_length, *head_size};
  return out;
}

}  // namespace knits::testnode
