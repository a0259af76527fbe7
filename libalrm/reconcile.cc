// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "libalrm/reconcile.h"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "genl/endpoint.h"
#include "genl/service.h"
#include "knits.h"
#include "libalrm/compile.h"
#include "names/knits_names.h"
#include "names/state_names.h"

namespace knits::alrm {
namespace {

// The SET_SERVICE steps that take @have to @want. The module takes a table
// size only for mh, so a plan that is not mh but names the table size the
// module keeps (an undo's plan, made by as_plan()) sets the size while the
// service is still mh, then the scheduler.
void service_steps(const ServicePlan& want, const genl::Service& have, std::vector<Step>& steps) {
  const auto set = [&](genl::ServiceSettings changes) {
    steps.push_back(Step{Step::Kind::kSetService, want.vip, {}, std::move(changes), {}});
  };
  // on its own: the module rebuilds no pool for a new owner alone
  if (want.settings.owner && *want.settings.owner != have.owner) {
    genl::ServiceSettings owner;
    owner.owner = want.settings.owner;
    set(owner);
  }
  const bool size_differs =
      want.settings.mh_table_size && *want.settings.mh_table_size != have.mh_table_size;
  const bool sched_differs = want.settings.sched && *want.settings.sched != have.sched;
  if (want.settings.sched == "mh") {
    genl::ServiceSettings changes;
    if (sched_differs) {
      changes.sched = want.settings.sched;
    }
    if (size_differs) {
      changes.mh_table_size = want.settings.mh_table_size;
    }
    if (changes != genl::ServiceSettings{}) {
      set(changes);
    }
    return;
  }
  if (size_differs && have.sched == "mh") {
    genl::ServiceSettings size;
    size.mh_table_size = want.settings.mh_table_size;
    set(size);
  }
  if (sched_differs) {
    genl::ServiceSettings sched;
    sched.sched = want.settings.sched;
    set(sched);
  }
}

genl::MemberSettings member_changes(const genl::MemberSettings& want, const genl::Member& have) {
  genl::MemberSettings changes;
  if (want.weight && *want.weight != have.weight) {
    changes.weight = want.weight;
  }
  if (want.state && *want.state != have.state) {
    changes.state = want.state;
  }
  return changes;
}

// With MemberOrder::kExact, members the module has in another order than
// the plan's are deleted and added again in the plan's (the module appends
// new members), which costs them their counters but no connection.
void reconcile_members(const ServicePlan& want, const std::vector<genl::Member>& have,
                       MemberOrder order, std::vector<Step>& steps, std::vector<Step>& deletions) {
  std::map<genl::Endpoint, const genl::Member*> current;
  for (const genl::Member& member : have) {
    current.emplace(member.endpoint, &member);
  }
  std::set<genl::Endpoint> wanted;
  for (const MemberPlan& member : want.members) {
    wanted.insert(member.address);
  }
  // The plan's members from @first on are (re)added in order; before it,
  // the module's members already stand in the plan's order.
  std::size_t first = 0;
  if (order == MemberOrder::kExact) {
    std::vector<genl::Endpoint> kept;
    for (const genl::Member& member : have) {
      if (wanted.contains(member.endpoint)) {
        kept.push_back(member.endpoint);
      }
    }
    while (first < kept.size() && first < want.members.size() &&
           want.members[first].address == kept[first]) {
      first++;
    }
  } else {
    first = want.members.size();
  }
  for (std::size_t i = 0; i < want.members.size(); i++) {
    const MemberPlan& member = want.members[i];
    const auto it = current.find(member.address);
    if (it != current.end() && i >= first) {
      steps.push_back(Step{Step::Kind::kDelMember, want.vip, member.address, {}, {}});
    }
    if (it == current.end() || i >= first) {
      steps.push_back(Step{Step::Kind::kNewMember, want.vip, member.address, {}, member.settings});
      continue;
    }
    const genl::MemberSettings changes = member_changes(member.settings, *it->second);
    if (changes != genl::MemberSettings{}) {
      steps.push_back(Step{Step::Kind::kSetMember, want.vip, member.address, {}, changes});
    }
  }
  for (const genl::Member& member : have) {
    if (!wanted.contains(member.endpoint)) {
      deletions.push_back(Step{Step::Kind::kDelMember, want.vip, member.endpoint, {}, {}});
    }
  }
}

}  // namespace

std::string Step::to_string() const {
  const std::string of = " of " + genl::to_string(vip);
  std::string text;
  switch (kind) {
    case Kind::kNewService:
    case Kind::kSetService:
      text =
          (kind == Kind::kNewService ? "new service " : "change service ") + genl::to_string(vip);
      if (service_settings.sched) {
        text += " scheduler " + *service_settings.sched;
      }
      if (service_settings.mh_table_size) {
        text += " mh_table_size " + std::to_string(*service_settings.mh_table_size);
      }
      if (service_settings.owner) {
        text += " owner " + names::owner_name(*service_settings.owner);
      }
      return text;
    case Kind::kDelService:
      return "delete service " + genl::to_string(vip);
    case Kind::kNewMember:
    case Kind::kSetMember:
      text = (kind == Kind::kNewMember ? "new member " : "change member ") +
             genl::to_string(member) + of;
      if (member_settings.weight) {
        text += " weight " + std::to_string(*member_settings.weight);
      }
      if (member_settings.state) {
        text += " " + names::member_state_name(*member_settings.state);
      }
      return text;
    case Kind::kDelMember:
      return "delete member " + genl::to_string(member) + of;
  }
  return text;
}

std::vector<Step> reconcile(const Plan& plan, const std::vector<KernelService>& current,
                            const std::set<genl::Endpoint>& retired, MemberOrder order) {
  std::map<genl::Endpoint, const KernelService*> have;
  for (const KernelService& service : current) {
    have.emplace(service.service.vip, &service);
  }
  std::vector<Step> steps;
  std::vector<Step> deletions;
  std::set<genl::Endpoint> planned;
  for (const ServicePlan& service : plan.services) {
    planned.insert(service.vip);
    const auto it = have.find(service.vip);
    if (it == have.end()) {
      genl::ServiceSettings settings = service.settings;
      // no owner is the module's default, and a module before ABI 5
      // refuses the attribute (an undo's plan names it for every service)
      if (settings.owner == std::uint32_t{KNITS_OWNER_NONE}) {
        settings.owner.reset();
      }
      steps.push_back(Step{Step::Kind::kNewService, service.vip, {}, settings, {}});
      reconcile_members(service, {}, order, steps, deletions);
      continue;
    }
    service_steps(service, it->second->service, steps);
    reconcile_members(service, it->second->members, order, steps, deletions);
  }
  for (const KernelService& service : current) {
    if (!planned.contains(service.service.vip) && retired.contains(service.service.vip)) {
      deletions.push_back(Step{Step::Kind::kDelService, service.service.vip, {}, {}, {}});
    }
  }
  steps.insert(steps.end(), deletions.begin(), deletions.end());
  return steps;
}

Plan as_plan(const std::vector<KernelService>& current) {
  Plan plan;
  for (const KernelService& service : current) {
    ServicePlan compiled;
    compiled.vip = service.service.vip;
    compiled.settings.sched = service.service.sched;
    // kept for every scheduler: a service that becomes mh again gets it
    compiled.settings.mh_table_size = service.service.mh_table_size;
    compiled.settings.owner = service.service.owner;
    for (const genl::Member& member : service.members) {
      compiled.members.push_back(
          MemberPlan{member.endpoint, genl::MemberSettings{member.weight, member.state}});
    }
    plan.services.push_back(std::move(compiled));
  }
  return plan;
}

}  // namespace knits::alrm
