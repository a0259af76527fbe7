// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's request pipeline (daemon/knitsd/handoff_service.h) against a
// fake kernel, with explicit clocks: who gets an answer and which one,
// every drop counted once under its own reason with no answer and no
// kernel call, resends answered from the cache, and reloads.

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "genl/error.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "handoff/wire.h"
#include "handoff_requests.h"
#include "knits.h"
#include "knits_handoff.h"
#include "knitsd/counters.h"
#include "knitsd/handoff_service.h"
#include "knitsd/kernel.h"

namespace {

using knits::genl::Endpoint;
using knits::genl::parse_endpoint;
using knits::genl::SpliceReply;
using knits::genl::SpliceRequest;
using knits::handoff::Answer;
using knits::handoff::Body;
using knits::handoff::Expect;
using knits::handoff::Frame;
using knits::handoff::FrameError;
using knits::handoff::Header;
using knits::handoff::Key;
using knits::handoff::Prepare;
using knits::knitsd::Counters;
using knits::knitsd::Drop;
using knits::knitsd::drop_name;
using knits::knitsd::HandoffLimits;
using knits::knitsd::HandoffService;
using knits::knitsd::NodeConfig;
using knits::knitsd::Now;
using std::chrono::seconds;

using Bytes = std::vector<std::uint8_t>;
using Statuses = std::map<std::uint32_t, std::uint64_t>;

constexpr std::size_t kTagLen = KNITS_HANDOFF_TAG_LEN;
constexpr std::uint64_t kSecond = 1'000'000'000;

// A kernel that records every splice and prepare asked of it and answers
// as told.
class FakeKernel : public knits::knitsd::Kernel {
 public:
  enum class Failure { kNone, kGenlError, kRuntimeError, kNoSuchCommand };

  SpliceReply splice(const SpliceRequest& request) override {
    calls.push_back(request);
    fail_as_told();
    return reply;
  }

  std::uint32_t prepare(const knits::genl::SpliceConnection& c1) override {
    prepare_calls.push_back(c1);
    fail_as_told();
    return prepare_status;
  }

  std::vector<SpliceRequest> calls;
  std::vector<knits::genl::SpliceConnection> prepare_calls;
  SpliceReply reply{KNITS_SPLICE_OK, 4242};
  std::uint32_t prepare_status = KNITS_SPLICE_OK;
  Failure failure = Failure::kNone;

 private:
  void fail_as_told() const {
    switch (failure) {
      case Failure::kGenlError:
        throw knits::genl::Error(ENOENT, "the knits family is not there");
      case Failure::kRuntimeError:
        throw std::runtime_error("netlink socket closed");
      case Failure::kNoSuchCommand:
        throw knits::genl::Error(EOPNOTSUPP, "the knits module has no such command");
      case Failure::kNone:
        break;
    }
  }
};

Endpoint address(std::string_view text) {
  return knits::genl::parse_address_and_optional_port(text).endpoint;
}

Endpoint without_port(Endpoint endpoint) {
  endpoint.port = 0;
  return endpoint;
}

Key key(std::uint8_t seed) {
  Key k{};
  for (std::size_t i = 0; i < k.size(); i++) {
    k.at(i) = static_cast<std::uint8_t>(seed + i);
  }
  return k;
}

// Node 1 has two keys, so that the answer's key can be told apart.
const Key kNode1Key1 = key(0x10);
const Key kNode1Key2 = key(0x50);
const Key kNode2Key = key(0x20);
const Key kNode3Key = key(0x30);
const Endpoint kNode1 = address("10.1.1.2");
const Endpoint kNode2 = address("10.1.1.3");
const Endpoint kNode3 = address("fd01::2");
// where the nodes send from: their address, any port
const Endpoint kFromNode1 = parse_endpoint("10.1.1.2:40123");
const Endpoint kFromNode2 = parse_endpoint("10.1.1.3:40123");
const Endpoint kFromNode3 = parse_endpoint("[fd01::2]:40123");

std::vector<NodeConfig> nodes() {
  return {NodeConfig{1, kNode1, {{1, kNode1Key1}, {2, kNode1Key2}}},
          NodeConfig{2, kNode2, {{1, kNode2Key}}}, NodeConfig{3, kNode3, {{1, kNode3Key}}}};
}

// 2027, and a steady clock an hour after its epoch.
constexpr std::uint64_t kRealtime = 1'800'000'000'000'000'000;
const Now kNow{knits::knitsd::TokenBucket::Clock::time_point{} + std::chrono::hours(1), kRealtime};

Now later(const Now& now, seconds by) {
  return Now{now.steady + by, now.realtime_ns + static_cast<std::uint64_t>(by.count()) * kSecond};
}

SpliceRequest node1_splice() {
  return node_splice("10.1.1.2", "10.0.0.5:40000", "10.1.2.3:80", 300, 1200);
}

Prepare node1_prepare() { return node_prepare("10.1.1.2", "10.0.0.5:40000", "10.1.2.3:80"); }

// One request as a node writes it; the defaults are node 1's valid splice.
struct Request {
  std::uint32_t node_id = 1;
  std::uint32_t key_id = 1;
  std::uint64_t request_id = 1;
  std::uint64_t counter = kRealtime;
  Body body = node1_splice();
  Key key = kNode1Key1;
  // the address the tag is made for
  Endpoint signer = kNode1;
};

Bytes bytes(const Request& r) {
  return knits::handoff::write_message(Header{0, r.node_id, r.key_id, r.request_id, r.counter},
                                       r.body, r.key, r.signer);
}

// @datagram, changed, tagged again with @r's key so that only the change
// is wrong with it.
Bytes retagged(Bytes datagram, const Request& r) {
  const std::size_t signed_size = datagram.size() - kTagLen;
  const knits::handoff::Tag tag =
      knits::handoff::make_tag(r.key, r.signer, std::span(datagram).first(signed_size));
  std::copy(tag.begin(), tag.end(), datagram.begin() + static_cast<std::ptrdiff_t>(signed_size));
  return datagram;
}

// The answer @datagram gives to @r, when it is one: an answer frame that
// repeats r's header, tagged with r's key for @node.
std::optional<Answer> answer_to(const Request& r, const std::optional<Bytes>& datagram,
                                const Endpoint& node = kNode1) {
  if (!datagram) {
    ADD_FAILURE() << "no answer";
    return std::nullopt;
  }
  const std::variant<Frame, FrameError> read =
      knits::handoff::read_frame(*datagram, Expect::kAnswer);
  const Frame* frame = std::get_if<Frame>(&read);
  if (frame == nullptr) {
    ADD_FAILURE() << "the answer does not read as one";
    return std::nullopt;
  }
  EXPECT_EQ(frame->header,
            (Header{KNITS_HANDOFF_ANSWER, r.node_id, r.key_id, r.request_id, r.counter}));
  if (!knits::handoff::tag_verifies(r.key, node, frame->signed_bytes, frame->tag)) {
    ADD_FAILURE() << "the answer's tag does not verify with the request's key";
    return std::nullopt;
  }
  return knits::handoff::read_answer(frame->body);
}

constexpr std::size_t kDrops = static_cast<std::size_t>(Drop::kCount);

class HandoffServiceTest : public ::testing::Test {
 protected:
  HandoffServiceTest() { restart(HandoffLimits{}); }

  void restart(const HandoffLimits& limits) { service_.emplace(nodes(), limits, kernel_, kNow); }

  std::optional<Bytes> handle(std::span<const std::uint8_t> datagram,
                              const Endpoint& source = kFromNode1, Now now = kNow) {
    return service_->handle(datagram, source, now);
  }

  // The answer to @r, sent from @source at @now.
  std::optional<Answer> answer(const Request& r, const Endpoint& source = kFromNode1,
                               Now now = kNow) {
    return answer_to(r, handle(bytes(r), source, now), without_port(source));
  }

  // @datagram from @source is dropped for @reason: counted under it and
  // nothing else, no answer, no kernel call.
  void expect_dropped(Drop reason, std::span<const std::uint8_t> datagram,
                      const Endpoint& source = kFromNode1, Now now = kNow) {
    const Counters before = service_->counters();
    const std::size_t calls = kernel_.calls.size();
    EXPECT_EQ(service_->handle(datagram, source, now), std::nullopt)
        << "answered, not dropped as " << drop_name(reason);
    const Counters& after = service_->counters();
    for (std::size_t i = 0; i < kDrops; i++) {
      const auto drop = static_cast<Drop>(i);
      EXPECT_EQ(after.of(drop), before.of(drop) + (drop == reason ? 1U : 0U))
          << "expected one " << drop_name(reason) << "; " << drop_name(drop) << " is off";
    }
    EXPECT_EQ(after.resent, before.resent);
    EXPECT_EQ(after.splice_answers, before.splice_answers);
    EXPECT_EQ(after.prepare_answers, before.prepare_answers);
    EXPECT_EQ(kernel_.calls.size(), calls) << "the kernel was asked for " << drop_name(reason);
  }

  [[nodiscard]] const Counters& counters() const { return service_->counters(); }

  FakeKernel kernel_;
  std::optional<HandoffService> service_;
};

std::uint64_t total_drops(const Counters& counters) {
  std::uint64_t n = 0;
  for (const std::uint64_t d : counters.drops) {
    n += d;
  }
  return n;
}

// ---- answered requests

TEST_F(HandoffServiceTest, AValidSpliceGetsTheKernelsSwitchPoint) {
  const Request r;
  const std::optional<Answer> a = answer(r);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_OK);
  EXPECT_EQ(a->p, 4242U);
  ASSERT_EQ(kernel_.calls.size(), 1U);
  EXPECT_EQ(kernel_.calls[0], node1_splice());
  EXPECT_EQ(counters().splice_answers, (Statuses{{KNITS_HANDOFF_OK, 1}}));
  EXPECT_TRUE(counters().prepare_answers.empty());
  EXPECT_EQ(total_drops(counters()), 0U);
  EXPECT_EQ(counters().resent, 0U);
  // the kernel's share of the exchange is timed (the benchmark's kernel_apply)
  EXPECT_EQ(counters().splice_kernel.calls, 1U);
  EXPECT_EQ(counters().prepare_kernel.calls, 0U);
}

TEST_F(HandoffServiceTest, TheAnswerIsTaggedWithTheKeyTheRequestUsed) {
  Request r;
  r.key_id = 2;
  r.key = kNode1Key2;
  const std::optional<Bytes> datagram = handle(bytes(r));
  ASSERT_TRUE(datagram);
  const std::optional<Answer> a = answer_to(r, datagram);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_OK);
  // and not with the node's other key
  const auto read = knits::handoff::read_frame(*datagram, Expect::kAnswer);
  ASSERT_TRUE(std::holds_alternative<Frame>(read));
  const auto& frame = std::get<Frame>(read);
  EXPECT_FALSE(knits::handoff::tag_verifies(kNode1Key1, kNode1, frame.signed_bytes, frame.tag));
}

// The answer goes to the node's address and is tagged for it: an answer
// redirected to another node does not verify there.
TEST_F(HandoffServiceTest, TheAnswerIsTaggedForTheNodesAddress) {
  const Request r;
  const std::optional<Bytes> datagram = handle(bytes(r));
  ASSERT_TRUE(datagram);
  const auto read = knits::handoff::read_frame(*datagram, Expect::kAnswer);
  ASSERT_TRUE(std::holds_alternative<Frame>(read));
  const auto& frame = std::get<Frame>(read);
  EXPECT_TRUE(knits::handoff::tag_verifies(r.key, kNode1, frame.signed_bytes, frame.tag));
  EXPECT_FALSE(knits::handoff::tag_verifies(r.key, kNode2, frame.signed_bytes, frame.tag));
}

TEST_F(HandoffServiceTest, AnIpv6NodeIsServed) {
  Request r;
  r.node_id = 3;
  r.key = kNode3Key;
  r.signer = kNode3;
  r.body = node_splice("[fd01::2]", "[fd00::5]:40000", "[fd01::3]:80", 0, 0);
  const std::optional<Answer> a = answer_to(r, handle(bytes(r), kFromNode3), kNode3);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_OK);
  ASSERT_EQ(kernel_.calls.size(), 1U);
  EXPECT_EQ(kernel_.calls[0], std::get<SpliceRequest>(r.body));
}

// A node resends until it hears back: the resend must not splice again,
// and must get the very answer the first one got, whatever the kernel
// would say now.
TEST_F(HandoffServiceTest, ARequestSentAgainGetsTheSameBytesWithoutASecondSplice) {
  const Request r;
  const std::optional<Bytes> first = handle(bytes(r));
  ASSERT_TRUE(first);
  kernel_.reply = SpliceReply{KNITS_SPLICE_NO_C1, std::nullopt};
  const std::optional<Bytes> second = handle(bytes(r), kFromNode1, later(kNow, seconds(1)));
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(kernel_.calls.size(), 1U);
  EXPECT_EQ(counters().resent, 1U);
  EXPECT_EQ(counters().splice_answers, (Statuses{{KNITS_HANDOFF_OK, 1}}));
  EXPECT_EQ(total_drops(counters()), 0U);
}

TEST_F(HandoffServiceTest, AnyPortOfTheNodesAddressIsTheNode) {
  EXPECT_TRUE(answer(Request{}, parse_endpoint("10.1.1.2:1")));
  Request r;
  r.request_id = 2;
  r.counter++;
  EXPECT_TRUE(answer(r, parse_endpoint("10.1.1.2:65535")));
}

// ---- drops, in the order knitsd checks

TEST_F(HandoffServiceTest, ADatagramFromAnUnknownSourceIsDroppedBeforeAnythingElse) {
  expect_dropped(Drop::kUnknownSource, bytes(Request{}), parse_endpoint("10.1.1.9:40123"));
  // not even read: garbage from there is no truncated datagram
  expect_dropped(Drop::kUnknownSource, Bytes{1, 2, 3}, parse_endpoint("10.1.1.9:40123"));
  // an IPv6 address whose last bytes are node 1's is not node 1
  expect_dropped(Drop::kUnknownSource, bytes(Request{}), parse_endpoint("[::a01:102]:40123"));
}

TEST_F(HandoffServiceTest, RequestsBeyondTheRateAreDroppedBeforeTheCrypto) {
  HandoffLimits limits;
  limits.rate = 1;
  limits.burst = 1;
  restart(limits);
  ASSERT_TRUE(answer(Request{}));
  Request second;
  second.request_id = 2;
  second.counter++;
  expect_dropped(Drop::kRateLimited, bytes(second));
  // a forgery costs no HMAC either: it is counted as over the rate, not
  // as a bad tag
  Bytes forged = bytes(second);
  forged.back() ^= 1U;
  expect_dropped(Drop::kRateLimited, forged);
  // the limit is per node: node 2 still has its token
  Request other;
  other.node_id = 2;
  other.key = kNode2Key;
  other.signer = kNode2;
  other.body = node_splice("10.1.1.3", "10.0.0.5:40000", "10.1.2.3:80", 0, 0);
  EXPECT_TRUE(answer_to(other, handle(bytes(other), kFromNode2), kNode2));
  // a second later the bucket has a token again, and the dropped request
  // left no trace: it is answered
  const std::optional<Answer> a =
      answer_to(second, handle(bytes(second), kFromNode1, later(kNow, seconds(1))));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_OK);
}

TEST_F(HandoffServiceTest, ATruncatedDatagramIsDropped) {
  const Bytes datagram = bytes(Request{});
  expect_dropped(Drop::kTruncated, std::span(datagram).first(71));
  expect_dropped(Drop::kTruncated, Bytes{});
}

TEST_F(HandoffServiceTest, AnOversizedDatagramIsDropped) {
  Bytes datagram = bytes(Request{});
  datagram.resize(KNITS_HANDOFF_MAX_LEN + 1, 0);
  expect_dropped(Drop::kOversized, datagram);
}

TEST_F(HandoffServiceTest, ABadMagicIsDropped) {
  const Request r;
  Bytes datagram = bytes(r);
  datagram[0] = 'k';
  expect_dropped(Drop::kBadMagic, retagged(datagram, r));
}

TEST_F(HandoffServiceTest, AnotherVersionIsDroppedEvenWhenItsTagVerifies) {
  const Request r;
  Bytes datagram = bytes(r);
  datagram[4] = KNITS_HANDOFF_VERSION + 1;
  expect_dropped(Drop::kBadVersion, retagged(datagram, r));
}

// An answer sent to knitsd, even one knitsd made, is no request: dropping
// it keeps knitsd from answering its own answers.
TEST_F(HandoffServiceTest, AnAnswerSentToKnitsdIsABadType) {
  const Request r;
  const std::optional<Bytes> own_answer = handle(bytes(r));
  ASSERT_TRUE(own_answer);
  expect_dropped(Drop::kBadType, *own_answer);
  Request forged = r;
  forged.request_id = 2;
  forged.body = Answer{};
  expect_dropped(Drop::kBadType, bytes(forged));
}

TEST_F(HandoffServiceTest, ALengthThatDisagreesIsBadLength) {
  const Request r;
  Bytes longer = bytes(r);
  longer.push_back(0);
  expect_dropped(Drop::kBadLength, longer);
  Bytes prepare_type = bytes(r);
  prepare_type[5] = KNITS_HANDOFF_PREPARE;  // with a splice's length
  expect_dropped(Drop::kBadLength, retagged(prepare_type, r));
}

TEST_F(HandoffServiceTest, AnUnknownNodeIdIsDropped) {
  Request r;
  r.node_id = 9;
  expect_dropped(Drop::kUnknownNode, bytes(r));
}

// Node 2 knows node 1's key (or replays node 1's datagram from its own
// address): the request would verify as node 1's, but it does not come
// from node 1's address.
TEST_F(HandoffServiceTest, ARequestNamingAnotherNodeIsTheWrongSource) {
  const Request r;  // node 1's, keyed and tagged as node 1's
  expect_dropped(Drop::kWrongSource, bytes(r), kFromNode2);
  // and node 1 still gets its answer: nothing moved
  EXPECT_TRUE(answer(r));
}

TEST_F(HandoffServiceTest, AKeyIdTheNodeDoesNotHaveIsDropped) {
  Request r;
  r.key_id = 3;
  expect_dropped(Drop::kUnknownKey, bytes(r));
}

TEST_F(HandoffServiceTest, ATagThatDoesNotVerifyIsABadMac) {
  const Request r;
  Bytes flipped_tag = bytes(r);
  flipped_tag.back() ^= 1U;
  expect_dropped(Drop::kBadMac, flipped_tag);

  Bytes flipped_body = bytes(r);
  flipped_body.at(40 + 2) ^= 0x80U;  // c1.local's port
  expect_dropped(Drop::kBadMac, flipped_body);

  Request wrong_key = r;
  wrong_key.key = kNode1Key2;  // key 2's bytes under key id 1
  expect_dropped(Drop::kBadMac, bytes(wrong_key));

  Request for_node2 = r;
  for_node2.signer = kNode2;  // the right key, tagged for another address
  expect_dropped(Drop::kBadMac, bytes(for_node2));
}

// A forgery must not spend the counter of the genuine request.
TEST_F(HandoffServiceTest, ARequestThatFailsItsTagMovesNoReplayState) {
  const Request r;
  Bytes forged = bytes(r);
  forged.back() ^= 1U;
  expect_dropped(Drop::kBadMac, forged);
  const std::optional<Answer> a = answer(r);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_OK);
}

// The cached answer goes only to the request that verifies.
TEST_F(HandoffServiceTest, AForgedResendGetsNoCachedAnswer) {
  const Request r;
  ASSERT_TRUE(answer(r));
  Bytes forged = bytes(r);
  forged.back() ^= 1U;
  expect_dropped(Drop::kBadMac, forged);
}

TEST_F(HandoffServiceTest, ACounterMoreThanThirtySecondsOffIsStale) {
  Request old;
  old.counter = kRealtime - 31 * kSecond;
  expect_dropped(Drop::kStale, bytes(old));
  Request future;
  future.request_id = 2;
  future.counter = kRealtime + 31 * kSecond;
  expect_dropped(Drop::kStale, bytes(future));
  Request zero;
  zero.request_id = 3;
  zero.counter = 0;
  expect_dropped(Drop::kStale, bytes(zero));
}

TEST_F(HandoffServiceTest, ACounterExactlyThirtySecondsOffIsFresh) {
  Request old;
  old.counter = kRealtime - KNITS_HANDOFF_FRESH_NS;
  EXPECT_TRUE(answer(old));
  Request future;
  future.request_id = 2;
  future.counter = kRealtime + KNITS_HANDOFF_FRESH_NS;
  EXPECT_TRUE(answer(future));
  Request beyond;
  beyond.request_id = 3;
  beyond.counter = kRealtime + KNITS_HANDOFF_FRESH_NS + 1;
  expect_dropped(Drop::kStale, bytes(beyond));
}

TEST_F(HandoffServiceTest, ANewRequestIdWithAnAcceptedCounterIsAReplay) {
  const Request r;
  ASSERT_TRUE(answer(r));
  Request again = r;
  again.request_id = 2;
  expect_dropped(Drop::kReplayed, bytes(again));
}

// A request id names one request: another request under an id already
// answered is neither answered from the cache nor spliced.
TEST_F(HandoffServiceTest, ADifferentRequestUnderAnAnsweredIdIsAReplay) {
  const Request r;
  ASSERT_TRUE(answer(r));
  Request other = r;
  other.counter++;
  std::get<SpliceRequest>(other.body).t = 400;
  expect_dropped(Drop::kReplayed, bytes(other));
}

TEST_F(HandoffServiceTest, ReplayWindowsArePerNode) {
  ASSERT_TRUE(answer(Request{}));
  Request other;  // node 2, with node 1's counter and request id
  other.node_id = 2;
  other.key = kNode2Key;
  other.signer = kNode2;
  other.body = node_splice("10.1.1.3", "10.0.0.5:40000", "10.1.2.3:80", 0, 0);
  const std::optional<Answer> a = answer_to(other, handle(bytes(other), kFromNode2), kNode2);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_OK);
  EXPECT_EQ(kernel_.calls.size(), 2U);
}

// ---- answered with a refusal

TEST_F(HandoffServiceTest, ASpliceOfAnotherAddresssConnectionIsNotOwner) {
  std::uint64_t id = 0;
  for (const bool c1 : {true, false}) {
    for (const char* local : {"10.1.1.9:80", "10.1.1.3:80"}) {  // nobody's, node 2's
      SpliceRequest splice = node1_splice();
      (c1 ? splice.c1.local : splice.c2.local) = parse_endpoint(local);
      Request r;
      r.request_id = ++id;
      r.counter += id;
      r.body = splice;
      const std::optional<Answer> a = answer(r);
      ASSERT_TRUE(a) << (c1 ? "c1 " : "c2 ") << local;
      EXPECT_EQ(a->status, KNITS_HANDOFF_NOT_OWNER) << (c1 ? "c1 " : "c2 ") << local;
      EXPECT_EQ(a->p, 0U);
    }
  }
  EXPECT_TRUE(kernel_.calls.empty());
  EXPECT_EQ(counters().splice_answers, (Statuses{{KNITS_HANDOFF_NOT_OWNER, 4}}));
}

TEST_F(HandoffServiceTest, AZeroPortIsABadRequest) {
  SpliceRequest splice = node1_splice();
  splice.c1.peer.port = 0;
  Request r;
  r.body = splice;
  const std::optional<Answer> a = answer(r);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_BAD_REQUEST);
  EXPECT_TRUE(kernel_.calls.empty());
  EXPECT_EQ(counters().splice_answers, (Statuses{{KNITS_HANDOFF_BAD_REQUEST, 1}}));
}

TEST_F(HandoffServiceTest, AnUnknownFamilyIsABadRequest) {
  const Request r;
  Bytes datagram = bytes(r);
  datagram.at(40 + 20) = 5;  // c1.peer's family
  const std::optional<Answer> a = answer_to(r, handle(retagged(datagram, r)));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_BAD_REQUEST);
  EXPECT_TRUE(kernel_.calls.empty());
}

TEST_F(HandoffServiceTest, AKernelRefusalIsPassedOnAsItsStatus) {
  std::uint64_t id = 1;
  for (const std::uint32_t status :
       {std::uint32_t{KNITS_SPLICE_NO_C1}, std::uint32_t{KNITS_SPLICE_C2_NOT_FRESH},
        std::uint32_t{KNITS_SPLICE_STATUS_MAX},
        // one a newer module may have: still a refusal in the kernel's range
        std::uint32_t{KNITS_HANDOFF_KERNEL_REFUSED_LAST}}) {
    kernel_.reply = SpliceReply{status, std::nullopt};
    Request r;
    r.request_id = id;
    r.counter += id++;
    const std::optional<Answer> a = answer(r);
    ASSERT_TRUE(a) << status;
    EXPECT_EQ(a->status, status);
    EXPECT_EQ(a->p, 0U);
  }
  EXPECT_EQ(kernel_.calls.size(), 4U);
}

// p means something only with OK (uapi): a refusal never carries one.
TEST_F(HandoffServiceTest, ARefusalCarriesNoSwitchPoint) {
  kernel_.reply = SpliceReply{KNITS_SPLICE_BAD_T, 77};
  const std::optional<Answer> a = answer(Request{});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_SPLICE_BAD_T);
  EXPECT_EQ(a->p, 0U);
}

// Replies knitsd cannot pass on: they must not read as OK, nor as one of
// knitsd's own statuses.
TEST_F(HandoffServiceTest, AKernelReplyOutsideTheContractIsAKernelError) {
  std::uint64_t id = 1;
  for (const SpliceReply& reply :
       {SpliceReply{KNITS_SPLICE_OK, std::nullopt},
        SpliceReply{KNITS_HANDOFF_NOT_OWNER, std::nullopt}, SpliceReply{0xffffffff, 5}}) {
    kernel_.reply = reply;
    Request r;
    r.request_id = id;
    r.counter += id++;
    const std::optional<Answer> a = answer(r);
    ASSERT_TRUE(a) << reply.status;
    EXPECT_EQ(a->status, KNITS_HANDOFF_KERNEL_ERROR) << reply.status;
    EXPECT_EQ(a->p, 0U);
  }
}

TEST_F(HandoffServiceTest, AKernelThatCannotBeAskedIsAKernelError) {
  kernel_.failure = FakeKernel::Failure::kGenlError;
  const std::optional<Answer> a = answer(Request{});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_KERNEL_ERROR);

  kernel_.failure = FakeKernel::Failure::kRuntimeError;
  Request r;
  r.request_id = 2;
  r.counter++;
  const std::optional<Answer> b = answer(r);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, KNITS_HANDOFF_KERNEL_ERROR);
  // a call that threw still took the kernel's time
  EXPECT_EQ(counters().splice_kernel.calls, 2U);
  EXPECT_EQ(kernel_.calls.size(), 2U);
  EXPECT_EQ(counters().splice_answers, (Statuses{{KNITS_HANDOFF_KERNEL_ERROR, 2}}));
}

// ---- prepare

TEST_F(HandoffServiceTest, APrepareOfTheNodesConnectionAsksTheKernelAndSplicesNothing) {
  Request r;
  r.body = node1_prepare();
  const std::optional<Answer> a = answer(r);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_OK);
  EXPECT_EQ(a->p, 0U);
  EXPECT_TRUE(kernel_.calls.empty());
  EXPECT_EQ(kernel_.prepare_calls, std::vector{node1_prepare().c1});
  EXPECT_EQ(counters().prepare_answers, (Statuses{{KNITS_HANDOFF_OK, 1}}));
  EXPECT_TRUE(counters().splice_answers.empty());
}

TEST_F(HandoffServiceTest, APrepareIsAnsweredWithTheKernelsRefusal) {
  for (const std::uint32_t status :
       {KNITS_SPLICE_NO_C1, KNITS_SPLICE_NOT_SERVING, KNITS_SPLICE_C1_CLOSED}) {
    kernel_.prepare_status = status;
    Request r;
    r.request_id = status;
    r.counter += status;
    r.body = node1_prepare();
    const std::optional<Answer> a = answer(r);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, status);
  }
  EXPECT_EQ(counters().prepare_answers, (Statuses{{KNITS_SPLICE_NO_C1, 1},
                                                  {KNITS_SPLICE_NOT_SERVING, 1},
                                                  {KNITS_SPLICE_C1_CLOSED, 1}}));
}

TEST_F(HandoffServiceTest, APrepareTheKernelCannotAnswerIsAKernelError) {
  // a status beyond the kernel's range, then netlink failing
  kernel_.prepare_status = KNITS_HANDOFF_KERNEL_REFUSED_LAST + 1;
  Request r;
  r.body = node1_prepare();
  const std::optional<Answer> a = answer(r);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_KERNEL_ERROR);
  kernel_.failure = FakeKernel::Failure::kGenlError;
  r.request_id = 2;
  r.counter++;
  const std::optional<Answer> b = answer(r);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, KNITS_HANDOFF_KERNEL_ERROR);
  EXPECT_EQ(kernel_.prepare_calls.size(), 2U);
  EXPECT_EQ(counters().prepare_answers, (Statuses{{KNITS_HANDOFF_KERNEL_ERROR, 2}}));
}

TEST_F(HandoffServiceTest, APrepareToAModuleWithoutThePrepareCommandIsKnitsdsAnswerAlone) {
  // a module before ABI 5: what knitsd checked itself is the answer
  kernel_.failure = FakeKernel::Failure::kNoSuchCommand;
  Request r;
  r.body = node1_prepare();
  const std::optional<Answer> a = answer(r);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_OK);
  EXPECT_EQ(kernel_.prepare_calls.size(), 1U);
}

TEST_F(HandoffServiceTest, APrepareOfAnotherAddresssConnectionIsNotOwner) {
  Prepare prepare = node1_prepare();
  prepare.c1.local = parse_endpoint("10.1.1.3:80");
  Request r;
  r.body = prepare;
  const std::optional<Answer> a = answer(r);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_NOT_OWNER);
  EXPECT_TRUE(kernel_.calls.empty());
  EXPECT_TRUE(kernel_.prepare_calls.empty());
  EXPECT_EQ(counters().prepare_answers, (Statuses{{KNITS_HANDOFF_NOT_OWNER, 1}}));
}

TEST_F(HandoffServiceTest, APrepareWithAZeroPortIsABadRequest) {
  Prepare prepare = node1_prepare();
  prepare.target.port = 0;
  Request r;
  r.body = prepare;
  const std::optional<Answer> a = answer(r);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, KNITS_HANDOFF_BAD_REQUEST);
}

// ---- reconfigure

TEST_F(HandoffServiceTest, AReloadKeepsANodesReplayWindowAndAnswers) {
  const Request r;
  const std::optional<Bytes> first = handle(bytes(r));
  ASSERT_TRUE(first);
  service_->reconfigure(nodes(), HandoffLimits{}, later(kNow, seconds(1)));
  Request again = r;
  again.request_id = 2;
  expect_dropped(Drop::kReplayed, bytes(again), kFromNode1, later(kNow, seconds(1)));
  EXPECT_EQ(handle(bytes(r), kFromNode1, later(kNow, seconds(1))), first);
  EXPECT_EQ(counters().resent, 1U);
  EXPECT_EQ(kernel_.calls.size(), 1U);
}

TEST_F(HandoffServiceTest, AReloadDropsRemovedNodes) {
  std::vector<NodeConfig> only_node1 = nodes();
  only_node1.resize(1);
  service_->reconfigure(only_node1, HandoffLimits{}, kNow);
  Request from_node2;
  from_node2.node_id = 2;
  from_node2.key = kNode2Key;
  from_node2.signer = kNode2;
  expect_dropped(Drop::kUnknownSource, bytes(from_node2), kFromNode2);
  Request naming_node2;
  naming_node2.node_id = 2;
  expect_dropped(Drop::kUnknownNode, bytes(naming_node2));
  EXPECT_TRUE(answer(Request{}));
}

TEST_F(HandoffServiceTest, AReloadTakesANodesNewKeysAndAddress) {
  std::vector<NodeConfig> changed = nodes();
  changed[0].keys = {{2, kNode1Key2}};
  changed[0].address = address("10.1.1.4");
  service_->reconfigure(changed, HandoffLimits{}, kNow);
  expect_dropped(Drop::kUnknownSource, bytes(Request{}), kFromNode1);

  Request r;
  r.key = kNode1Key2;
  r.signer = address("10.1.1.4");
  r.body = node_splice("10.1.1.4", "10.0.0.5:40000", "10.1.2.3:80", 0, 0);
  expect_dropped(Drop::kUnknownKey, bytes(r), parse_endpoint("10.1.1.4:40123"));
  r.key_id = 2;
  EXPECT_TRUE(
      answer_to(r, handle(bytes(r), parse_endpoint("10.1.1.4:40123")), address("10.1.1.4")));
}

// Documentation/knitsd.md: the rate limits of nodes that stay change only
// with a restart (a reload must not refill a flooded node's bucket); a
// node the reload adds gets the new ones.
TEST_F(HandoffServiceTest, AReloadKeepsTheRateLimitsOfNodesThatStay) {
  HandoffLimits strict;
  strict.rate = 1;
  strict.burst = 1;
  std::vector<NodeConfig> more = nodes();
  more.push_back(NodeConfig{4, address("10.1.1.4"), {{1, kNode2Key}}});
  service_->reconfigure(more, strict, kNow);
  ASSERT_TRUE(answer(Request{}));
  Request second;
  second.request_id = 2;
  second.counter++;
  EXPECT_TRUE(answer(second));  // node 1 still has the default burst

  Request node4;
  node4.node_id = 4;
  node4.key = kNode2Key;
  node4.signer = address("10.1.1.4");
  node4.body = node_splice("10.1.1.4", "10.0.0.5:40000", "10.1.2.3:80", 0, 0);
  const Endpoint from_node4 = parse_endpoint("10.1.1.4:40123");
  EXPECT_TRUE(answer(node4, from_node4));
  node4.request_id = 2;
  node4.counter++;
  expect_dropped(Drop::kRateLimited, bytes(node4), from_node4);
}

}  // namespace
