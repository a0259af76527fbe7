// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "libalrm/descriptor_parse.h"

#include <cstdint>
#include <exception>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "genl/endpoint.h"
#include "genl/hex.h"
#include "knits.h"
#include "libalrm/descriptor.h"
#include "libalrm/primes.h"
#include "libalrm/toml_reader.h"

namespace knits::alrm {
namespace {

// How far into a frame the gateway looks for its length and its key: the
// header bytes it must hold before it can decide where the frame goes.
constexpr std::int64_t kFrameHeaderMax = 256;
constexpr std::int64_t kMaxFrameLimit = 16 << 20;
constexpr std::int64_t kBucketsMax = 65536;

Origin origin_of(const std::string& file, const toml::node& node) {
  return Origin{file, node.source().begin.line, node.source().begin.column};
}

MemberDescriptor read_member(const TomlReader& reader, const std::string& file,
                             const toml::table& table, const genl::Endpoint& vip) {
  reader.only(table, {"address", "weight", "state"}, "a [[service.member]]");
  MemberDescriptor member;
  member.origin = origin_of(file, table);
  member.address = reader.endpoint(table, "address", true);
  if (member.address.family != vip.family) {
    reader.fail(table.get("address")->source(), "a member has the family of its service's vip (" +
                                                    genl::address_to_string(vip) + ")");
  }
  member.weight =
      static_cast<std::uint32_t>(reader.integer(table, "weight", 0, KNITS_WEIGHT_MAX, 1));
  const std::string state = reader.choice(table, "state", {"active", "draining", "down"}, "active");
  member.state = state == "active"     ? MemberState::kActive
                 : state == "draining" ? MemberState::kDraining
                                       : MemberState::kDown;
  return member;
}

Framing read_framing(const TomlReader& reader, const toml::table& table) {
  reader.only(
      table,
      {"length_offset", "length_width", "byte_order", "length_mask", "length_adjust", "max_frame"},
      "[service.framing]");
  Framing framing;
  framing.length_width =
      static_cast<std::uint32_t>(reader.integer(table, "length_width", 1, 4, std::nullopt));
  if (framing.length_width == 3) {
    reader.fail(table.get("length_width")->source(), "\"length_width\" must be 1, 2 or 4");
  }
  framing.length_offset = static_cast<std::uint32_t>(
      reader.integer(table, "length_offset", 0, kFrameHeaderMax - framing.length_width, 0));
  framing.big_endian = reader.choice(table, "byte_order", {"big", "little"}, "big") == "big";
  const std::int64_t width_mask = (std::int64_t{1} << (8 * framing.length_width)) - 1;
  framing.length_mask =
      static_cast<std::uint64_t>(reader.integer(table, "length_mask", 1, width_mask, width_mask));
  framing.length_adjust = static_cast<std::int32_t>(
      reader.integer(table, "length_adjust", -kFrameHeaderMax, kFrameHeaderMax, 0));
  const std::int64_t header = framing.length_offset + framing.length_width;
  framing.max_frame =
      static_cast<std::uint32_t>(reader.integer(table, "max_frame", header, kMaxFrameLimit, 65535));
  return framing;
}

FramePolicy read_policy(const TomlReader& reader, const toml::table& table, std::size_t members) {
  reader.only(table, {"kind", "key_offset", "key_length", "buckets", "window"}, "[service.policy]");
  FramePolicy policy;
  const std::string kind =
      reader.choice(table, "kind", {"round_robin", "hash", "bucket"}, std::nullopt);
  policy.kind = kind == "round_robin" ? PolicyKind::kRoundRobin
                : kind == "hash"      ? PolicyKind::kHash
                                      : PolicyKind::kBucket;
  const bool keyed = policy.kind != PolicyKind::kRoundRobin;
  if (!keyed && (table.contains("key_offset") || table.contains("key_length"))) {
    reader.fail(table.source(), "a round_robin policy has no key");
  }
  if (keyed) {
    policy.key_length = static_cast<std::uint32_t>(
        reader.integer(table, "key_length", 1, kFrameHeaderMax, std::nullopt));
    policy.key_offset = static_cast<std::uint32_t>(
        reader.integer(table, "key_offset", 0, kFrameHeaderMax - policy.key_length, 0));
  }
  const toml::node* buckets = table.get("buckets");
  if ((buckets != nullptr) != (policy.kind == PolicyKind::kBucket)) {
    reader.fail(buckets != nullptr ? buckets->source() : table.source(),
                R"("buckets" goes with kind = "bucket", and only with it)");
  }
  if (buckets != nullptr) {
    const toml::array* array = buckets->as_array();
    if (array == nullptr || array->empty() ||
        array->size() > static_cast<std::size_t>(kBucketsMax)) {
      reader.fail(buckets->source(), "\"buckets\" is an array of 1.." +
                                         std::to_string(kBucketsMax) + " member indexes");
    }
    for (const toml::node& entry : *array) {
      const auto* index = entry.as_integer();
      if (members == 0) {
        reader.fail(entry.source(), "a bucket holds a member's index, and the service has none");
      }
      if (index == nullptr || index->get() < 0 ||
          static_cast<std::uint64_t>(index->get()) >= members) {
        reader.fail(entry.source(), "a bucket holds the index of one of the service's " +
                                        std::to_string(members) + " members (0.." +
                                        std::to_string(members - 1) + ")");
      }
      policy.buckets.push_back(static_cast<std::uint32_t>(index->get()));
    }
  }
  policy.window = reader.choice(table, "window", {"conservative", "optimistic"}, "conservative") ==
                          "conservative"
                      ? WindowMode::kConservative
                      : WindowMode::kOptimistic;
  return policy;
}

Scheduler to_scheduler(const std::string& name) {
  if (name == "rr") {
    return Scheduler::kRr;
  }
  if (name == "wrr") {
    return Scheduler::kWrr;
  }
  if (name == "lc") {
    return Scheduler::kLc;
  }
  return name == "sh" ? Scheduler::kSh : Scheduler::kMh;
}

ServiceDescriptor read_service(const TomlReader& reader, const std::string& file,
                               const toml::table& table) {
  reader.only(table, {"vip", "scheduler", "mh_table_size", "member", "framing", "policy"},
              "a [[service]]");
  ServiceDescriptor service;
  service.origin = origin_of(file, table);
  service.vip = reader.endpoint(table, "vip", true);
  service.scheduler =
      to_scheduler(reader.choice(table, "scheduler", {"rr", "wrr", "lc", "sh", "mh"}, "wrr"));
  if (const toml::node* size = table.get("mh_table_size")) {
    if (service.scheduler != Scheduler::kMh) {
      reader.fail(size->source(), R"("mh_table_size" is for scheduler = "mh" only)");
    }
    const auto value = static_cast<std::uint32_t>(reader.integer(
        table, "mh_table_size", KNITS_MH_TABLE_SIZE_MIN, KNITS_MH_TABLE_SIZE_MAX, std::nullopt));
    if (!is_prime(value)) {
      reader.fail(size->source(), "\"mh_table_size\" must be a prime (" + std::to_string(value) +
                                      " is not; 4093 and 65521 are)");
    }
    service.mh_table_size = value;
  }
  std::set<genl::Endpoint> seen;
  if (const toml::array* members = reader.tables(table, "member", "[[service.member]]")) {
    if (members->size() > KNITS_MAX_MEMBERS) {
      reader.fail(members->source(),
                  "a service has at most " + std::to_string(KNITS_MAX_MEMBERS) + " members");
    }
    for (const toml::node& entry : *members) {
      MemberDescriptor member = read_member(reader, file, *entry.as_table(), service.vip);
      if (!seen.insert(member.address).second) {
        reader.fail(entry.source(),
                    "member " + genl::to_string(member.address) + " twice in this service");
      }
      service.members.push_back(std::move(member));
    }
  }
  const toml::table* framing = reader.table(table, "framing", "[service.framing]");
  const toml::table* policy = reader.table(table, "policy", "[service.policy]");
  if ((framing == nullptr) != (policy == nullptr)) {
    reader.fail(framing != nullptr ? framing->source() : policy->source(),
                "frame switching needs both [service.framing] and [service.policy]");
  }
  if (framing != nullptr) {
    service.framing = read_framing(reader, *framing);
    service.policy = read_policy(reader, *policy, service.members.size());
  }
  return service;
}

}  // namespace

Descriptor read_descriptor(const toml::table& root, const TomlReader& reader) {
  Descriptor descriptor;
  const std::string file = std::string(root.source().path ? *root.source().path : "");
  if (const toml::table* scheduling = reader.table(root, kSchedulingKey, "[scheduling]")) {
    reader.only(*scheduling, {"hash_key"}, "[scheduling]");
    if (scheduling->contains("hash_key")) {
      descriptor.hash_key = reader.hash_key(*scheduling, "hash_key");
    }
  }
  const toml::array* services = reader.tables(root, kServiceKey, "[[service]]");
  if (services == nullptr) {
    return descriptor;
  }
  if (services->size() > KNITS_MAX_SERVICES) {
    reader.fail(services->source(), "at most " + std::to_string(KNITS_MAX_SERVICES) + " services");
  }
  std::set<genl::Endpoint> vips;
  for (const toml::node& entry : *services) {
    ServiceDescriptor service = read_service(reader, file, *entry.as_table());
    if (!vips.insert(service.vip).second) {
      reader.fail(entry.source(), "service " + genl::to_string(service.vip) + " twice");
    }
    descriptor.services.push_back(std::move(service));
  }
  return descriptor;
}

Descriptor parse_descriptor(std::string_view text, const std::string& name) {
  const toml::table root = parse_toml(text, name);
  const TomlReader reader(name);
  reader.only(root, {kSchedulingKey, kServiceKey}, "a descriptor");
  return read_descriptor(root, reader);
}

Descriptor read_descriptor_file(const std::string& path) {
  return parse_descriptor(read_file(path), path);
}

}  // namespace knits::alrm
