// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// libFuzzer target for the hand-off wire protocol (daemon/handoff/wire.h)
// and knitsd's request pipeline (daemon/knitsd/handoff_service.h). The
// input is one datagram. The sanitizers catch reads outside it (it is
// copied into a buffer of its exact size); the checks below catch a frame
// whose parts are not where the uapi puts them, a body that does not read
// back as written, and a service that answers what does not authenticate,
// does not answer what does, answers wrongly, or splices twice.
//
// A forger cannot make a tag, and neither can the fuzzer: every datagram
// that frames is also sent tagged again with the node's key, so that what
// follows the tag check is fuzzed too.

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "fuzz_check.h"
#include "genl/endpoint.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "handoff/wire.h"
#include "knits.h"
#include "knits_handoff.h"
#include "knitsd/counters.h"
#include "knitsd/handoff_service.h"
#include "knitsd/kernel.h"

namespace {

namespace handoff = knits::handoff;
namespace knitsd = knits::knitsd;
using knits::genl::Endpoint;
using Bytes = std::span<const std::uint8_t>;

// A little past the longest message: longer ones are all the same to the
// reader (oversized), and the time goes to lengths that parse.
constexpr std::size_t kMaxInput = KNITS_HANDOFF_MAX_LEN + 64;
constexpr std::size_t kTagLen = KNITS_HANDOFF_TAG_LEN;

// knitsd's clock; the seeds' counters are near it (corpus/handoff_wire/).
constexpr std::uint64_t kRealtime = 1'800'000'000'000'000'000;
const knitsd::Now kNow{knitsd::TokenBucket::Clock::time_point{} + std::chrono::hours(1), kRealtime};

// Node 1 at 10.1.1.2, key id 1: the fuzzer's source. Node 2 is elsewhere,
// so that a request naming it comes from the wrong source.
constexpr std::uint32_t kNodeId = 1;
constexpr std::uint32_t kKeyId = 1;

handoff::Key node_key() {
  handoff::Key key{};
  for (std::size_t i = 0; i < key.size(); i++) {
    key.at(i) = static_cast<std::uint8_t>(i);
  }
  return key;
}

Endpoint ipv4(std::uint8_t last, std::uint16_t port) {
  Endpoint endpoint;
  endpoint.family = AF_INET;
  endpoint.address = {10, 1, 1, last};
  endpoint.port = port;
  return endpoint;
}

const Endpoint kNode = ipv4(2, 0);
const Endpoint kSource = ipv4(2, 40000);

std::vector<knitsd::NodeConfig> nodes() {
  handoff::Key other = node_key();
  other[0] ^= 0xffU;
  return {knitsd::NodeConfig{kNodeId, kNode, {{kKeyId, node_key()}}},
          knitsd::NodeConfig{2, ipv4(3, 0), {{kKeyId, other}}}};
}

// Every splice succeeds, at a switch point derived from the request.
class OkKernel : public knitsd::Kernel {
 public:
  knits::genl::SpliceReply splice(const knits::genl::SpliceRequest& request) override {
    calls++;
    return knits::genl::SpliceReply{KNITS_SPLICE_OK, request.t ^ 0x5a5a5a5aU};
  }
  std::uint32_t prepare(const knits::genl::SpliceConnection& /*c1*/) override {
    prepares++;
    return KNITS_SPLICE_OK;
  }

  std::size_t calls = 0;
  std::size_t prepares = 0;
};

std::size_t body_size(std::uint8_t type) {
  switch (type) {
    case KNITS_HANDOFF_SPLICE:
      return handoff::kSpliceBodySize;
    case KNITS_HANDOFF_PREPARE:
      return handoff::kPrepareBodySize;
    default:
      return handoff::kAnswerBodySize;
  }
}

// The frame's parts are the datagram's, where the uapi puts them.
void check_frame(Bytes datagram, const handoff::Frame& frame, handoff::Expect expect) {
  const std::uint8_t type = frame.header.type;
  if (expect == handoff::Expect::kRequest) {
    CHECK(type == KNITS_HANDOFF_SPLICE || type == KNITS_HANDOFF_PREPARE);
  } else {
    CHECK(type == KNITS_HANDOFF_ANSWER);
  }
  CHECK(datagram.size() == handoff::kHeaderSize + body_size(type) + kTagLen);
  CHECK(datagram.size() <= KNITS_HANDOFF_MAX_LEN);
  CHECK(frame.signed_bytes.data() == datagram.data());
  CHECK(frame.signed_bytes.size() == datagram.size() - kTagLen);
  CHECK(frame.body.data() == datagram.data() + handoff::kHeaderSize);
  CHECK(frame.body.size() == body_size(type));
  CHECK(std::equal(frame.tag.begin(), frame.tag.end(), datagram.last(kTagLen).begin()));
  CHECK(datagram[4] == KNITS_HANDOFF_VERSION && datagram[5] == type);
  CHECK((std::uint32_t{datagram[8]} << 24 | std::uint32_t{datagram[9]} << 16 |
         std::uint32_t{datagram[10]} << 8 | std::uint32_t{datagram[11]}) == frame.header.node_id);
}

// @body, written into a message and read again, is @body: what knitsd
// reads is what a node meant.
template <typename T>
void check_rewrite(const handoff::Header& header, const T& body, handoff::Expect expect,
                   std::optional<T> (*read)(Bytes)) {
  const std::vector<std::uint8_t> again = handoff::write_message(header, body, node_key(), kNode);
  const auto frame = handoff::read_frame(again, expect);
  CHECK(std::holds_alternative<handoff::Frame>(frame));
  CHECK(std::get<handoff::Frame>(frame).header == header);
  CHECK(read(std::get<handoff::Frame>(frame).body) == body);
}

std::optional<handoff::Answer> read_answer(Bytes body) { return handoff::read_answer(body); }

void check_body(const handoff::Frame& frame) {
  switch (frame.header.type) {
    case KNITS_HANDOFF_SPLICE:
      if (const auto splice = handoff::read_splice(frame.body)) {
        CHECK(splice->c1.local.family == splice->c1.peer.family);
        CHECK(splice->c1.local.family == splice->c2.local.family);
        CHECK(splice->c2.local.family == splice->c2.peer.family);
        check_rewrite(frame.header, *splice, handoff::Expect::kRequest, handoff::read_splice);
      }
      break;
    case KNITS_HANDOFF_PREPARE:
      if (const auto prepare = handoff::read_prepare(frame.body)) {
        CHECK(prepare->c1.local.family == prepare->target.family);
        check_rewrite(frame.header, *prepare, handoff::Expect::kRequest, handoff::read_prepare);
      }
      break;
    default:
      check_rewrite(frame.header, handoff::read_answer(frame.body), handoff::Expect::kAnswer,
                    read_answer);
      break;
  }
}

bool is_node(Endpoint local) {
  local.port = 0;
  return local == kNode;
}

// The status knitsd must give an authenticated request, worked out apart
// from handoff_service.cc.
std::uint32_t expected_status(const handoff::Frame& frame, std::uint64_t& p) {
  if (frame.header.type == KNITS_HANDOFF_SPLICE) {
    const auto splice = handoff::read_splice(frame.body);
    if (!splice) {
      return KNITS_HANDOFF_BAD_REQUEST;
    }
    if (!is_node(splice->c1.local) || !is_node(splice->c2.local)) {
      return KNITS_HANDOFF_NOT_OWNER;
    }
    p = splice->t ^ 0x5a5a5a5aU;
    return KNITS_HANDOFF_OK;
  }
  const auto prepare = handoff::read_prepare(frame.body);
  if (!prepare) {
    return KNITS_HANDOFF_BAD_REQUEST;
  }
  return is_node(prepare->c1.local) ? KNITS_HANDOFF_OK : KNITS_HANDOFF_NOT_OWNER;
}

std::uint64_t total(const knitsd::Counters& counters) {
  std::uint64_t n = 0;
  for (const std::uint64_t d : counters.drops) {
    n += d;
  }
  for (const auto& [status, count] : counters.splice_answers) {
    n += count;
  }
  for (const auto& [status, count] : counters.prepare_answers) {
    n += count;
  }
  return n;
}

// One new service takes @datagram from the node, twice.
void check_service(Bytes datagram) {
  OkKernel kernel;
  knitsd::HandoffService service(nodes(), knitsd::HandoffLimits{}, kernel, kNow);
  const std::optional<std::vector<std::uint8_t>> answer = service.handle(datagram, kSource, kNow);
  // exactly one outcome, counted once
  CHECK(total(service.counters()) == 1 && service.counters().resent == 0);
  CHECK(kernel.calls <= 1);

  const auto read = handoff::read_frame(datagram, handoff::Expect::kRequest);
  const auto* request = std::get_if<handoff::Frame>(&read);
  const bool authentic =
      request != nullptr && request->header.node_id == kNodeId &&
      request->header.key_id == kKeyId &&
      handoff::tag_verifies(node_key(), kNode, request->signed_bytes, request->tag) &&
      (request->header.counter > kRealtime
           ? request->header.counter - kRealtime
           : kRealtime - request->header.counter) <= KNITS_HANDOFF_FRESH_NS;
  // Every request that authenticates gets an answer, and nothing else does.
  CHECK(answer.has_value() == authentic);
  if (!answer) {
    CHECK(kernel.calls == 0 && kernel.prepares == 0);
    return;
  }

  const auto reply = handoff::read_frame(*answer, handoff::Expect::kAnswer);
  CHECK(std::holds_alternative<handoff::Frame>(reply));
  const auto& frame = std::get<handoff::Frame>(reply);
  handoff::Header echoed = request->header;
  echoed.type = KNITS_HANDOFF_ANSWER;
  CHECK(frame.header == echoed);
  CHECK(handoff::tag_verifies(node_key(), kNode, frame.signed_bytes, frame.tag));
  std::uint64_t p = 0;
  const std::uint32_t status = expected_status(*request, p);
  CHECK(handoff::read_answer(frame.body) == (handoff::Answer{status, p}));
  CHECK(kernel.calls ==
        (request->header.type == KNITS_HANDOFF_SPLICE && status == KNITS_HANDOFF_OK ? 1U : 0U));
  // the kernel answers every prepare it is asked OK
  CHECK(kernel.prepares ==
        (request->header.type == KNITS_HANDOFF_PREPARE && status == KNITS_HANDOFF_OK ? 1U : 0U));

  // Sent again: the same answer, and no second splice.
  const std::size_t calls = kernel.calls;
  const std::size_t prepares = kernel.prepares;
  CHECK(service.handle(datagram, kSource, kNow) == answer);
  CHECK(kernel.calls == calls && kernel.prepares == prepares);
  CHECK(service.counters().resent == 1);
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): libFuzzer's name
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) {
    return -1;
  }
  // Exactly `size` bytes on the heap: AddressSanitizer sees any access
  // beyond them.
  std::vector<std::uint8_t> datagram(data, data + size);
  for (const handoff::Expect expect : {handoff::Expect::kRequest, handoff::Expect::kAnswer}) {
    const auto read = handoff::read_frame(datagram, expect);
    if (const auto* frame = std::get_if<handoff::Frame>(&read)) {
      check_frame(datagram, *frame, expect);
      check_body(*frame);
    }
  }
  check_service(datagram);

  // The same datagram with a tag that verifies for node 1.
  const auto read = handoff::read_frame(datagram, handoff::Expect::kRequest);
  if (const auto* frame = std::get_if<handoff::Frame>(&read)) {
    const handoff::Tag tag = handoff::make_tag(node_key(), kNode, frame->signed_bytes);
    std::copy(tag.begin(), tag.end(),
              datagram.begin() + static_cast<std::ptrdiff_t>(datagram.size() - kTagLen));
    check_service(datagram);
  }
  return 0;
}
