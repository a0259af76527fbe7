// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// ALRM policy descriptors as data: the services a gateway offers, their
// members and schedulers, the schedulers' hash key, and the framing and
// frame-policy fields of frame switching. The format is in
// Documentation/descriptors.md; descriptor_parse.h reads it.

#ifndef KNITS_LIBALRM_DESCRIPTOR_H
#define KNITS_LIBALRM_DESCRIPTOR_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "genl/config.h"
#include "genl/endpoint.h"

namespace knits::alrm {

// Where in which file a value was written, for errors found after parsing.
struct Origin {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  [[nodiscard]] std::string to_string() const;
  friend bool operator==(const Origin&, const Origin&) = default;
};

// The kernel's scheduler names (uapi/knits.h KNITS_SVC_A_SCHED).
enum class Scheduler { kRr, kWrr, kLc, kSh, kMh };

[[nodiscard]] const char* scheduler_name(Scheduler sched) noexcept;

// enum knits_member_state.
enum class MemberState { kActive, kDraining, kDown };

struct MemberDescriptor {
  genl::Endpoint address;
  std::uint32_t weight = 1;
  MemberState state = MemberState::kActive;
  Origin origin;

  friend bool operator==(const MemberDescriptor&, const MemberDescriptor&) = default;
};

// How frame boundaries are found in a byte stream: a length field at
// @length_offset, @length_width bytes wide in @big_endian order, of which
// the bits in @length_mask are the length; the frame is that length plus
// @length_adjust bytes long (DNS over TCP: offset 0, width 2, adjust 2;
// RPC record marking: width 4, mask 0x7fffffff, adjust 4).
struct Framing {
  std::uint32_t length_offset = 0;
  std::uint32_t length_width = 2;
  bool big_endian = true;
  std::uint64_t length_mask = 0xffff;
  std::int32_t length_adjust = 0;
  // larger frames fail the connection
  std::uint32_t max_frame = 65535;

  friend bool operator==(const Framing&, const Framing&) = default;
};

enum class PolicyKind { kRoundRobin, kHash, kBucket };
// Anypoint's flow-window modes: the least of the members' windows (or an
// even share of the client's), or their sum (or all of the client's).
enum class WindowMode { kConservative, kOptimistic };

// Which member each frame goes to.
struct FramePolicy {
  PolicyKind kind = PolicyKind::kRoundRobin;
  // hash, bucket: the key is @key_length bytes from @key_offset of the frame
  std::uint32_t key_offset = 0;
  std::uint32_t key_length = 0;
  // bucket: member index per bucket; a frame's bucket is its key's hash
  // modulo the number of buckets
  std::vector<std::uint32_t> buckets;
  WindowMode window = WindowMode::kConservative;

  friend bool operator==(const FramePolicy&, const FramePolicy&) = default;
};

struct ServiceDescriptor {
  genl::Endpoint vip;
  Scheduler scheduler = Scheduler::kWrr;
  // mh only; the module's default when absent
  std::optional<std::uint32_t> mh_table_size;
  std::vector<MemberDescriptor> members;
  // frame switching; both or neither
  std::optional<Framing> framing;
  std::optional<FramePolicy> policy;
  Origin origin;

  friend bool operator==(const ServiceDescriptor&, const ServiceDescriptor&) = default;
};

struct Descriptor {
  // the schedulers' hash key (KNITS_CFG_A_HASH_KEY); the module's random
  // one when absent
  std::optional<genl::HashKey> hash_key;
  std::vector<ServiceDescriptor> services;

  friend bool operator==(const Descriptor&, const Descriptor&) = default;
};

}  // namespace knits::alrm

#endif  // KNITS_LIBALRM_DESCRIPTOR_H
