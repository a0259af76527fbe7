// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_TEST_VM_TOOLS_TESTNODE_HTTP_HEAD_H
#define KNITS_TEST_VM_TOOLS_TESTNODE_HTTP_HEAD_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The part of HTTP/1.1 (RFC 9112) that requests and responses share: the
// head (start line, header fields, empty line) and the fields that frame
// the body. Views point into the caller's buffer.
namespace knits::testnode {

// The offset just past the CRLF CRLF that ends the head, looking only at
// the first @limit bytes of @buffer; nullopt if it is not there.
[[nodiscard]] std::optional<std::size_t> find_head_end(std::string_view buffer, std::size_t limit);

struct HeaderField {
  std::string_view name;
  std::string_view value;  // without surrounding whitespace
};

struct HeadLines {
  std::string_view start_line;
  std::vector<HeaderField> fields;
};

// Splits a head that find_head_end() delimited (the CRLF CRLF included).
// Returns an error message for a field line without a name and colon or
// with an obsolete line folding.
struct HeadSplit {
  HeadLines lines;
  std::string error;  // empty on success
};
[[nodiscard]] HeadSplit split_head(std::string_view head);

// ASCII case-insensitive comparison, as field names compare.
[[nodiscard]] bool equals_ignore_case(std::string_view a, std::string_view b);

// What the fields say about the message: its body length and whether the
// connection closes after it.
struct Framing {
  std::optional<std::uint64_t> content_length;
  bool has_transfer_encoding = false;
  bool connection_close = false;
  std::string error;  // empty on success
};
// Content-Length must be digits that fit 64 bits; repeated, every copy must
// agree (RFC 9110 section 8.6). Connection is a comma-separated token list.
[[nodiscard]] Framing parse_framing(const std::vector<HeaderField>& fields);

}  // namespace knits::testnode

#endif  // KNITS_TEST_VM_TOOLS_TESTNODE_HTTP_HEAD_H
