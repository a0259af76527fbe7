// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Fields are read and written at their offsets in the uapi structs, byte by
// byte: a datagram is never cast to a struct (alignment, padding).

#include "handoff/wire.h"

#include <sys/socket.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>
#include <variant>
#include <vector>

#include <boost/endian/conversion.hpp>

#include "genl/endpoint.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "knits_handoff.h"

namespace knits::handoff {
namespace {

namespace endian = boost::endian;
using Bytes = std::span<const std::uint8_t>;

std::size_t body_size(std::uint8_t type) {
  switch (type) {
    case KNITS_HANDOFF_SPLICE:
      return kSpliceBodySize;
    case KNITS_HANDOFF_PREPARE:
      return kPrepareBodySize;
    case KNITS_HANDOFF_ANSWER:
      return kAnswerBodySize;
    default:
      return 0;
  }
}

bool type_expected(std::uint8_t type, Expect expect) {
  if (expect == Expect::kAnswer) {
    return type == KNITS_HANDOFF_ANSWER;
  }
  return type == KNITS_HANDOFF_SPLICE || type == KNITS_HANDOFF_PREPARE;
}

std::optional<genl::Endpoint> read_endpoint(Bytes at) {
  genl::Endpoint endpoint;
  std::size_t size = 0;
  switch (at[0]) {
    case KNITS_HANDOFF_INET:
      endpoint.family = AF_INET;
      size = 4;
      break;
    case KNITS_HANDOFF_INET6:
      endpoint.family = AF_INET6;
      size = 16;
      break;
    default:
      return std::nullopt;
  }
  endpoint.port = endian::load_big_u16(&at[2]);
  if (endpoint.port == 0) {
    return std::nullopt;
  }
  std::copy_n(at.begin() + 4, size, endpoint.address.begin());
  return endpoint;
}

std::optional<genl::SpliceConnection> read_connection(Bytes at) {
  std::optional<genl::Endpoint> local = read_endpoint(at.subspan(0, kEndpointSize));
  std::optional<genl::Endpoint> peer = read_endpoint(at.subspan(kEndpointSize, kEndpointSize));
  if (!local || !peer || local->family != peer->family) {
    return std::nullopt;
  }
  return genl::SpliceConnection{*local, *peer};
}

void put_endpoint(std::uint8_t* at, const genl::Endpoint& endpoint) {
  at[0] = endpoint.family == AF_INET6 ? KNITS_HANDOFF_INET6 : KNITS_HANDOFF_INET;
  endian::store_big_u16(&at[2], endpoint.port);
  std::copy_n(endpoint.address.begin(), genl::address_size(endpoint.family), &at[4]);
}

void put_connection(std::uint8_t* at, const genl::SpliceConnection& connection) {
  put_endpoint(at, connection.local);
  put_endpoint(at + kEndpointSize, connection.peer);
}

std::uint8_t type_of(const Body& body) {
  if (std::holds_alternative<genl::SpliceRequest>(body)) {
    return KNITS_HANDOFF_SPLICE;
  }
  return std::holds_alternative<Prepare>(body) ? KNITS_HANDOFF_PREPARE : KNITS_HANDOFF_ANSWER;
}

void put_body(std::uint8_t* at, const Body& body) {
  if (const auto* splice = std::get_if<genl::SpliceRequest>(&body)) {
    put_connection(at, splice->c1);
    put_connection(at + kConnectionSize, splice->c2);
    endian::store_big_u64(at + 2 * kConnectionSize, splice->t);
    endian::store_big_u64(at + 2 * kConnectionSize + 8, splice->s);
  } else if (const auto* prepare = std::get_if<Prepare>(&body)) {
    put_connection(at, prepare->c1);
    put_endpoint(at + kConnectionSize, prepare->target);
  } else {
    const auto& answer = std::get<Answer>(body);
    endian::store_big_u32(at, answer.status);
    endian::store_big_u64(at + 8, answer.p);
  }
}

}  // namespace

std::variant<Frame, FrameError> read_frame(Bytes datagram, Expect expect) {
  if (datagram.size() < kHeaderSize + KNITS_HANDOFF_TAG_LEN) {
    return FrameError::kTruncated;
  }
  if (datagram.size() > KNITS_HANDOFF_MAX_LEN) {
    return FrameError::kOversized;
  }
  const std::uint8_t* p = datagram.data();
  if (endian::load_big_u32(p) != KNITS_HANDOFF_MAGIC) {
    return FrameError::kBadMagic;
  }
  if (p[4] != KNITS_HANDOFF_VERSION) {
    return FrameError::kBadVersion;
  }
  Frame frame;
  frame.header.type = p[5];
  if (!type_expected(frame.header.type, expect)) {
    return FrameError::kBadType;
  }
  const std::size_t size = kHeaderSize + body_size(frame.header.type) + KNITS_HANDOFF_TAG_LEN;
  if (endian::load_big_u16(p + 6) != datagram.size() || datagram.size() != size) {
    return FrameError::kBadLength;
  }
  frame.header.node_id = endian::load_big_u32(p + 8);
  frame.header.key_id = endian::load_big_u32(p + 12);
  frame.header.request_id = endian::load_big_u64(p + 16);
  frame.header.counter = endian::load_big_u64(p + 24);
  frame.signed_bytes = datagram.first(size - KNITS_HANDOFF_TAG_LEN);
  frame.body = frame.signed_bytes.subspan(kHeaderSize);
  std::copy_n(datagram.begin() + static_cast<std::ptrdiff_t>(frame.signed_bytes.size()),
              KNITS_HANDOFF_TAG_LEN, frame.tag.begin());
  return frame;
}

std::optional<genl::SpliceRequest> read_splice(Bytes body) {
  std::optional<genl::SpliceConnection> c1 = read_connection(body.subspan(0, kConnectionSize));
  std::optional<genl::SpliceConnection> c2 =
      read_connection(body.subspan(kConnectionSize, kConnectionSize));
  if (!c1 || !c2 || c1->local.family != c2->local.family) {
    return std::nullopt;
  }
  return genl::SpliceRequest{*c1, *c2, endian::load_big_u64(&body[2 * kConnectionSize]),
                             endian::load_big_u64(&body[2 * kConnectionSize + 8])};
}

std::optional<Prepare> read_prepare(Bytes body) {
  std::optional<genl::SpliceConnection> c1 = read_connection(body.subspan(0, kConnectionSize));
  std::optional<genl::Endpoint> target =
      read_endpoint(body.subspan(kConnectionSize, kEndpointSize));
  if (!c1 || !target || c1->local.family != target->family) {
    return std::nullopt;
  }
  return Prepare{*c1, *target};
}

Answer read_answer(Bytes body) {
  return Answer{endian::load_big_u32(body.data()), endian::load_big_u64(body.subspan(8).data())};
}

std::vector<std::uint8_t> write_message(const Header& header, const Body& body, const Key& key,
                                        const genl::Endpoint& node_address) {
  const std::uint8_t type = type_of(body);
  const std::size_t signed_size = kHeaderSize + body_size(type);
  std::vector<std::uint8_t> out(signed_size + KNITS_HANDOFF_TAG_LEN, 0);
  std::uint8_t* p = out.data();
  endian::store_big_u32(p, KNITS_HANDOFF_MAGIC);
  p[4] = KNITS_HANDOFF_VERSION;
  p[5] = type;
  endian::store_big_u16(p + 6, static_cast<std::uint16_t>(out.size()));
  endian::store_big_u32(p + 8, header.node_id);
  endian::store_big_u32(p + 12, header.key_id);
  endian::store_big_u64(p + 16, header.request_id);
  endian::store_big_u64(p + 24, header.counter);
  put_body(p + kHeaderSize, body);
  const Tag tag = make_tag(key, node_address, std::span(out).first(signed_size));
  std::copy(tag.begin(), tag.end(), out.begin() + static_cast<std::ptrdiff_t>(signed_size));
  return out;
}

}  // namespace knits::handoff
