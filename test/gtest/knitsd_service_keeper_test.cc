// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// knitsd's ServiceKeeper: it marks what it applies as knitsd's, and after
// a restart deletes knitsd's services the file no longer has, and no one
// else's.

#include <netinet/in.h>

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "fake_services.h"
#include "genl/endpoint.h"
#include "knits.h"
#include "knitsd/service_keeper.h"
#include "libalrm/descriptor_parse.h"
#include "libalrm/reconcile.h"

namespace {

using knits::alrm::KernelService;
using knits::genl::Endpoint;
using knits::knitsd::ServiceKeeper;
using knits::test::FakeServices;

Endpoint ep(std::string_view text) { return knits::genl::parse_endpoint(text); }

knits::alrm::Descriptor descriptor(const std::string& vips) {
  std::string text;
  for (std::size_t start = 0; start < vips.size();) {
    const std::size_t end = std::min(vips.find(' ', start), vips.size());
    text += "[[service]]\nvip = \"" + vips.substr(start, end - start) +
            "\"\nscheduler = \"rr\"\n  [[service.member]]\n  address = \"10.1.1.2:80\"\n";
    start = end + 1;
  }
  return knits::alrm::parse_descriptor(text, "test.toml");
}

KernelService kernel_service(std::string_view vip, std::uint32_t owner) {
  KernelService s;
  s.service.vip = ep(vip);
  s.service.protocol = IPPROTO_TCP;
  s.service.sched = "rr";
  s.service.mh_table_size = KNITS_MH_TABLE_SIZE_DEFAULT;
  s.service.owner = owner;
  return s;
}

std::uint32_t owner_of(const FakeServices& fake, std::string_view vip) {
  for (const KernelService& s : fake.state()) {
    if (s.service.vip == ep(vip)) {
      return s.service.owner;
    }
  }
  ADD_FAILURE() << vip << " is not in the module";
  return 0;
}

std::vector<Endpoint> vips(const FakeServices& fake) {
  std::vector<Endpoint> out;
  for (const KernelService& s : fake.state()) {
    out.push_back(s.service.vip);
  }
  return out;
}

TEST(ServiceKeeper, WhatItAppliesIsKnitsds) {
  FakeServices fake({});
  ServiceKeeper keeper(fake, true);
  (void)keeper.apply(descriptor("10.9.0.1:80 10.9.0.2:80"));
  EXPECT_EQ(owner_of(fake, "10.9.0.1:80"), std::uint32_t{KNITS_OWNER_KNITSD});
  EXPECT_EQ(owner_of(fake, "10.9.0.2:80"), std::uint32_t{KNITS_OWNER_KNITSD});
  EXPECT_TRUE(keeper.pending(descriptor("10.9.0.1:80 10.9.0.2:80")).empty());
}

TEST(ServiceKeeper, AfterARestartKnitsdsServicesTheFileLostAreDeletedAndNoOneElses) {
  // what an earlier knitsd and an administrator left in the module
  FakeServices fake({kernel_service("10.9.0.1:80", KNITS_OWNER_KNITSD),
                     kernel_service("10.9.0.2:80", KNITS_OWNER_KNITSD),
                     kernel_service("10.9.0.3:80", KNITS_OWNER_NONE),
                     kernel_service("10.9.0.4:80", 77)});
  ServiceKeeper keeper(fake, true);  // nothing in memory: a fresh process
  const knits::alrm::Descriptor file = descriptor("10.9.0.1:80");
  std::vector<std::string> pending;
  for (const knits::alrm::Step& step : keeper.pending(file)) {
    pending.push_back(step.to_string());
  }
  EXPECT_EQ(pending,
            (std::vector<std::string>{"new member 10.1.1.2:80 of 10.9.0.1:80 weight 1 active",
                                      "delete service 10.9.0.2:80"}));
  const knits::alrm::ApplyResult result = keeper.apply(file);
  EXPECT_EQ(vips(fake),
            (std::vector<Endpoint>{ep("10.9.0.1:80"), ep("10.9.0.3:80"), ep("10.9.0.4:80")}));
  EXPECT_EQ(result.unmanaged, (std::vector<Endpoint>{ep("10.9.0.3:80"), ep("10.9.0.4:80")}));
  EXPECT_TRUE(keeper.pending(file).empty());
}

TEST(ServiceKeeper, AServiceOfTheFileSomeoneElseMadeBecomesKnitsds) {
  FakeServices fake({kernel_service("10.9.0.1:80", KNITS_OWNER_NONE)});
  ServiceKeeper keeper(fake, true);
  const knits::alrm::Descriptor file = descriptor("10.9.0.1:80");
  ASSERT_FALSE(keeper.pending(file).empty());
  EXPECT_EQ(keeper.pending(file).front().to_string(), "change service 10.9.0.1:80 owner knitsd");
  (void)keeper.apply(file);
  EXPECT_EQ(owner_of(fake, "10.9.0.1:80"), std::uint32_t{KNITS_OWNER_KNITSD});
  // and a later file without it deletes it
  (void)keeper.apply(descriptor("10.9.0.5:80"));
  EXPECT_EQ(vips(fake), (std::vector<Endpoint>{ep("10.9.0.5:80")}));
}

TEST(ServiceKeeper, WithAModuleThatKeepsNoOwnerItDeletesWhatThisProcessApplied) {
  // a module before ABI 5 refuses the owner attribute: knitsd sends none
  FakeServices fake({kernel_service("10.9.0.3:80", KNITS_OWNER_NONE)});
  ServiceKeeper keeper(fake, false);
  (void)keeper.apply(descriptor("10.9.0.1:80 10.9.0.2:80"));
  (void)keeper.apply(descriptor("10.9.0.1:80"));
  EXPECT_EQ(vips(fake), (std::vector<Endpoint>{ep("10.9.0.3:80"), ep("10.9.0.1:80")}));
  for (const std::string& call : fake.calls()) {
    EXPECT_EQ(call.find("owner"), std::string::npos) << call;
  }
  EXPECT_TRUE(keeper.pending(descriptor("10.9.0.1:80")).empty());
}

}  // namespace
