// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// From what the module has to what a plan says (libalrm/reconcile.h) and
// applying it (libalrm/apply.h) against a fake module: only the changes,
// additions before deletions, services nobody planned left alone, and a
// refused plan undone to exactly the state before it.

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "fake_services.h"
#include "genl/config.h"
#include "genl/endpoint.h"
#include "genl/error.h"
#include "genl/service.h"
#include "knits.h"
#include "libalrm/apply.h"
#include "libalrm/compile.h"
#include "libalrm/reconcile.h"

namespace {

namespace genl = knits::genl;
using knits::alrm::ApplyError;
using knits::alrm::ApplyResult;
using knits::alrm::as_plan;
using knits::alrm::KernelService;
using knits::alrm::MemberPlan;
using knits::alrm::Plan;
using knits::alrm::reconcile;
using knits::alrm::ServicePlan;
using knits::alrm::Step;
using Kind = knits::alrm::Step::Kind;
using genl::Endpoint;

Endpoint ep(std::string_view text) { return genl::parse_endpoint(text); }

MemberPlan member(std::string_view address, std::uint32_t weight = 1,
                  std::uint8_t state = KNITS_MEMBER_ACTIVE) {
  return MemberPlan{ep(address), genl::MemberSettings{weight, state}};
}

ServicePlan service(std::string_view vip, std::string_view sched,
                    std::vector<MemberPlan> members = {},
                    std::optional<std::uint32_t> mh_table_size = std::nullopt) {
  ServicePlan s;
  s.vip = ep(vip);
  s.settings.sched = std::string(sched);
  s.settings.mh_table_size = mh_table_size;
  s.members = std::move(members);
  return s;
}

// @plan as the module reports it: every value filled in (the mh table
// size of every service, as the module keeps one for each), with
// connections and counters that no step of ours can make.
std::vector<KernelService> kernel_of(const Plan& plan) {
  std::vector<KernelService> out;
  std::uint64_t counter = 1000;
  for (const ServicePlan& s : plan.services) {
    KernelService k;
    k.service.vip = s.vip;
    k.service.protocol = IPPROTO_TCP;
    k.service.sched = s.settings.sched.value_or("wrr");
    k.service.mh_table_size = s.settings.mh_table_size.value_or(KNITS_MH_TABLE_SIZE_DEFAULT);
    k.service.member_count = static_cast<std::uint32_t>(s.members.size());
    k.service.owner = s.settings.owner.value_or(KNITS_OWNER_NONE);
    k.service.stats[KNITS_STAT_CONNS] = counter++;
    for (const MemberPlan& m : s.members) {
      genl::Member km;
      km.endpoint = m.address;
      km.weight = m.settings.weight.value_or(1);
      km.state = m.settings.state.value_or(KNITS_MEMBER_ACTIVE);
      km.conns = static_cast<std::uint32_t>(counter % 7);
      km.active_conns = static_cast<std::uint32_t>(counter % 3);
      km.stats[KNITS_STAT_CONNS] = counter++;
      k.members.push_back(km);
    }
    out.push_back(k);
  }
  return out;
}

// The states are equal in every field, counters included.
bool same_state(const std::vector<KernelService>& a, const std::vector<KernelService>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); i++) {
    if (!(a[i].service == b[i].service) || a[i].members != b[i].members) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> texts(const std::vector<Step>& steps) {
  std::vector<std::string> out;
  out.reserve(steps.size());
  for (const Step& s : steps) {
    out.push_back(s.to_string());
  }
  return out;
}

bool is_deletion(const Step& step) {
  return step.kind == Kind::kDelService || step.kind == Kind::kDelMember;
}

// ---------------------------------------------------------------------------
// reconcile()

Plan example_plan() {
  Plan plan;
  plan.services = {
      service("10.0.0.100:80", "wrr", {member("10.1.1.2:80", 3), member("10.1.1.3:80")}),
      service("10.0.0.101:80", "mh",
              {member("10.1.1.4:80", 1, KNITS_MEMBER_DRAINING), member("10.1.1.5:80", 0)}, 7),
      service("[fd00::100]:443", "sh", {member("[fd00::2]:443", 2, KNITS_MEMBER_DOWN)}),
  };
  return plan;
}

TEST(Reconcile, NothingToDoWhenTheModuleHasThePlan) {
  const Plan plan = example_plan();
  EXPECT_TRUE(reconcile(plan, kernel_of(plan), {}).empty());
  // nor when the services it has that nobody planned are not retired
  std::vector<KernelService> current = kernel_of(plan);
  Plan other;
  other.services = {service("10.0.0.200:80", "rr", {member("10.1.1.9:80")})};
  const std::vector<KernelService> extra = kernel_of(other);
  current.insert(current.begin(), extra.begin(), extra.end());
  EXPECT_TRUE(reconcile(plan, current, {}).empty());
}

TEST(Reconcile, ANewServiceComesFirstThenItsMembersInTheirOrder) {
  Plan plan;
  plan.services = {service("10.0.0.100:80", "mh",
                           {member("10.1.1.3:80", 4), member("10.1.1.2:80", 0, KNITS_MEMBER_DOWN),
                            member("10.1.1.4:80")},
                           4093)};
  const std::vector<Step> steps = reconcile(plan, {}, {});
  const Endpoint vip = ep("10.0.0.100:80");
  const std::vector<Step> want = {
      Step{Kind::kNewService, vip, {}, genl::ServiceSettings{"mh", 4093, std::nullopt}, {}},
      Step{Kind::kNewMember, vip, ep("10.1.1.3:80"), {}, genl::MemberSettings{4, 0}},
      Step{
          Kind::kNewMember, vip, ep("10.1.1.2:80"), {}, genl::MemberSettings{0, KNITS_MEMBER_DOWN}},
      Step{Kind::kNewMember,
           vip,
           ep("10.1.1.4:80"),
           {},
           genl::MemberSettings{1, KNITS_MEMBER_ACTIVE}},
  };
  EXPECT_EQ(steps, want);
}

TEST(Reconcile, AChangedSchedulerIsOneSetWithTheSchedulerOnly) {
  Plan plan = example_plan();
  const std::vector<KernelService> current = kernel_of(plan);
  plan.services[0].settings.sched = "rr";
  const std::vector<Step> steps = reconcile(plan, current, {});
  ASSERT_EQ(steps.size(), 1U);
  EXPECT_EQ(steps[0], (Step{Kind::kSetService,
                            ep("10.0.0.100:80"),
                            {},
                            genl::ServiceSettings{"rr", std::nullopt, std::nullopt},
                            {}}));
}

TEST(Reconcile, ADifferentOwnerIsASetOfTheOwnerAloneBeforeAnyOther) {
  Plan plan = example_plan();
  const std::vector<KernelService> current = kernel_of(plan);
  plan.services[0].settings.owner = KNITS_OWNER_KNITSD;
  plan.services[0].settings.sched = "rr";
  const std::vector<Step> steps = reconcile(plan, current, {});
  ASSERT_EQ(steps.size(), 2U);
  genl::ServiceSettings owner;
  owner.owner = KNITS_OWNER_KNITSD;
  EXPECT_EQ(steps[0], (Step{Kind::kSetService, ep("10.0.0.100:80"), {}, owner, {}}));
  EXPECT_EQ(steps[0].to_string(), "change service 10.0.0.100:80 owner knitsd");
  EXPECT_EQ(steps[1].service_settings, (genl::ServiceSettings{"rr", std::nullopt, std::nullopt}));
  // a plan that names no owner leaves the module's as it is
  plan.services[0].settings.owner.reset();
  std::vector<KernelService> owned = current;
  owned[0].service.owner = 77;
  EXPECT_EQ(reconcile(plan, owned, {}).size(), 1U);
  owner.owner = 77;
  EXPECT_EQ((Step{Kind::kNewService, ep("10.0.0.100:80"), {}, owner, {}}.to_string()),
            "new service 10.0.0.100:80 owner 77");
}

TEST(Reconcile, ANewServiceOfNoOneNamesNoOwner) {
  // as an undo makes it again: a module before ABI 5 refuses the owner
  Plan plan = example_plan();
  plan.services[0].settings.owner = KNITS_OWNER_NONE;
  plan.services[1].settings.owner = KNITS_OWNER_KNITSD;
  const std::vector<Step> steps = reconcile(plan, {}, {});
  ASSERT_FALSE(steps.empty());
  EXPECT_EQ(steps[0].kind, Kind::kNewService);
  EXPECT_EQ(steps[0].service_settings.owner, std::nullopt);
  const auto second = std::find_if(steps.begin() + 1, steps.end(),
                                   [](const Step& s) { return s.kind == Kind::kNewService; });
  ASSERT_NE(second, steps.end());
  EXPECT_EQ(second->service_settings.owner, std::optional<std::uint32_t>(KNITS_OWNER_KNITSD));
}

TEST(Reconcile, AChangedMhTableSizeIsOneSetWithTheSizeOnly) {
  Plan plan = example_plan();
  const std::vector<KernelService> current = kernel_of(plan);
  plan.services[1].settings.mh_table_size = 65521;
  const std::vector<Step> steps = reconcile(plan, current, {});
  ASSERT_EQ(steps.size(), 1U);
  EXPECT_EQ(steps[0], (Step{Kind::kSetService,
                            ep("10.0.0.101:80"),
                            {},
                            genl::ServiceSettings{std::nullopt, 65521, std::nullopt},
                            {}}));
}

TEST(Reconcile, BecomingMhWithTheSizeTheModuleKeepsSetsTheSchedulerOnly) {
  Plan plan = example_plan();
  // the module keeps 4093 for the wrr service
  const std::vector<KernelService> current = kernel_of(plan);
  plan.services[0].settings = genl::ServiceSettings{"mh", 4093, std::nullopt};
  const std::vector<Step> steps = reconcile(plan, current, {});
  ASSERT_EQ(steps.size(), 1U);
  EXPECT_EQ(steps[0].service_settings, (genl::ServiceSettings{"mh", std::nullopt, std::nullopt}));
  plan.services[0].settings = genl::ServiceSettings{"mh", 7, std::nullopt};
  EXPECT_EQ(reconcile(plan, current, {}).at(0).service_settings,
            (genl::ServiceSettings{"mh", 7, std::nullopt}));
}

TEST(Reconcile, AChangedWeightOrStateIsOneSetWithThatFieldOnly) {
  Plan plan = example_plan();
  const std::vector<KernelService> current = kernel_of(plan);
  plan.services[0].members[1].settings.weight = 9;
  plan.services[1].members[0].settings.state = KNITS_MEMBER_ACTIVE;
  plan.services[2].members[0].settings = genl::MemberSettings{5, KNITS_MEMBER_DRAINING};
  const std::vector<Step> steps = reconcile(plan, current, {});
  const std::vector<Step> want = {
      Step{Kind::kSetMember,
           ep("10.0.0.100:80"),
           ep("10.1.1.3:80"),
           {},
           genl::MemberSettings{9, std::nullopt}},
      Step{Kind::kSetMember,
           ep("10.0.0.101:80"),
           ep("10.1.1.4:80"),
           {},
           genl::MemberSettings{std::nullopt, KNITS_MEMBER_ACTIVE}},
      Step{Kind::kSetMember,
           ep("[fd00::100]:443"),
           ep("[fd00::2]:443"),
           {},
           genl::MemberSettings{5, KNITS_MEMBER_DRAINING}},
  };
  EXPECT_EQ(steps, want);
}

TEST(Reconcile, RemovedMembersAreDeletedAfterEveryAddition) {
  Plan plan = example_plan();
  const std::vector<KernelService> current = kernel_of(plan);
  // 10.1.1.2 leaves the first service, 10.1.1.6 joins it, 10.1.1.7 joins
  // the second, which loses 10.1.1.5
  plan.services[0].members = {member("10.1.1.3:80"), member("10.1.1.6:80")};
  plan.services[1].members = {member("10.1.1.4:80", 1, KNITS_MEMBER_DRAINING),
                              member("10.1.1.7:80", 2)};
  EXPECT_EQ(texts(reconcile(plan, current, {})),
            (std::vector<std::string>{
                "new member 10.1.1.6:80 of 10.0.0.100:80 weight 1 active",
                "new member 10.1.1.7:80 of 10.0.0.101:80 weight 2 active",
                "delete member 10.1.1.2:80 of 10.0.0.100:80",
                "delete member 10.1.1.5:80 of 10.0.0.101:80",
            }));
}

TEST(Reconcile, ServicesNotPlannedAreDeletedOnlyIfRetired) {
  const Plan plan = example_plan();
  std::vector<KernelService> current = kernel_of(plan);
  Plan others;
  others.services = {service("10.0.0.200:80", "rr", {member("10.1.1.9:80")}),
                     service("10.0.0.201:80", "rr", {member("10.1.1.9:80")})};
  const std::vector<KernelService> extra = kernel_of(others);
  current.insert(current.begin() + 1, extra.begin(), extra.end());
  // a retired service the module no longer has is no step either
  const std::set<Endpoint> retired = {ep("10.0.0.201:80"), ep("10.0.0.202:80")};
  const std::vector<Step> steps = reconcile(plan, current, retired);
  ASSERT_EQ(steps.size(), 1U);
  // the service goes, with its members, in one step
  EXPECT_EQ(steps[0], (Step{Kind::kDelService, ep("10.0.0.201:80"), {}, {}, {}}));
  // a planned service is kept, retired or not
  EXPECT_EQ(reconcile(plan, current, {ep("10.0.0.100:80"), ep("10.0.0.201:80")}), steps);
}

TEST(Reconcile, DeletionsComeLastWhateverTheOrderOfServices) {
  Plan before;
  before.services = {
      service("10.0.0.1:80", "wrr", {member("10.1.1.1:80"), member("10.1.1.2:80")}),
      service("10.0.0.2:80", "wrr", {member("10.1.1.1:80")}),
      service("10.0.0.3:80", "wrr", {member("10.1.1.1:80")}),
  };
  Plan after;
  after.services = {
      service("10.0.0.1:80", "rr", {member("10.1.1.2:80", 4)}),
      service("10.0.0.3:80", "lc", {member("10.1.1.3:80")}),
      service("10.0.0.4:80", "sh", {member("10.1.1.4:80")}),
  };
  const std::vector<Step> steps =
      reconcile(after, kernel_of(before), {ep("10.0.0.2:80"), ep("10.0.0.4:80")});
  EXPECT_EQ(texts(steps), (std::vector<std::string>{
                              "change service 10.0.0.1:80 scheduler rr",
                              "change member 10.1.1.2:80 of 10.0.0.1:80 weight 4",
                              "change service 10.0.0.3:80 scheduler lc",
                              "new member 10.1.1.3:80 of 10.0.0.3:80 weight 1 active",
                              "new service 10.0.0.4:80 scheduler sh",
                              "new member 10.1.1.4:80 of 10.0.0.4:80 weight 1 active",
                              "delete member 10.1.1.1:80 of 10.0.0.1:80",
                              "delete member 10.1.1.1:80 of 10.0.0.3:80",
                              "delete service 10.0.0.2:80",
                          }));
  bool deleting = false;
  for (const Step& s : steps) {
    deleting = deleting || is_deletion(s);
    EXPECT_EQ(is_deletion(s), deleting) << s.to_string();
  }
}

TEST(Reconcile, MemberOrderMattersOnlyWhenAskedFor) {
  Plan plan;
  plan.services = {service("10.0.0.1:80", "wrr",
                           {member("10.1.1.1:80"), member("10.1.1.2:80"), member("10.1.1.3:80")})};
  const std::vector<KernelService> current = kernel_of(plan);
  Plan reordered = plan;
  std::swap(reordered.services[0].members[1], reordered.services[0].members[2]);
  reordered.services[0].members.push_back(member("10.1.1.4:80"));
  // any order: the new member only
  EXPECT_EQ(texts(reconcile(reordered, current, {})),
            (std::vector<std::string>{"new member 10.1.1.4:80 of 10.0.0.1:80 weight 1 active"}));
  // exact: from the first member out of place on, each is added again in order
  EXPECT_EQ(texts(reconcile(reordered, current, {}, knits::alrm::MemberOrder::kExact)),
            (std::vector<std::string>{
                "delete member 10.1.1.3:80 of 10.0.0.1:80",
                "new member 10.1.1.3:80 of 10.0.0.1:80 weight 1 active",
                "delete member 10.1.1.2:80 of 10.0.0.1:80",
                "new member 10.1.1.2:80 of 10.0.0.1:80 weight 1 active",
                "new member 10.1.1.4:80 of 10.0.0.1:80 weight 1 active",
            }));
  EXPECT_TRUE(reconcile(plan, current, {}, knits::alrm::MemberOrder::kExact).empty());
}

// A compiled plan names a table size for mh only; as_plan() for every
// service. The plan without the sizes of services that are not mh.
Plan compiled_form(Plan plan) {
  for (knits::alrm::ServicePlan& service : plan.services) {
    if (service.settings.sched != "mh") {
      service.settings.mh_table_size.reset();
    }
    // compile() leaves the owner to knitsd
    service.settings.owner.reset();
  }
  return plan;
}

TEST(Reconcile, AsPlanIsWhatTheModuleHasWithEveryTableSize) {
  const Plan plan = example_plan();
  const std::vector<KernelService> current = kernel_of(plan);
  EXPECT_EQ(compiled_form(as_plan(current)), plan);
  EXPECT_EQ(as_plan(current).services[0].settings.mh_table_size,
            std::optional<std::uint32_t>(current[0].service.mh_table_size));
  EXPECT_EQ(as_plan(current).services[1].settings.mh_table_size, std::optional<std::uint32_t>(7));
  EXPECT_EQ(as_plan(current).services[0].settings.owner,
            std::optional<std::uint32_t>(current[0].service.owner));
  EXPECT_TRUE(reconcile(as_plan(current), current, {}).empty());
  EXPECT_EQ(as_plan({}), Plan{});
}

TEST(Reconcile, AsPlanOfBeforeStepsBackFromAnyChange) {
  const Plan plan = example_plan();
  const std::vector<KernelService> before = kernel_of(plan);
  Plan changed = plan;
  changed.services[0].settings.sched = "lc";
  changed.services[0].settings.owner = KNITS_OWNER_KNITSD;
  changed.services[0].members.push_back(member("10.1.1.8:80"));
  changed.services[1].members.erase(changed.services[1].members.begin());
  changed.services.push_back(service("10.0.0.150:80", "rr", {member("10.1.1.2:80")}));
  const std::vector<KernelService> now = kernel_of(changed);
  EXPECT_EQ(texts(reconcile(as_plan(before), now, {ep("10.0.0.150:80")})),
            (std::vector<std::string>{
                "change service 10.0.0.100:80 owner none",
                "change service 10.0.0.100:80 scheduler wrr",
                "new member 10.1.1.4:80 of 10.0.0.101:80 weight 1 draining",
                "delete member 10.1.1.8:80 of 10.0.0.100:80",
                "delete service 10.0.0.150:80",
            }));
}

// ---------------------------------------------------------------------------
// Step::to_string()

TEST(Step, TextsSayWhatEachStepDoes) {
  const Endpoint vip = ep("10.0.0.100:80");
  const Endpoint m = ep("10.1.1.2:8080");
  EXPECT_EQ((Step{Kind::kNewService, vip, {}, genl::ServiceSettings{"mh", 4093, std::nullopt}, {}}
                 .to_string()),
            "new service 10.0.0.100:80 scheduler mh mh_table_size 4093");
  EXPECT_EQ((Step{Kind::kNewService, vip, {}, {}, {}}.to_string()), "new service 10.0.0.100:80");
  EXPECT_EQ(
      (Step{Kind::kSetService, vip, {}, genl::ServiceSettings{std::nullopt, 7, std::nullopt}, {}}
           .to_string()),
      "change service 10.0.0.100:80 mh_table_size 7");
  EXPECT_EQ((Step{Kind::kDelService, vip, {}, {}, {}}.to_string()), "delete service 10.0.0.100:80");
  EXPECT_EQ((Step{Kind::kNewMember, vip, m, {}, genl::MemberSettings{1, KNITS_MEMBER_ACTIVE}}
                 .to_string()),
            "new member 10.1.1.2:8080 of 10.0.0.100:80 weight 1 active");
  EXPECT_EQ(
      (Step{Kind::kSetMember, vip, m, {}, genl::MemberSettings{std::nullopt, KNITS_MEMBER_DOWN}}
           .to_string()),
      "change member 10.1.1.2:8080 of 10.0.0.100:80 down");
  EXPECT_EQ((Step{Kind::kSetMember, vip, m, {}, genl::MemberSettings{0, KNITS_MEMBER_DRAINING}}
                 .to_string()),
            "change member 10.1.1.2:8080 of 10.0.0.100:80 weight 0 draining");
  EXPECT_EQ((Step{Kind::kSetMember, vip, m, {}, genl::MemberSettings{std::nullopt, 7}}.to_string()),
            "change member 10.1.1.2:8080 of 10.0.0.100:80 state_7");
  EXPECT_EQ((Step{Kind::kDelMember, vip, m, {}, {}}.to_string()),
            "delete member 10.1.1.2:8080 of 10.0.0.100:80");
  EXPECT_EQ(
      (Step{Kind::kDelMember, ep("[fd00::100]:443"), ep("[fd00::2]:443"), {}, {}}.to_string()),
      "delete member [fd00::2]:443 of [fd00::100]:443");
}

// ---------------------------------------------------------------------------
// apply()

using knits::test::FakeServices;

genl::HashKey key_of(std::uint8_t first) {
  genl::HashKey key{};
  for (std::size_t i = 0; i < key.size(); i++) {
    key.at(i) = static_cast<std::uint8_t>(first + i);
  }
  return key;
}

// Before: the example plan and a service nobody planned. The target
// changes something of every kind except deletions (which it has none of).
Plan target_without_deletions() {
  Plan plan = example_plan();
  plan.hash_key = key_of(0x40);
  plan.services[0].settings.sched = "rr";
  plan.services[0].members[0].settings.weight = 5;
  plan.services[0].members.push_back(member("10.1.1.6:80", 2));
  plan.services[1].settings.mh_table_size = 65521;
  plan.services[1].members[1].settings.state = KNITS_MEMBER_DOWN;
  plan.services.push_back(
      service("10.0.0.150:80", "lc", {member("10.1.1.2:80"), member("10.1.1.3:80", 3)}));
  return plan;
}

std::vector<KernelService> state_before() {
  std::vector<KernelService> before = kernel_of(example_plan());
  Plan other;
  other.services = {service("10.0.0.200:80", "rr", {member("10.1.1.9:80")})};
  const std::vector<KernelService> extra = kernel_of(other);
  before.insert(before.end(), extra.begin(), extra.end());
  return before;
}

TEST(Apply, SuccessDoesTheStepsAndNamesTheUnmanagedServices) {
  const Plan plan = target_without_deletions();
  FakeServices fake(state_before());
  const ApplyResult result = knits::alrm::apply(plan, fake, {});
  const std::vector<Step> steps = reconcile(plan, state_before(), {});
  std::vector<std::string> done = {"set the schedulers' hash key"};
  for (const std::string& text : texts(steps)) {
    done.push_back(text);
  }
  EXPECT_EQ(result.done, done);
  EXPECT_EQ(result.unmanaged, (std::vector<Endpoint>{ep("10.0.0.200:80")}));
  EXPECT_EQ(fake.key(), plan.hash_key);
  // the module now has the plan (and the unmanaged service)
  std::vector<KernelService> now = fake.state();
  EXPECT_TRUE(reconcile(plan, now, {}).empty());
  now.erase(
      std::remove_if(now.begin(), now.end(),
                     [](const KernelService& s) { return s.service.vip == ep("10.0.0.200:80"); }),
      now.end());
  Plan without_key = plan;
  without_key.hash_key.reset();
  EXPECT_EQ(compiled_form(as_plan(now)), without_key);
}

TEST(Apply, TheHashKeyIsSetAfterReadingAndBeforeAnyStep) {
  const Plan plan = target_without_deletions();
  FakeServices fake(state_before());
  (void)knits::alrm::apply(plan, fake, {});
  ASSERT_GE(fake.calls().size(), 3U);
  EXPECT_EQ(fake.calls()[0], "read");
  EXPECT_EQ(fake.calls()[1], "set hash key");
  EXPECT_EQ(std::count(fake.calls().begin(), fake.calls().end(), "set hash key"), 1);
}

TEST(Apply, WithoutAHashKeyTheKeyIsLeftAlone) {
  Plan plan = target_without_deletions();
  plan.hash_key.reset();
  FakeServices fake(state_before());
  const ApplyResult result = knits::alrm::apply(plan, fake, {});
  EXPECT_FALSE(fake.key().has_value());
  ASSERT_FALSE(result.done.empty());
  EXPECT_NE(result.done[0], "set the schedulers' hash key");
}

TEST(Apply, NothingToDoIsNoStep) {
  FakeServices fake(state_before());
  const ApplyResult result = knits::alrm::apply(example_plan(), fake, {});
  EXPECT_TRUE(result.done.empty());
  EXPECT_EQ(fake.applied(), 0U);
  EXPECT_TRUE(same_state(fake.state(), state_before()));
}

TEST(Apply, RetiredServicesAreDeletedAndNotUnmanaged) {
  FakeServices fake(state_before());
  const ApplyResult result = knits::alrm::apply(example_plan(), fake, {ep("10.0.0.200:80")});
  EXPECT_EQ(result.done, (std::vector<std::string>{"delete service 10.0.0.200:80"}));
  EXPECT_TRUE(result.unmanaged.empty());
  EXPECT_TRUE(same_state(fake.state(), kernel_of(example_plan())));
}

TEST(Apply, ARefusalInTheMiddleUndoesEverythingExactly) {
  const Plan plan = target_without_deletions();
  const std::vector<Step> steps = reconcile(plan, state_before(), {});
  ASSERT_GE(steps.size(), 6U);
  ASSERT_TRUE(std::none_of(steps.begin(), steps.end(), is_deletion));
  // refused at every step in turn, the first and the last included
  for (std::size_t refused = 0; refused < steps.size(); refused++) {
    FakeServices fake(state_before());
    fake.refuse_at(refused);
    try {
      (void)knits::alrm::apply(plan, fake, {});
      ADD_FAILURE() << "applied although step " << refused << " was refused";
    } catch (const ApplyError& e) {
      EXPECT_EQ(std::string(e.what()), steps[refused].to_string() +
                                           ": the fake module refuses (the steps before it "
                                           "were undone)");
    }
    EXPECT_TRUE(same_state(fake.state(), state_before())) << "refused at step " << refused;
    // the key cannot be read back: it stays
    EXPECT_EQ(fake.key(), plan.hash_key);
  }
}

TEST(Apply, ARefusalAfterBecomingMhPutsBackTheTableSizeTheModuleHad) {
  // The wrr service becomes mh with 7 slots, then a later step is refused.
  Plan plan = example_plan();
  plan.services[0].settings = genl::ServiceSettings{"mh", 7, std::nullopt};
  plan.services[0].members.push_back(member("10.1.1.6:80"));
  FakeServices fake(state_before());
  fake.refuse_at(1);
  EXPECT_THROW((void)knits::alrm::apply(plan, fake, {}), ApplyError);
  ASSERT_EQ(fake.calls().at(1), "change service 10.0.0.100:80 scheduler mh mh_table_size 7");
  ASSERT_EQ(fake.state().size(), state_before().size());
  EXPECT_EQ(fake.state()[0].service.sched, "wrr");
  // the size goes back while the service is still mh, then the scheduler
  EXPECT_TRUE(same_state(fake.state(), state_before()));
}

TEST(Apply, AnUndoThatFailsTooSaysSo) {
  const Plan plan = target_without_deletions();
  FakeServices fake(state_before());
  // step 3 is refused, and so is every undo
  fake.refuse_after(2);
  try {
    (void)knits::alrm::apply(plan, fake, {});
    ADD_FAILURE() << "applied";
  } catch (const ApplyError& e) {
    const std::vector<Step> steps = reconcile(plan, state_before(), {});
    EXPECT_EQ(std::string(e.what()),
              steps[3].to_string() +
                  ": the fake module refuses; undoing the steps before it failed too: the fake "
                  "module refuses");
  }
}

TEST(Apply, ARefusedServiceDeletionPutsBackTheMembersDeletedBeforeIt) {
  // The member 10.1.1.2 leaves the first service, then the retired
  // service's deletion is refused: the member comes back.
  Plan plan = example_plan();
  plan.services[0].members.erase(plan.services[0].members.begin());
  FakeServices fake(state_before());
  fake.refuse_at(1);
  EXPECT_THROW((void)knits::alrm::apply(plan, fake, {ep("10.0.0.200:80")}), ApplyError);
  ASSERT_EQ(fake.calls().at(1), "delete member 10.1.1.2:80 of 10.0.0.100:80");
  ASSERT_EQ(fake.calls().at(2), "delete service 10.0.0.200:80");
  ASSERT_EQ(fake.state().size(), state_before().size());
  std::vector<Endpoint> members;
  for (const genl::Member& m : fake.state()[0].members) {
    members.push_back(m.endpoint);
  }
  // in the order before; a member deleted and added again starts its
  // counters afresh, so only the settings are compared
  EXPECT_EQ(members, (std::vector<Endpoint>{ep("10.1.1.2:80"), ep("10.1.1.3:80")}));
  EXPECT_EQ(knits::alrm::as_plan(fake.state()), knits::alrm::as_plan(state_before()));
}

}  // namespace
