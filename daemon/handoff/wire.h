// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The hand-off wire protocol (uapi/knits_handoff.h) as values: reading a
// datagram's frame and bodies, writing messages. Reading never throws and
// never reads past the datagram; every way a datagram can be wrong has its
// own reason, which knitsd counts.

#ifndef KNITS_DAEMON_HANDOFF_WIRE_H
#define KNITS_DAEMON_HANDOFF_WIRE_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "genl/endpoint.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "knits_handoff.h"

namespace knits::handoff {

constexpr std::size_t kHeaderSize = 40;
constexpr std::size_t kEndpointSize = 20;
constexpr std::size_t kConnectionSize = 2 * kEndpointSize;
constexpr std::size_t kSpliceBodySize = 2 * kConnectionSize + 16;
constexpr std::size_t kPrepareBodySize = kConnectionSize + kEndpointSize;
constexpr std::size_t kAnswerBodySize = 16;
static_assert(sizeof(knits_handoff_hdr) == kHeaderSize);
static_assert(sizeof(knits_handoff_endpoint) == kEndpointSize);
static_assert(sizeof(knits_handoff_splice) == kSpliceBodySize);
static_assert(sizeof(knits_handoff_prepare) == kPrepareBodySize);
static_assert(sizeof(knits_handoff_answer) == kAnswerBodySize);

using Tag = std::array<std::uint8_t, KNITS_HANDOFF_TAG_LEN>;

struct Header {
  std::uint8_t type = 0;  // enum knits_handoff_type
  std::uint32_t node_id = 0;
  std::uint32_t key_id = 0;
  std::uint64_t request_id = 0;
  std::uint64_t counter = 0;

  friend bool operator==(const Header&, const Header&) = default;
};

// Why a datagram is not a message of this version.
enum class FrameError {
  kTruncated,  // shorter than a header and a tag
  kOversized,  // longer than KNITS_HANDOFF_MAX_LEN
  kBadMagic,
  kBadVersion,  // a version this build does not speak
  kBadType,     // no such type, or an answer sent to knitsd (or a request to a node)
  kBadLength,   // the header's length is not the datagram's, or not the type's
};

// A datagram whose framing is right: what the tag covers and the tag.
struct Frame {
  Header header;
  std::span<const std::uint8_t> signed_bytes;  // everything before the tag
  std::span<const std::uint8_t> body;
  Tag tag{};
};

// Which types a reader takes: knitsd reads requests, nodes read answers.
enum class Expect { kRequest, kAnswer };

[[nodiscard]] std::variant<Frame, FrameError> read_frame(std::span<const std::uint8_t> datagram,
                                                         Expect expect);

struct Prepare {
  genl::SpliceConnection c1;
  genl::Endpoint target;

  friend bool operator==(const Prepare&, const Prepare&) = default;
};

struct Answer {
  std::uint32_t status = KNITS_HANDOFF_OK;  // enum knits_handoff_status
  std::uint64_t p = 0;

  friend bool operator==(const Answer&, const Answer&) = default;
};

// A body of the frame's type, or nullopt when a field is not one knitsd can
// use (an unknown family, families that differ, a zero port). The length
// is right: read_frame() checked it.
[[nodiscard]] std::optional<genl::SpliceRequest> read_splice(std::span<const std::uint8_t> body);
[[nodiscard]] std::optional<Prepare> read_prepare(std::span<const std::uint8_t> body);
[[nodiscard]] Answer read_answer(std::span<const std::uint8_t> body);

using Body = std::variant<genl::SpliceRequest, Prepare, Answer>;

// The whole message for @header (its type is taken from @body) and @body,
// tagged with @key for the node at @node_address.
[[nodiscard]] std::vector<std::uint8_t> write_message(const Header& header, const Body& body,
                                                      const Key& key,
                                                      const genl::Endpoint& node_address);

}  // namespace knits::handoff

#endif  // KNITS_DAEMON_HANDOFF_WIRE_H
