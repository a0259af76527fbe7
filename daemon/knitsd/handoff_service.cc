// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/handoff_service.h"

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <exception>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <variant>
#include <vector>

#include "genl/endpoint.h"
#include "genl/error.h"
#include "genl/splice.h"
#include "handoff/key.h"
#include "handoff/wire.h"
#include "knits.h"
#include "knits_handoff.h"

namespace knits::knitsd {
namespace {

Drop frame_drop(handoff::FrameError error) {
  switch (error) {
    case handoff::FrameError::kTruncated:
      return Drop::kTruncated;
    case handoff::FrameError::kOversized:
      return Drop::kOversized;
    case handoff::FrameError::kBadMagic:
      return Drop::kBadMagic;
    case handoff::FrameError::kBadVersion:
      return Drop::kBadVersion;
    case handoff::FrameError::kBadType:
      return Drop::kBadType;
    case handoff::FrameError::kBadLength:
      break;
  }
  return Drop::kBadLength;
}

genl::Endpoint without_port(genl::Endpoint endpoint) {
  endpoint.port = 0;
  return endpoint;
}

void add_since(Counters::KernelTime& time, std::chrono::steady_clock::time_point start) {
  time.calls++;
  time.ns += static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count());
}

// @call's result; its time is added to @time, whether it answers or throws.
template <typename Call>
auto timed(Counters::KernelTime& time, Call call) {
  const auto start = std::chrono::steady_clock::now();
  try {
    auto result = call();
    add_since(time, start);
    return result;
  } catch (...) {
    add_since(time, start);
    throw;
  }
}

// A kernel refusal (enum knits_splice_status) as the node is told it; a
// status beyond the kernel's range is not an answer knitsd can pass on.
std::uint32_t kernel_refusal(std::uint32_t status) {
  return status > KNITS_HANDOFF_KERNEL_REFUSED_LAST ? std::uint32_t{KNITS_HANDOFF_KERNEL_ERROR}
                                                    : status;
}

bool is_node(const genl::Endpoint& local, const genl::Endpoint& node) {
  return without_port(local) == node;
}

std::uint64_t distance(std::uint64_t a, std::uint64_t b) { return a > b ? a - b : b - a; }

}  // namespace

Now Now::current() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Now{TokenBucket::Clock::now(),
             static_cast<std::uint64_t>(
                 std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count())};
}

HandoffService::HandoffService(const std::vector<NodeConfig>& nodes, const HandoffLimits& limits,
                               Kernel& kernel, Now now)
    : kernel_(kernel) {
  reconfigure(nodes, limits, now);
}

void HandoffService::reconfigure(const std::vector<NodeConfig>& nodes, const HandoffLimits& limits,
                                 Now now) {
  std::map<std::uint32_t, Node> kept;
  by_address_.clear();
  for (const NodeConfig& config : nodes) {
    NodeConfig node = config;
    node.address = without_port(node.address);
    by_address_.emplace(node.address, node.id);
    auto old = nodes_.find(node.id);
    if (old != nodes_.end()) {
      old->second.config = node;
      kept.insert(nodes_.extract(old));
      continue;
    }
    kept.emplace(node.id, Node{node, TokenBucket(limits.rate, limits.burst, now.steady),
                               ReplayWindow(), AnswerCache(limits.answer_cache)});
  }
  nodes_ = std::move(kept);
}

std::optional<std::vector<std::uint8_t>> HandoffService::handle(
    std::span<const std::uint8_t> datagram, const genl::Endpoint& source, Now now) {
  const auto from = by_address_.find(without_port(source));
  if (from == by_address_.end()) {
    counters_.count(Drop::kUnknownSource);
    return std::nullopt;
  }
  Node& sender = nodes_.at(from->second);
  if (!sender.bucket.take(now.steady)) {
    counters_.count(Drop::kRateLimited);
    return std::nullopt;
  }
  const std::variant<handoff::Frame, handoff::FrameError> read =
      handoff::read_frame(datagram, handoff::Expect::kRequest);
  if (const auto* error = std::get_if<handoff::FrameError>(&read)) {
    counters_.count(frame_drop(*error));
    return std::nullopt;
  }
  const auto& frame = std::get<handoff::Frame>(read);
  const auto named = nodes_.find(frame.header.node_id);
  if (named == nodes_.end()) {
    counters_.count(Drop::kUnknownNode);
    return std::nullopt;
  }
  if (named->first != sender.config.id) {
    counters_.count(Drop::kWrongSource);
    return std::nullopt;
  }
  const auto key = sender.config.keys.find(frame.header.key_id);
  if (key == sender.config.keys.end()) {
    counters_.count(Drop::kUnknownKey);
    return std::nullopt;
  }
  if (!handoff::tag_verifies(key->second, sender.config.address, frame.signed_bytes, frame.tag)) {
    counters_.count(Drop::kBadMac);
    return std::nullopt;
  }
  if (const AnswerCache::Entry* cached = sender.answers.find(frame.header.request_id)) {
    if (cached->request_tag == frame.tag) {
      counters_.resent++;
      return cached->answer;
    }
    // another request under an id already answered
    counters_.count(Drop::kReplayed);
    return std::nullopt;
  }
  if (distance(frame.header.counter, now.realtime_ns) > KNITS_HANDOFF_FRESH_NS) {
    counters_.count(Drop::kStale);
    return std::nullopt;
  }
  if (!sender.replay.fresh(frame.header.counter)) {
    counters_.count(Drop::kReplayed);
    return std::nullopt;
  }
  sender.replay.accept(frame.header.counter);

  handoff::Answer answer;
  if (frame.header.type == KNITS_HANDOFF_SPLICE) {
    std::optional<genl::SpliceRequest> request = handoff::read_splice(frame.body);
    answer.status =
        request ? splice(sender, *request, answer.p) : std::uint32_t{KNITS_HANDOFF_BAD_REQUEST};
    counters_.splice_answers[answer.status]++;
  } else {
    std::optional<handoff::Prepare> request = handoff::read_prepare(frame.body);
    answer.status = request ? prepare(sender, *request) : std::uint32_t{KNITS_HANDOFF_BAD_REQUEST};
    counters_.prepare_answers[answer.status]++;
  }
  handoff::Header header = frame.header;
  header.type = KNITS_HANDOFF_ANSWER;
  std::vector<std::uint8_t> message =
      handoff::write_message(header, answer, key->second, sender.config.address);
  sender.answers.add(frame.header.request_id, AnswerCache::Entry{frame.tag, message});
  return message;
}

std::uint32_t HandoffService::splice(const Node& node, const genl::SpliceRequest& request,
                                     std::uint64_t& p) {
  // The node may hand off only what it serves, onto what it opened: the
  // kernel then checks that c1 is bound to it and c2 comes from it.
  if (!is_node(request.c1.local, node.config.address) ||
      !is_node(request.c2.local, node.config.address)) {
    return KNITS_HANDOFF_NOT_OWNER;
  }
  try {
    const genl::SpliceReply reply =
        timed(counters_.splice_kernel, [&] { return kernel_.splice(request); });
    if (reply.status == KNITS_SPLICE_OK && reply.p) {
      p = *reply.p;
      return KNITS_HANDOFF_OK;
    }
    // an OK without P is not an answer knitsd can pass on
    return reply.status == KNITS_SPLICE_OK ? std::uint32_t{KNITS_HANDOFF_KERNEL_ERROR}
                                           : kernel_refusal(reply.status);
  } catch (const std::exception&) {
    return KNITS_HANDOFF_KERNEL_ERROR;
  }
}

std::uint32_t HandoffService::prepare(const Node& node, const handoff::Prepare& prepare) {
  // As for a splice, and the kernel checks c1 (it may change before the
  // splice, which is checked again in full).
  if (!is_node(prepare.c1.local, node.config.address)) {
    return KNITS_HANDOFF_NOT_OWNER;
  }
  try {
    const std::uint32_t status =
        timed(counters_.prepare_kernel, [&] { return kernel_.prepare(prepare.c1); });
    return status == KNITS_SPLICE_OK ? std::uint32_t{KNITS_HANDOFF_OK} : kernel_refusal(status);
  } catch (const genl::Error& e) {
    // a module before ABI 5 has no KNITS_CMD_PREPARE: knitsd's own check
    // is all there is, as it was
    return e.errnum() == EOPNOTSUPP ? std::uint32_t{KNITS_HANDOFF_OK}
                                    : std::uint32_t{KNITS_HANDOFF_KERNEL_ERROR};
  } catch (const std::exception&) {
    return KNITS_HANDOFF_KERNEL_ERROR;
  }
}

}  // namespace knits::knitsd
