// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "testnode/http_request.h"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "testnode/http_head.h"

namespace knits::testnode {
namespace {

RequestParse bad(std::string error) {
  RequestParse out;
  out.status = RequestStatus::kBad;
  out.error = std::move(error);
  return out;
}

// "/nJ/PATH" or "/nJ": J, and PATH without a query. Nothing if the target
// names no node.
bool parse_target(std::string_view target, Request& out) {
  constexpr std::string_view kPrefix = "/n";
  if (!target.starts_with(kPrefix)) {
    return false;
  }
  target.remove_prefix(kPrefix.size());
  const char* end = target.data() + target.size();
  const auto [stop, ec] = std::from_chars(target.data(), end, out.node);
  if (ec != std::errc{} || stop == target.data() || (stop != end && *stop != '/')) {
    return false;
  }
  target.remove_prefix(static_cast<std::size_t>(stop - target.data()));
  if (!target.empty()) {
    target.remove_prefix(1);
  }
  out.path = std::string(target.substr(0, target.find('?')));
  return true;
}

}  // namespace

RequestParse parse_request(std::string_view buffer) {
  const std::optional<std::size_t> head_size = find_head_end(buffer, kMaxRequestHead);
  if (!head_size) {
    if (buffer.size() >= kMaxRequestHead) {
      return bad("request head longer than " + std::to_string(kMaxRequestHead) + " bytes");
    }
    return {};
  }
  const HeadSplit split = split_head(buffer.substr(0, *head_size));
  if (!split.error.empty()) {
    return bad(split.error);
  }

  RequestParse out;
  Request& request = out.request;
  request.head_size = *head_size;
  const std::string_view line = split.lines.start_line;
  const std::size_t first_space = line.find(' ');
  const std::size_t second_space =
      first_space == std::string_view::npos ? first_space : line.find(' ', first_space + 1);
  if (first_space == 0 || second_space == std::string_view::npos ||
      line.substr(second_space + 1) != "HTTP/1.1") {
    return bad("bad request line '" + std::string(line) + "'");
  }
  request.method = std::string(line.substr(0, first_space));
  request.target = std::string(line.substr(first_space + 1, second_space - first_space - 1));
  if (!parse_target(request.target, request)) {
    return bad("target '" + request.target + "' names no node (/nJ/PATH)");
  }

  const Framing framing = parse_framing(split.lines.fields);
  if (!framing.error.empty()) {
    return bad(framing.error);
  }
  request.body_size = framing.content_length.value_or(0);
  request.has_transfer_encoding = framing.has_transfer_encoding;
  request.close = framing.connection_close;
  out.status = RequestStatus::kDone;
  return out;
}

}  // namespace knits::testnode
