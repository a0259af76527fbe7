// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Decoding of KNITS_CMD_GET_SERVICE and KNITS_CMD_GET_MEMBER dump messages.

#include "genl/service_parse.h"

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "genl_message.h"
#include "knits.h"

namespace {

using knits::genl::Member;
using knits::genl::parse_endpoint;
using knits::genl::parse_member;
using knits::genl::parse_service;
using knits::genl::Service;
using knits::test::address_bytes;
using knits::test::Message;
using knits::test::new_reply;
using knits::test::parse_failure;
using knits::test::put_u64_nest;

constexpr int kNone = 0;

// Puts attributes into the nest being built: a replacement for the skipped
// one, or extras.
using PutInside = std::function<void(nl_msg*)>;

// A service reply as the module builds it, without attribute @skip and with
// whatever @inside adds to the KNITS_A_SERVICE nest.
Message service_reply(int skip = kNone, const PutInside& inside = {},
                      const std::string& vip = "10.0.0.100") {
  Message msg = new_reply(KNITS_CMD_GET_SERVICE);
  nl_msg* m = msg.get();
  nlattr* nest = nla_nest_start(m, KNITS_A_SERVICE);
  const auto address = address_bytes(vip);
  if (skip != KNITS_SVC_A_FAMILY) {
    EXPECT_EQ(nla_put_u16(m, KNITS_SVC_A_FAMILY, address.family), 0);
  }
  if (skip != KNITS_SVC_A_ADDR) {
    EXPECT_EQ(nla_put(m, KNITS_SVC_A_ADDR, address.size, address.bytes.data()), 0);
  }
  if (skip != KNITS_SVC_A_PORT) {
    EXPECT_EQ(nla_put_u16(m, KNITS_SVC_A_PORT, 80), 0);
  }
  if (skip != KNITS_SVC_A_PROTOCOL) {
    EXPECT_EQ(nla_put_u8(m, KNITS_SVC_A_PROTOCOL, IPPROTO_TCP), 0);
  }
  if (skip != KNITS_SVC_A_SCHED) {
    EXPECT_EQ(nla_put_string(m, KNITS_SVC_A_SCHED, "mh"), 0);
  }
  if (skip != KNITS_SVC_A_MH_TABLE_SIZE) {
    EXPECT_EQ(nla_put_u32(m, KNITS_SVC_A_MH_TABLE_SIZE, 4093), 0);
  }
  if (skip != KNITS_SVC_A_MEMBERS) {
    EXPECT_EQ(nla_put_u32(m, KNITS_SVC_A_MEMBERS, 2), 0);
  }
  if (skip != KNITS_SVC_A_STATS) {
    put_u64_nest(m, KNITS_SVC_A_STATS, {{KNITS_STAT_CONNS, 5}, {KNITS_STAT_BYTES_OUT, 1ULL << 40}});
  }
  if (skip != KNITS_SVC_A_OWNER) {
    EXPECT_EQ(nla_put_u32(m, KNITS_SVC_A_OWNER, KNITS_OWNER_KNITSD), 0);
  }
  if (inside) {
    inside(m);
  }
  nla_nest_end(m, nest);
  return msg;
}

Message member_reply(int skip = kNone, const PutInside& inside = {}) {
  Message msg = new_reply(KNITS_CMD_GET_MEMBER);
  nl_msg* m = msg.get();
  nlattr* nest = nla_nest_start(m, KNITS_A_MEMBER);
  const auto address = address_bytes("10.1.1.2");
  if (skip != KNITS_MEMBER_A_FAMILY) {
    EXPECT_EQ(nla_put_u16(m, KNITS_MEMBER_A_FAMILY, address.family), 0);
  }
  if (skip != KNITS_MEMBER_A_ADDR) {
    EXPECT_EQ(nla_put(m, KNITS_MEMBER_A_ADDR, address.size, address.bytes.data()), 0);
  }
  if (skip != KNITS_MEMBER_A_PORT) {
    EXPECT_EQ(nla_put_u16(m, KNITS_MEMBER_A_PORT, 8080), 0);
  }
  if (skip != KNITS_MEMBER_A_WEIGHT) {
    EXPECT_EQ(nla_put_u32(m, KNITS_MEMBER_A_WEIGHT, 65535), 0);
  }
  if (skip != KNITS_MEMBER_A_STATE) {
    EXPECT_EQ(nla_put_u8(m, KNITS_MEMBER_A_STATE, KNITS_MEMBER_DRAINING), 0);
  }
  if (skip != KNITS_MEMBER_A_CONNS) {
    EXPECT_EQ(nla_put_u32(m, KNITS_MEMBER_A_CONNS, 3), 0);
  }
  if (skip != KNITS_MEMBER_A_STATS) {
    put_u64_nest(m, KNITS_MEMBER_A_STATS, {{KNITS_STAT_PACKETS_IN, 7}});
  }
  if (skip != KNITS_MEMBER_A_ACTIVE_CONNS) {
    EXPECT_EQ(nla_put_u32(m, KNITS_MEMBER_A_ACTIVE_CONNS, 2), 0);
  }
  if (inside) {
    inside(m);
  }
  nla_nest_end(m, nest);
  return msg;
}

std::string service_failure(const Message& msg) {
  const auto failure = parse_failure(parse_service, msg.get());
  EXPECT_EQ(failure.errnum, EBADMSG);
  return failure.message;
}

std::string member_failure(const Message& msg) {
  const auto failure = parse_failure(parse_member, msg.get());
  EXPECT_EQ(failure.errnum, EBADMSG);
  return failure.message;
}

TEST(ServiceParse, DecodesAValidReply) {
  const Message msg = service_reply();
  const Service service = parse_service(nlmsg_hdr(msg.get()));
  EXPECT_EQ(service.vip, parse_endpoint("10.0.0.100:80"));
  EXPECT_EQ(service.protocol, IPPROTO_TCP);
  EXPECT_EQ(service.sched, "mh");
  EXPECT_EQ(service.mh_table_size, 4093U);
  EXPECT_EQ(service.member_count, 2U);
  const knits::genl::CounterMap expected{{KNITS_STAT_CONNS, 5}, {KNITS_STAT_BYTES_OUT, 1ULL << 40}};
  EXPECT_EQ(service.stats, expected);
  EXPECT_EQ(service.owner, std::uint32_t{KNITS_OWNER_KNITSD});
}

TEST(ServiceParse, AServiceOfAModuleBeforeOwnersIsNoOnesAndAnyOwnerIsKept) {
  // ABI 4 has no KNITS_SVC_A_OWNER: an administrator's service
  EXPECT_EQ(parse_service(nlmsg_hdr(service_reply(KNITS_SVC_A_OWNER).get())).owner,
            std::uint32_t{KNITS_OWNER_NONE});
  const Message other = service_reply(KNITS_SVC_A_OWNER, [](nl_msg* m) {
    ASSERT_EQ(nla_put_u32(m, KNITS_SVC_A_OWNER, 0xfffffffeU), 0);
  });
  EXPECT_EQ(parse_service(nlmsg_hdr(other.get())).owner, 0xfffffffeU);
}

TEST(ServiceParse, RejectsAnOwnerOfTheWrongSize) {
  const Message msg = service_reply(
      KNITS_SVC_A_OWNER, [](nl_msg* m) { ASSERT_EQ(nla_put_u8(m, KNITS_SVC_A_OWNER, 1), 0); });
  EXPECT_TRUE(service_failure(msg).ends_with("owner is not a u32")) << service_failure(msg);
}

TEST(ServiceParse, DecodesAnIpv6Service) {
  const Message msg = service_reply(kNone, {}, "fd00::100");
  EXPECT_EQ(parse_service(nlmsg_hdr(msg.get())).vip, parse_endpoint("[fd00::100]:80"));
}

TEST(ServiceParse, SkipsAttributesOfNewerModules) {
  const Message msg = service_reply(KNITS_SVC_A_STATS, [](nl_msg* m) {
    ASSERT_EQ(nla_put_u64(m, KNITS_SVC_A_MAX + 1, 9), 0);
    put_u64_nest(m, KNITS_SVC_A_STATS, {{KNITS_STAT_CONNS, 1}, {KNITS_STAT_MAX + 1, 11}});
  });
  ASSERT_EQ(nla_put_u32(msg.get(), KNITS_A_MAX + 1, 1), 0);
  const Service service = parse_service(nlmsg_hdr(msg.get()));
  EXPECT_EQ(service.sched, "mh");
  // Unknown stats are kept for presentation, like unknown counters.
  EXPECT_EQ(service.stats,
            (knits::genl::CounterMap{{KNITS_STAT_CONNS, 1}, {KNITS_STAT_MAX + 1, 11}}));
}

TEST(ServiceParse, RejectsEveryMissingAttribute) {
  // every attribute but the owner, which ABI 5 added
  for (int type = KNITS_SVC_A_UNSPEC + 1; type < KNITS_SVC_A_OWNER; ++type) {
    const std::string message = service_failure(service_reply(type));
    EXPECT_TRUE(message.ends_with(" missing")) << "attribute " << type << ": " << message;
  }
}

TEST(ServiceParse, NamesTheMissingAttribute) {
  EXPECT_EQ(service_failure(service_reply(KNITS_SVC_A_SCHED)),
            "malformed service reply from the knits module: scheduler missing");
}

TEST(ServiceParse, RejectsAMissingNest) {
  EXPECT_EQ(service_failure(new_reply(KNITS_CMD_GET_SERVICE)),
            "malformed service reply from the knits module: service missing");
}

TEST(ServiceParse, RejectsAnAddressOfTheWrongLength) {
  const Message msg = service_reply(KNITS_SVC_A_ADDR, [](nl_msg* m) {
    const auto v6 = address_bytes("fd00::1");
    ASSERT_EQ(nla_put(m, KNITS_SVC_A_ADDR, v6.size, v6.bytes.data()), 0);
  });
  EXPECT_EQ(service_failure(msg),
            "malformed service reply from the knits module: service address has 16 bytes, not "
            "the 4 of its family");
}

TEST(ServiceParse, RejectsAnUnknownFamily) {
  const Message msg = service_reply(KNITS_SVC_A_FAMILY, [](nl_msg* m) {
    ASSERT_EQ(nla_put_u16(m, KNITS_SVC_A_FAMILY, AF_UNIX), 0);
  });
  EXPECT_EQ(service_failure(msg),
            "malformed service reply from the knits module: service family 1 is neither AF_INET "
            "nor AF_INET6");
}

TEST(ServiceParse, RejectsIntegersOfTheWrongSize) {
  EXPECT_EQ(
      service_failure(service_reply(
          KNITS_SVC_A_PORT, [](nl_msg* m) { ASSERT_EQ(nla_put_u32(m, KNITS_SVC_A_PORT, 80), 0); })),
      "malformed service reply from the knits module: service port is not a u16");
  EXPECT_EQ(service_failure(service_reply(
                KNITS_SVC_A_PROTOCOL,
                [](nl_msg* m) { ASSERT_EQ(nla_put_u16(m, KNITS_SVC_A_PROTOCOL, 6), 0); })),
            "malformed service reply from the knits module: protocol is not a u8");
  EXPECT_EQ(service_failure(service_reply(
                KNITS_SVC_A_MEMBERS,
                [](nl_msg* m) { ASSERT_EQ(nla_put_u64(m, KNITS_SVC_A_MEMBERS, 1), 0); })),
            "malformed service reply from the knits module: member count is not a u32");
}

TEST(ServiceParse, RejectsASchedulerWithoutNul) {
  const Message msg = service_reply(
      KNITS_SVC_A_SCHED, [](nl_msg* m) { ASSERT_EQ(nla_put(m, KNITS_SVC_A_SCHED, 2, "rr"), 0); });
  EXPECT_EQ(service_failure(msg),
            "malformed service reply from the knits module: scheduler is not NUL-terminated");
}

TEST(ServiceParse, RejectsAStatThatIsNotAU64) {
  const Message msg = service_reply(KNITS_SVC_A_STATS, [](nl_msg* m) {
    nlattr* stats = nla_nest_start(m, KNITS_SVC_A_STATS);
    ASSERT_EQ(nla_put_u32(m, KNITS_STAT_CONNS, 1), 0);
    nla_nest_end(m, stats);
  });
  EXPECT_EQ(service_failure(msg),
            "malformed service reply from the knits module: stats id 1 is not a u64");
}

TEST(ServiceParse, RejectsADuplicateStat) {
  const Message msg = service_reply(KNITS_SVC_A_STATS, [](nl_msg* m) {
    put_u64_nest(m, KNITS_SVC_A_STATS, {{KNITS_STAT_CONNS, 1}, {KNITS_STAT_CONNS, 2}});
  });
  EXPECT_EQ(service_failure(msg),
            "malformed service reply from the knits module: stats id 1 appears twice");
}

TEST(ServiceParse, RejectsAnotherCommand) {
  EXPECT_EQ(service_failure(member_reply()),
            "malformed service reply from the knits module: unexpected command " +
                std::to_string(KNITS_CMD_GET_MEMBER));
}

TEST(MemberParse, DecodesAValidReply) {
  const Message msg = member_reply();
  const Member member = parse_member(nlmsg_hdr(msg.get()));
  EXPECT_EQ(member.endpoint, parse_endpoint("10.1.1.2:8080"));
  EXPECT_EQ(member.weight, 65535U);
  EXPECT_EQ(member.state, KNITS_MEMBER_DRAINING);
  EXPECT_EQ(member.conns, 3U);
  EXPECT_EQ(member.active_conns, 2U);
  EXPECT_EQ(member.stats, (knits::genl::CounterMap{{KNITS_STAT_PACKETS_IN, 7}}));
}

TEST(MemberParse, RejectsEveryMissingAttribute) {
  for (int type = KNITS_MEMBER_A_UNSPEC + 1; type <= KNITS_MEMBER_A_MAX; ++type) {
    const std::string message = member_failure(member_reply(type));
    EXPECT_TRUE(message.ends_with(" missing")) << "attribute " << type << ": " << message;
  }
}

TEST(MemberParse, NamesTheMissingAttribute) {
  EXPECT_EQ(member_failure(member_reply(KNITS_MEMBER_A_PORT)),
            "malformed member reply from the knits module: member port missing");
}

TEST(MemberParse, RejectsAWeightOfTheWrongSize) {
  const Message msg = member_reply(KNITS_MEMBER_A_WEIGHT, [](nl_msg* m) {
    ASSERT_EQ(nla_put_u16(m, KNITS_MEMBER_A_WEIGHT, 1), 0);
  });
  EXPECT_EQ(member_failure(msg),
            "malformed member reply from the knits module: weight is not a u32");
}

TEST(MemberParse, KeepsStatesUnknownToThisBuild) {
  const Message msg = member_reply(KNITS_MEMBER_A_STATE, [](nl_msg* m) {
    ASSERT_EQ(nla_put_u8(m, KNITS_MEMBER_A_STATE, KNITS_MEMBER_STATE_MAX + 1), 0);
    ASSERT_EQ(nla_put_u32(m, KNITS_MEMBER_A_MAX + 1, 0), 0);
  });
  EXPECT_EQ(parse_member(nlmsg_hdr(msg.get())).state, KNITS_MEMBER_STATE_MAX + 1);
}

}  // namespace
