// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// libFuzzer target for the ALRM descriptor reader (libalrm/descriptor_parse.h)
// and compile() (libalrm/compile.h). The input is one descriptor file. The
// only exception either may throw is FileError, with a message that
// begins "FILE:LINE:COLUMN: "; any other escapes and libFuzzer reports it.
// A descriptor that reads is one the module accepts (the reader's promise):
// the checks below hold it to every limit the module has, and its plan to
// what the descriptor says.

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "genl/endpoint.h"
#include "knits.h"
#include "knits_core.h"
#include "libalrm/compile.h"
#include "libalrm/descriptor.h"
#include "libalrm/descriptor_parse.h"
#include "libalrm/toml_reader.h"
#include "toml_input.h"

namespace {

namespace alrm = knits::alrm;

// Large enough for a few thousand members or a long bucket array; longer
// inputs only take longer.
constexpr std::size_t kMaxInput = 1 << 16;
constexpr std::string_view kName = "fuzz.toml";
constexpr std::uint64_t kFrameHeaderMax = 256;
constexpr std::uint32_t kMaxFrameLimit = 16U << 20;
constexpr std::size_t kBucketsMax = 65536;

void check_origin(const alrm::Origin& origin) {
  CHECK(origin.file == kName);
  CHECK(origin.line >= 1 && origin.column >= 1);
}

void check_framing(const alrm::Framing& f) {
  CHECK(f.length_width == 1 || f.length_width == 2 || f.length_width == 4);
  CHECK(f.length_offset + f.length_width <= kFrameHeaderMax);
  const std::uint64_t width_mask = (std::uint64_t{1} << (8 * f.length_width)) - 1;
  CHECK(f.length_mask != 0 && (f.length_mask & ~width_mask) == 0);
  CHECK(f.length_adjust >= -256 && f.length_adjust <= 256);
  CHECK(f.max_frame >= f.length_offset + f.length_width && f.max_frame <= kMaxFrameLimit);
}

void check_policy(const alrm::FramePolicy& p, std::size_t members) {
  if (p.kind == alrm::PolicyKind::kRoundRobin) {
    CHECK(p.key_offset == 0 && p.key_length == 0);
  } else {
    CHECK(p.key_length >= 1);
    CHECK(std::uint64_t{p.key_offset} + p.key_length <= kFrameHeaderMax);
  }
  CHECK(p.buckets.empty() == (p.kind != alrm::PolicyKind::kBucket));
  CHECK(p.buckets.size() <= kBucketsMax);
  for (const std::uint32_t index : p.buckets) {
    CHECK(index < members);
  }
}

// Everything the module would refuse is refused by the reader.
void check_descriptor(const alrm::Descriptor& d) {
  CHECK(d.services.size() <= KNITS_MAX_SERVICES);
  std::set<knits::genl::Endpoint> vips;
  for (const alrm::ServiceDescriptor& s : d.services) {
    check_origin(s.origin);
    CHECK(s.vip.family == AF_INET || s.vip.family == AF_INET6);
    CHECK(s.vip.port != 0);
    CHECK(vips.insert(s.vip).second);
    if (s.mh_table_size) {
      CHECK(s.scheduler == alrm::Scheduler::kMh);
      CHECK(knits_maglev_size_ok(*s.mh_table_size));
    }
    CHECK(s.members.size() <= KNITS_MAX_MEMBERS);
    std::set<knits::genl::Endpoint> members;
    for (const alrm::MemberDescriptor& m : s.members) {
      check_origin(m.origin);
      CHECK(m.address.family == s.vip.family);
      CHECK(m.address.port != 0);
      CHECK(m.weight <= KNITS_WEIGHT_MAX);
      CHECK(members.insert(m.address).second);
    }
    CHECK(s.framing.has_value() == s.policy.has_value());
    if (s.framing) {
      check_framing(*s.framing);
      check_policy(*s.policy, s.members.size());
    }
  }
}

std::uint8_t state_of(alrm::MemberState state) {
  switch (state) {
    case alrm::MemberState::kActive:
      return KNITS_MEMBER_ACTIVE;
    case alrm::MemberState::kDraining:
      return KNITS_MEMBER_DRAINING;
    case alrm::MemberState::kDown:
      return KNITS_MEMBER_DOWN;
  }
  return 0xff;
}

// The plan says what the descriptor says, every value explicit; a framed
// service is refused at its own origin.
void check_compile(const alrm::Descriptor& d) {
  const alrm::ServiceDescriptor* framed = nullptr;
  for (const alrm::ServiceDescriptor& s : d.services) {
    if (s.framing && framed == nullptr) {
      framed = &s;
    }
  }
  alrm::Plan plan;
  try {
    plan = alrm::compile(d);
  } catch (const alrm::FileError& e) {
    const std::string message = e.what();
    CHECK(framed != nullptr);
    CHECK(message.rfind(framed->origin.to_string() + ": ", 0) == 0);
    return;
  }
  CHECK(framed == nullptr);
  CHECK(plan.hash_key == d.hash_key);
  CHECK(plan.services.size() == d.services.size());
  for (std::size_t i = 0; i < plan.services.size(); i++) {
    const alrm::ServicePlan& p = plan.services[i];
    const alrm::ServiceDescriptor& s = d.services[i];
    CHECK(p.vip == s.vip);
    CHECK(p.settings.sched == std::string(alrm::scheduler_name(s.scheduler)));
    if (s.scheduler == alrm::Scheduler::kMh) {
      CHECK(p.settings.mh_table_size == s.mh_table_size.value_or(KNITS_MH_TABLE_SIZE_DEFAULT));
    } else {
      CHECK(!p.settings.mh_table_size.has_value());
    }
    CHECK(p.members.size() == s.members.size());
    for (std::size_t k = 0; k < p.members.size(); k++) {
      CHECK(p.members[k].address == s.members[k].address);
      CHECK(p.members[k].settings.weight == s.members[k].weight);
      CHECK(p.members[k].settings.state == state_of(s.members[k].state));
    }
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): libFuzzer's name
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) {
    return -1;
  }
  const auto text = knits::fuzz::exact_copy(data, size);
  alrm::Descriptor descriptor;
  try {
    descriptor = alrm::parse_descriptor(std::string_view(text.get(), size), std::string(kName));
  } catch (const alrm::FileError& e) {
    CHECK(knits::fuzz::positioned(e.what(), kName));
    return 0;
  }
  check_descriptor(descriptor);
  check_compile(descriptor);
  return 0;
}
