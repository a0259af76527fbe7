// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_SPLICE_H
#define KNITS_DAEMON_GENL_SPLICE_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "genl/endpoint.h"

namespace knits::genl {

// A TCP connection as the node that asks for a splice sees it: its own
// address and port, and its peer's. Both have one family.
struct SpliceConnection {
  Endpoint local;
  Endpoint peer;

  friend bool operator==(const SpliceConnection&, const SpliceConnection&) = default;
};

// A KNITS_CMD_SPLICE request (uapi/knits.h, "Splices").
struct SpliceRequest {
  // The connection the node serves, and the one it opened to the target
  // node through the gateway and has written nothing on yet.
  SpliceConnection c1;
  SpliceConnection c2;
  // Where the handed-off part of c1's received stream starts.
  std::uint64_t t = 0;
  // The bytes the node wrote to c1.
  std::uint64_t s = 0;

  friend bool operator==(const SpliceRequest&, const SpliceRequest&) = default;
};

// The module's answer to a well-formed splice request.
struct SpliceReply {
  // enum knits_splice_status; a value this build does not know (from a
  // newer module) is kept, and is a refusal like any but KNITS_SPLICE_OK.
  std::uint32_t status = 0;
  // The switch point: set exactly when the splice is installed.
  std::optional<std::uint64_t> p = std::nullopt;

  friend bool operator==(const SpliceReply&, const SpliceReply&) = default;
};

// "LOCAL,PEER", each side as to_string(Endpoint) writes it:
// "10.1.1.2:80,10.0.0.5:40000" or "[fd01::2]:80,[fd00::5]:40000".
[[nodiscard]] std::string to_string(const SpliceConnection& connection);

// Reads the text to_string() writes. Throws Error(EINVAL) with a message
// that quotes @text and says what is wrong, also when the two sides are of
// different families.
[[nodiscard]] SpliceConnection parse_splice_connection(std::string_view text);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_SPLICE_H
