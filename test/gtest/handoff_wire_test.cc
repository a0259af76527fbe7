// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The hand-off wire format (daemon/handoff/wire.h, uapi/knits_handoff.h):
// what write_message() writes reads back, the bytes sit at the uapi's
// offsets, and every way a datagram can be wrong has its own reason.

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "handoff/wire.h"
#include "handoff_requests.h"
#include "knits_handoff.h"

namespace {

using knits::genl::Endpoint;
using knits::genl::SpliceRequest;
using knits::handoff::Answer;
using knits::handoff::Body;
using knits::handoff::Expect;
using knits::handoff::Frame;
using knits::handoff::FrameError;
using knits::handoff::Header;
using knits::handoff::kAnswerBodySize;
using knits::handoff::kEndpointSize;
using knits::handoff::Key;
using knits::handoff::kHeaderSize;
using knits::handoff::kPrepareBodySize;
using knits::handoff::kSpliceBodySize;
using knits::handoff::Prepare;
using knits::handoff::read_answer;
using knits::handoff::read_frame;
using knits::handoff::read_prepare;
using knits::handoff::read_splice;
using knits::handoff::write_message;

using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kTagLen = KNITS_HANDOFF_TAG_LEN;
constexpr std::size_t kSpliceLen = kHeaderSize + kSpliceBodySize + kTagLen;    // 168
constexpr std::size_t kPrepareLen = kHeaderSize + kPrepareBodySize + kTagLen;  // 132
constexpr std::size_t kAnswerLen = kHeaderSize + kAnswerBodySize + kTagLen;    // 88

Key test_key() {
  return knits::handoff::parse_key(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
}

Endpoint address(std::string_view text) {
  return knits::genl::parse_address_and_optional_port(text).endpoint;
}

// Every field a different value, so that two fields swapped show.
Header test_header() {
  return Header{0, 0x01020304, 0x0a0b0c0d, 0x1112131415161718, 0x2122232425262728};
}

SpliceRequest splice4() {
  return node_splice("10.1.1.2", "10.0.0.5:40000", "10.1.2.3:80", 0x3132333435363738,
                     0x4142434445464748);
}

SpliceRequest splice6() {
  return node_splice("[fd01::2]", "[fd00::5]:40000", "[fd01::3]:80", 300, 0xffffffffffffffff);
}

Prepare prepare4() { return node_prepare("10.1.1.2", "10.0.0.5:40000", "10.1.2.3:80"); }

Prepare prepare6() { return node_prepare("[fd01::2]", "[fd00::5]:40000", "[fd01::3]:8080"); }

Bytes message(const Body& body, const Endpoint& node = address("10.1.1.2")) {
  return write_message(test_header(), body, test_key(), node);
}

// The frame read_frame() finds in @datagram; a test that gets an error
// instead fails and sees a default frame.
Frame frame_of(const Bytes& datagram, Expect expect) {
  const std::variant<Frame, FrameError> read = read_frame(datagram, expect);
  const Frame* frame = std::get_if<Frame>(&read);
  if (frame == nullptr) {
    ADD_FAILURE() << "read_frame() refused the datagram: error "
                  << static_cast<int>(std::get<FrameError>(read));
    return Frame{};
  }
  return *frame;
}

std::optional<FrameError> error_of(std::span<const std::uint8_t> datagram, Expect expect) {
  const std::variant<Frame, FrameError> read = read_frame(datagram, expect);
  if (const auto* error = std::get_if<FrameError>(&read)) {
    return *error;
  }
  return std::nullopt;
}

Bytes subrange(std::span<const std::uint8_t> bytes, std::size_t offset, std::size_t size) {
  const std::span<const std::uint8_t> part = bytes.subspan(offset, size);
  return {part.begin(), part.end()};
}

// What every read frame must satisfy: the spans lie in the datagram, the
// tag is its last bytes and the header is the one written.
void expect_frame_of(const Bytes& datagram, const Frame& frame, std::uint8_t type,
                     std::size_t body_size) {
  EXPECT_EQ(frame.header.type, type);
  EXPECT_EQ(frame.header.node_id, test_header().node_id);
  EXPECT_EQ(frame.header.key_id, test_header().key_id);
  EXPECT_EQ(frame.header.request_id, test_header().request_id);
  EXPECT_EQ(frame.header.counter, test_header().counter);
  EXPECT_EQ(frame.signed_bytes.data(), datagram.data());
  EXPECT_EQ(frame.signed_bytes.size(), datagram.size() - kTagLen);
  EXPECT_EQ(frame.body.data(), datagram.data() + kHeaderSize);
  EXPECT_EQ(frame.body.size(), body_size);
  EXPECT_EQ(Bytes(frame.tag.begin(), frame.tag.end()),
            subrange(datagram, datagram.size() - kTagLen, kTagLen));
  EXPECT_TRUE(
      knits::handoff::tag_verifies(test_key(), address("10.1.1.2"), frame.signed_bytes, frame.tag));
}

TEST(HandoffWire, Ipv4SpliceReadsBackAsWritten) {
  const Bytes datagram = message(splice4());
  ASSERT_EQ(datagram.size(), kSpliceLen);
  const Frame frame = frame_of(datagram, Expect::kRequest);
  expect_frame_of(datagram, frame, KNITS_HANDOFF_SPLICE, kSpliceBodySize);
  EXPECT_EQ(read_splice(frame.body), splice4());
}

TEST(HandoffWire, Ipv6SpliceReadsBackAsWritten) {
  const Bytes datagram = message(splice6(), address("fd01::2"));
  ASSERT_EQ(datagram.size(), kSpliceLen);
  const Frame frame = frame_of(datagram, Expect::kRequest);
  EXPECT_EQ(frame.header.type, KNITS_HANDOFF_SPLICE);
  EXPECT_EQ(read_splice(frame.body), splice6());
}

TEST(HandoffWire, Ipv4PrepareReadsBackAsWritten) {
  const Bytes datagram = message(prepare4());
  ASSERT_EQ(datagram.size(), kPrepareLen);
  const Frame frame = frame_of(datagram, Expect::kRequest);
  expect_frame_of(datagram, frame, KNITS_HANDOFF_PREPARE, kPrepareBodySize);
  EXPECT_EQ(read_prepare(frame.body), prepare4());
}

TEST(HandoffWire, Ipv6PrepareReadsBackAsWritten) {
  const Bytes datagram = message(prepare6(), address("fd01::2"));
  ASSERT_EQ(datagram.size(), kPrepareLen);
  const Frame frame = frame_of(datagram, Expect::kRequest);
  EXPECT_EQ(frame.header.type, KNITS_HANDOFF_PREPARE);
  EXPECT_EQ(read_prepare(frame.body), prepare6());
}

TEST(HandoffWire, AnswerReadsBackAsWrittenWithEveryBitOfPAndStatus) {
  for (const Answer answer : {Answer{KNITS_HANDOFF_OK, 0x8000000000000001},
                              Answer{KNITS_HANDOFF_KERNEL_ERROR, 0}, Answer{0xfffffffe, ~0ULL}}) {
    const Bytes datagram = message(answer);
    ASSERT_EQ(datagram.size(), kAnswerLen);
    const Frame frame = frame_of(datagram, Expect::kAnswer);
    expect_frame_of(datagram, frame, KNITS_HANDOFF_ANSWER, kAnswerBodySize);
    EXPECT_EQ(read_answer(frame.body), answer);
  }
}

TEST(HandoffWire, TheHeaderTypeComesFromTheBodyNotFromTheHeaderGiven) {
  Header header = test_header();
  header.type = KNITS_HANDOFF_ANSWER;  // ignored: the body is a splice
  const Bytes datagram = write_message(header, splice4(), test_key(), address("10.1.1.2"));
  EXPECT_EQ(datagram.at(5), KNITS_HANDOFF_SPLICE);
  EXPECT_EQ(frame_of(datagram, Expect::kRequest).header.type, KNITS_HANDOFF_SPLICE);
}

// The layout of one splice, field by field at the uapi's offsets, against
// bytes written out by hand; the tag was computed apart from this code,
// over ::ffff:10.1.1.2 then the 136 bytes before the tag (MESSAGE):
//   (printf '\0\0\0\0\0\0\0\0\0\0\377\377\n\1\1\2'; cat MESSAGE) |
//   openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f
TEST(HandoffWire, SpliceBytesAreAtTheUapiOffsets) {
  const Bytes datagram = message(splice4());
  ASSERT_EQ(datagram.size(), kSpliceLen);
  // header
  EXPECT_EQ(subrange(datagram, 0, 4), (Bytes{0x4b, 0x4e, 0x48, 0x4f})) << "magic, \"KNHO\"";
  EXPECT_EQ(subrange(datagram, 4, 1), (Bytes{0x01})) << "version";
  EXPECT_EQ(subrange(datagram, 5, 1), (Bytes{0x01})) << "type: KNITS_HANDOFF_SPLICE";
  EXPECT_EQ(subrange(datagram, 6, 2), (Bytes{0x00, 0xa8})) << "length: 168, tag included";
  EXPECT_EQ(subrange(datagram, 8, 4), (Bytes{0x01, 0x02, 0x03, 0x04})) << "node_id";
  EXPECT_EQ(subrange(datagram, 12, 4), (Bytes{0x0a, 0x0b, 0x0c, 0x0d})) << "key_id";
  EXPECT_EQ(subrange(datagram, 16, 8), (Bytes{0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18}))
      << "request_id";
  EXPECT_EQ(subrange(datagram, 24, 8), (Bytes{0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28}))
      << "counter";
  EXPECT_EQ(subrange(datagram, 32, 8), Bytes(8, 0)) << "reserved";
  // body: four endpoints (family, reserved, port, 16 address bytes), t, s
  auto endpoint = [](std::uint8_t port_hi, std::uint8_t port_lo, std::array<std::uint8_t, 4> ipv4) {
    Bytes out(kEndpointSize, 0);
    out[0] = KNITS_HANDOFF_INET;
    out[2] = port_hi;
    out[3] = port_lo;
    std::copy(ipv4.begin(), ipv4.end(), out.begin() + 4);
    return out;
  };
  EXPECT_EQ(subrange(datagram, 40, 20), endpoint(0x00, 0x50, {10, 1, 1, 2})) << "c1.local";
  EXPECT_EQ(subrange(datagram, 60, 20), endpoint(0x9c, 0x40, {10, 0, 0, 5})) << "c1.peer";
  EXPECT_EQ(subrange(datagram, 80, 20), endpoint(0x0f, 0xa1, {10, 1, 1, 2})) << "c2.local";
  EXPECT_EQ(subrange(datagram, 100, 20), endpoint(0x00, 0x50, {10, 1, 2, 3})) << "c2.peer";
  EXPECT_EQ(subrange(datagram, 120, 8), (Bytes{0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38}))
      << "t";
  EXPECT_EQ(subrange(datagram, 128, 8), (Bytes{0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48}))
      << "s";
  // tag
  EXPECT_EQ(subrange(datagram, 136, 32),
            (Bytes{0x46, 0xf4, 0x96, 0x72, 0xe3, 0x88, 0xc9, 0x6e, 0x71, 0x0e, 0xd6,
                   0x28, 0x26, 0x3c, 0x44, 0x5b, 0x4c, 0x3d, 0x9d, 0x3b, 0x67, 0xbf,
                   0x98, 0xa1, 0xd1, 0x80, 0x0b, 0xfa, 0x54, 0x0e, 0x2c, 0x84}))
      << "tag";
}

TEST(HandoffWire, AnswerAndPrepareBodiesAreAtTheUapiOffsets) {
  const Bytes answer = message(Answer{0x00000102, 0x0102030405060708});
  EXPECT_EQ(subrange(answer, 5, 1), (Bytes{0x80})) << "type: KNITS_HANDOFF_ANSWER";
  EXPECT_EQ(subrange(answer, 6, 2), (Bytes{0x00, 0x58})) << "length: 88";
  EXPECT_EQ(subrange(answer, 40, 4), (Bytes{0x00, 0x00, 0x01, 0x02})) << "status";
  EXPECT_EQ(subrange(answer, 44, 4), Bytes(4, 0)) << "reserved";
  EXPECT_EQ(subrange(answer, 48, 8), (Bytes{1, 2, 3, 4, 5, 6, 7, 8})) << "p";

  const Bytes prepare = message(prepare6(), address("fd01::2"));
  EXPECT_EQ(subrange(prepare, 5, 1), (Bytes{0x02})) << "type: KNITS_HANDOFF_PREPARE";
  EXPECT_EQ(subrange(prepare, 6, 2), (Bytes{0x00, 0x84})) << "length: 132";
  Bytes target(kEndpointSize, 0);  // family 6, reserved, port 8080, fd01::3
  target[0] = KNITS_HANDOFF_INET6;
  target[2] = 0x1f;
  target[3] = 0x90;
  target[4] = 0xfd;
  target[5] = 0x01;
  target[19] = 0x03;
  EXPECT_EQ(subrange(prepare, 80, 20), target) << "target";
}

TEST(HandoffWire, DatagramsShorterThanAHeaderAndATagAreTruncated) {
  const Bytes datagram = message(splice4());
  EXPECT_EQ(error_of(std::span(datagram).first(kHeaderSize + kTagLen - 1), Expect::kRequest),
            FrameError::kTruncated);  // 71 bytes
  EXPECT_EQ(error_of(std::span(datagram).first(kHeaderSize), Expect::kRequest),
            FrameError::kTruncated);
  EXPECT_EQ(error_of({}, Expect::kRequest), FrameError::kTruncated);
  EXPECT_EQ(error_of({}, Expect::kAnswer), FrameError::kTruncated);
  // 72 bytes are a header and a tag: no longer truncated, but no type is
  // that short
  EXPECT_EQ(error_of(std::span(datagram).first(kHeaderSize + kTagLen), Expect::kRequest),
            FrameError::kBadLength);
}

// "truncated" is only for datagrams too short to hold a header and a tag
// (wire.h): a whole message less its last byte is long enough for both,
// so what is wrong with it is that its header's length is not its own.
TEST(HandoffWire, AMessageOneByteShortHasTheWrongLength) {
  for (const Body& body : {Body{splice4()}, Body{prepare4()}, Body{Answer{}}}) {
    const Bytes datagram = message(body);
    const Expect expect = std::holds_alternative<Answer>(body) ? Expect::kAnswer : Expect::kRequest;
    EXPECT_EQ(error_of(std::span(datagram).first(datagram.size() - 1), expect),
              FrameError::kBadLength)
        << datagram.size();
  }
}

TEST(HandoffWire, DatagramsLongerThanTheLongestMessageAreOversized) {
  Bytes datagram = message(splice4());
  datagram.resize(KNITS_HANDOFF_MAX_LEN + 1, 0);
  EXPECT_EQ(error_of(datagram, Expect::kRequest), FrameError::kOversized);
  EXPECT_EQ(error_of(datagram, Expect::kAnswer), FrameError::kOversized);
  // exactly the limit is not oversized; the length is still not a splice's
  datagram.resize(KNITS_HANDOFF_MAX_LEN);
  EXPECT_EQ(error_of(datagram, Expect::kRequest), FrameError::kBadLength);
}

TEST(HandoffWire, AnyOtherMagicIsBadMagic) {
  const Bytes good = message(splice4());
  for (std::size_t i = 0; i < 4; i++) {
    Bytes datagram = good;
    datagram.at(i) ^= 0x20U;  // "KNHO" as "kNHO", ...
    EXPECT_EQ(error_of(datagram, Expect::kRequest), FrameError::kBadMagic) << i;
  }
  // the magic in little-endian order is not the magic
  Bytes swapped = good;
  swapped[0] = 0x4f;
  swapped[1] = 0x48;
  swapped[2] = 0x4e;
  swapped[3] = 0x4b;
  EXPECT_EQ(error_of(swapped, Expect::kRequest), FrameError::kBadMagic);
}

TEST(HandoffWire, OnlyVersionOneIsSpoken) {
  for (const int version : {0, 2, 0x81, 0xff}) {
    Bytes datagram = message(splice4());
    datagram.at(4) = static_cast<std::uint8_t>(version);
    EXPECT_EQ(error_of(datagram, Expect::kRequest), FrameError::kBadVersion) << version;
  }
}

TEST(HandoffWire, UnknownTypesAreBadTypes) {
  for (const int type : {0, 3, 0x7f, 0x81, 0xff}) {
    Bytes datagram = message(splice4());
    datagram.at(5) = static_cast<std::uint8_t>(type);
    EXPECT_EQ(error_of(datagram, Expect::kRequest), FrameError::kBadType) << type;
    EXPECT_EQ(error_of(datagram, Expect::kAnswer), FrameError::kBadType) << type;
  }
}

// knitsd never takes an answer (a reflected answer is no request), and a
// node never takes a request as its answer.
TEST(HandoffWire, AnAnswerIsNoRequestAndARequestIsNoAnswer) {
  EXPECT_EQ(error_of(message(Answer{}), Expect::kRequest), FrameError::kBadType);
  EXPECT_EQ(error_of(message(splice4()), Expect::kAnswer), FrameError::kBadType);
  EXPECT_EQ(error_of(message(prepare4()), Expect::kAnswer), FrameError::kBadType);
}

TEST(HandoffWire, AHeaderLengthOtherThanTheDatagramsIsBadLength) {
  const Bytes good = message(splice4());
  for (const int length : {0, 167, 169, 0xffff}) {
    Bytes datagram = good;
    datagram[6] = static_cast<std::uint8_t>(length >> 8);
    datagram[7] = static_cast<std::uint8_t>(length & 0xff);
    EXPECT_EQ(error_of(datagram, Expect::kRequest), FrameError::kBadLength) << length;
  }
  // a byte more than the header says
  Bytes longer = good;
  longer.push_back(0);
  EXPECT_EQ(error_of(longer, Expect::kRequest), FrameError::kBadLength);
}

// The header and the datagram agree, but the type's body is another size.
TEST(HandoffWire, ALengthThatIsNotTheTypesIsBadLength) {
  Bytes splice_as_prepare = message(splice4());
  splice_as_prepare.at(5) = KNITS_HANDOFF_PREPARE;
  EXPECT_EQ(error_of(splice_as_prepare, Expect::kRequest), FrameError::kBadLength);

  Bytes prepare_as_splice = message(prepare4());
  prepare_as_splice.at(5) = KNITS_HANDOFF_SPLICE;
  EXPECT_EQ(error_of(prepare_as_splice, Expect::kRequest), FrameError::kBadLength);

  // an answer with a splice's body, its length saying so
  Bytes long_answer = message(splice4());
  long_answer.at(5) = KNITS_HANDOFF_ANSWER;
  EXPECT_EQ(error_of(long_answer, Expect::kAnswer), FrameError::kBadLength);
}

// Offsets of the endpoints in a splice body, and of the fields in one.
constexpr std::size_t kC1Local = 0;
constexpr std::size_t kC1Peer = kEndpointSize;
constexpr std::size_t kC2Local = 2 * kEndpointSize;
constexpr std::size_t kC2Peer = 3 * kEndpointSize;
constexpr std::size_t kFamily = 0;
constexpr std::size_t kPortHi = 2;
constexpr std::size_t kPortLo = 3;

Bytes body_of(const Body& body) {
  const Bytes datagram = message(body);
  return subrange(datagram, kHeaderSize, datagram.size() - kHeaderSize - kTagLen);
}

TEST(HandoffWire, EndpointsOfAnUnknownFamilyAreNoRequest) {
  for (const std::size_t at : {kC1Local, kC1Peer, kC2Local, kC2Peer}) {
    for (const int family : {0, AF_INET, AF_INET6, 5, 0xff}) {
      Bytes body = body_of(splice4());
      body.at(at + kFamily) = static_cast<std::uint8_t>(family);
      EXPECT_EQ(read_splice(body), std::nullopt) << "endpoint at " << at << ", family " << family;
    }
  }
  for (const std::size_t at : {kC1Local, kC1Peer, 2 * kEndpointSize}) {
    Bytes body = body_of(prepare4());
    body.at(at + kFamily) = AF_INET;  // 2: the socket API's, not the wire's
    EXPECT_EQ(read_prepare(body), std::nullopt) << "endpoint at " << at;
  }
}

TEST(HandoffWire, MixedFamiliesAreNoRequest) {
  // IPv6 peer on an IPv4 connection: the address bytes are all there
  for (const std::size_t at : {kC1Local, kC1Peer, kC2Local, kC2Peer}) {
    Bytes body = body_of(splice4());
    body.at(at + kFamily) = KNITS_HANDOFF_INET6;
    EXPECT_EQ(read_splice(body), std::nullopt) << "endpoint at " << at;
  }
  // c1 and c2 each of one family, but not the same one
  const SpliceRequest v4 = splice4();
  const SpliceRequest v6 = splice6();
  EXPECT_EQ(read_splice(body_of(SpliceRequest{v4.c1, v6.c2, 0, 0})), std::nullopt);
  EXPECT_EQ(read_splice(body_of(SpliceRequest{v6.c1, v4.c2, 0, 0})), std::nullopt);
  // a prepare's target of the other family
  EXPECT_EQ(read_prepare(body_of(Prepare{prepare4().c1, prepare6().target})), std::nullopt);
  EXPECT_EQ(read_prepare(body_of(Prepare{prepare6().c1, prepare4().target})), std::nullopt);
}

TEST(HandoffWire, AZeroPortIsNoRequest) {
  for (const std::size_t at : {kC1Local, kC1Peer, kC2Local, kC2Peer}) {
    Bytes body = body_of(splice4());
    body.at(at + kPortHi) = 0;
    body.at(at + kPortLo) = 0;
    EXPECT_EQ(read_splice(body), std::nullopt) << "endpoint at " << at;
  }
  for (const std::size_t at : {kC1Local, kC1Peer, 2 * kEndpointSize}) {
    Bytes body = body_of(prepare4());
    body.at(at + kPortHi) = 0;
    body.at(at + kPortLo) = 0;
    EXPECT_EQ(read_prepare(body), std::nullopt) << "endpoint at " << at;
  }
}

// Reserved bytes are ignored on receipt (uapi), and so are the address
// bytes an IPv4 endpoint does not use: the endpoints read compare equal to
// the ones written.
TEST(HandoffWire, ReservedAndUnusedBytesAreIgnored) {
  Bytes body = body_of(splice4());
  for (const std::size_t at : {kC1Local, kC1Peer, kC2Local, kC2Peer}) {
    body.at(at + 1) = 0xff;   // reserved
    body.at(at + 19) = 0xff;  // the last address byte, unused by IPv4
  }
  EXPECT_EQ(read_splice(body), splice4());

  Bytes datagram = message(splice4());
  for (std::size_t i = 32; i < kHeaderSize; i++) {
    datagram.at(i) = 0xff;
  }
  EXPECT_EQ(read_splice(frame_of(datagram, Expect::kRequest).body), splice4());
}

}  // namespace
