// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "libalrm/compile.h"

#include <cstdint>

#include "knits.h"
#include "libalrm/descriptor.h"
#include "libalrm/toml_reader.h"

namespace knits::alrm {
namespace {

std::uint8_t member_state(MemberState state) {
  switch (state) {
    case MemberState::kActive:
      return KNITS_MEMBER_ACTIVE;
    case MemberState::kDraining:
      return KNITS_MEMBER_DRAINING;
    case MemberState::kDown:
      return KNITS_MEMBER_DOWN;
  }
  return KNITS_MEMBER_DOWN;
}

}  // namespace

Plan compile(const Descriptor& descriptor) {
  Plan plan;
  plan.hash_key = descriptor.hash_key;
  for (const ServiceDescriptor& service : descriptor.services) {
    if (service.framing) {
      // Refused rather than ignored: balancing a framed service per
      // connection instead of per frame would look as if it worked.
      throw FileError(service.origin.to_string() +
                      ": frame switching ([service.framing]) is not in this knits module yet");
    }
    ServicePlan compiled;
    compiled.vip = service.vip;
    compiled.settings.sched = scheduler_name(service.scheduler);
    if (service.scheduler == Scheduler::kMh) {
      compiled.settings.mh_table_size = service.mh_table_size.value_or(KNITS_MH_TABLE_SIZE_DEFAULT);
    }
    for (const MemberDescriptor& member : service.members) {
      compiled.members.push_back(MemberPlan{
          member.address, genl::MemberSettings{member.weight, member_state(member.state)}});
    }
    plan.services.push_back(std::move(compiled));
  }
  return plan;
}

}  // namespace knits::alrm
