// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The attributes knitsctl sends, checked byte for byte against the ABI and
// read back through the same endpoint codec the reply parsers use.

#include "genl/requests.h"

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "genl/endpoint_attrs.h"
#include "genl/error.h"
#include "genl/reply_attrs.h"
#include "genl_message.h"
#include "knits.h"

namespace {

using knits::genl::AddressAndPort;
using knits::genl::ConfigChange;
using knits::genl::MemberSettings;
using knits::genl::parse_address_and_optional_port;
using knits::genl::parse_endpoint;
using knits::genl::ReplyAttrs;
using knits::genl::ServiceSettings;
using knits::genl::SpliceRequest;
using knits::test::Message;

constexpr std::uint8_t kCmd = KNITS_CMD_NEW_SERVICE;

Message new_request() { return knits::test::new_reply(kCmd); }

// The attributes of nest @type of @msg, indexed by type; the types present
// are listed in @present.
struct Nest {
  std::vector<nlattr*> attrs;
  std::vector<int> present;
};

// The attributes inside @outer (nest @type, for messages).
Nest nest_in(nlattr* outer, int type, int max_type) {
  Nest nest;
  nest.attrs.resize(static_cast<std::size_t>(max_type) + 1);
  if (outer == nullptr) {
    ADD_FAILURE() << "nest " << type << " missing";
    return nest;
  }
  // The kernel's strict validation wants every nest flagged as one.
  EXPECT_TRUE(nla_is_nested(outer)) << "nest " << type;
  EXPECT_EQ(nla_parse_nested(nest.attrs.data(), max_type, outer, nullptr), 0);
  for (int i = 1; i <= max_type; ++i) {
    if (nest.attrs.at(static_cast<std::size_t>(i)) != nullptr) {
      nest.present.push_back(i);
    }
  }
  return nest;
}

Nest nest_of(nl_msg* msg, int type, int max_type) {
  std::array<nlattr*, KNITS_A_MAX + 1> top{};
  EXPECT_EQ(genlmsg_parse(nlmsg_hdr(msg), 0, top.data(), KNITS_A_MAX, nullptr), 0);
  return nest_in(top.at(static_cast<std::size_t>(type)), type, max_type);
}

const nlattr* attr(const Nest& nest, int type) {
  return nest.attrs.at(static_cast<std::size_t>(type));
}

// The nest @type inside @nest.
Nest nest_of(const Nest& nest, int type, int max_type) {
  return nest_in(nest.attrs.at(static_cast<std::size_t>(type)), type, max_type);
}

TEST(Requests, ServiceKeyIsFamilyAddressAndPort) {
  const Message msg = new_request();
  knits::genl::put_service(msg.get(), parse_endpoint("10.0.0.100:80"));
  const Nest nest = nest_of(msg.get(), KNITS_A_SERVICE, KNITS_SVC_A_MAX);
  EXPECT_EQ(nest.present,
            (std::vector<int>{KNITS_SVC_A_FAMILY, KNITS_SVC_A_ADDR, KNITS_SVC_A_PORT}));
  ASSERT_EQ(nla_len(attr(nest, KNITS_SVC_A_FAMILY)), 2);
  EXPECT_EQ(nla_get_u16(attr(nest, KNITS_SVC_A_FAMILY)), AF_INET);
  ASSERT_EQ(nla_len(attr(nest, KNITS_SVC_A_ADDR)), 4);
  const std::array<std::uint8_t, 4> address{10, 0, 0, 100};
  EXPECT_EQ(std::memcmp(nla_data(attr(nest, KNITS_SVC_A_ADDR)), address.data(), 4), 0);
  ASSERT_EQ(nla_len(attr(nest, KNITS_SVC_A_PORT)), 2);
  EXPECT_EQ(nla_get_u16(attr(nest, KNITS_SVC_A_PORT)), 80);  // host byte order
}

TEST(Requests, ServiceSettingsGoOnlyWhenSet) {
  const Message msg = new_request();
  ServiceSettings settings;
  settings.sched = "mh";
  settings.mh_table_size = 131071;
  knits::genl::put_service(msg.get(), parse_endpoint("[fd00::100]:443"), settings);
  const Nest nest = nest_of(msg.get(), KNITS_A_SERVICE, KNITS_SVC_A_MAX);
  EXPECT_EQ(nest.present, (std::vector<int>{KNITS_SVC_A_FAMILY, KNITS_SVC_A_ADDR, KNITS_SVC_A_PORT,
                                            KNITS_SVC_A_SCHED, KNITS_SVC_A_MH_TABLE_SIZE}));
  EXPECT_EQ(nla_len(attr(nest, KNITS_SVC_A_ADDR)), 16);
  ASSERT_EQ(nla_len(attr(nest, KNITS_SVC_A_SCHED)), 3);  // NLA_NUL_STRING: "mh\0"
  EXPECT_STREQ(static_cast<const char*>(nla_data(attr(nest, KNITS_SVC_A_SCHED))), "mh");
  EXPECT_EQ(nla_get_u32(attr(nest, KNITS_SVC_A_MH_TABLE_SIZE)), 131071U);
}

TEST(Requests, MemberSendsAZeroWeight) {
  const Message msg = new_request();
  MemberSettings settings;
  settings.weight = 0;
  settings.state = KNITS_MEMBER_DOWN;
  knits::genl::put_service(msg.get(), parse_endpoint("10.0.0.100:80"));
  knits::genl::put_member(msg.get(), parse_endpoint("10.1.1.2:8080"), settings);
  const Nest nest = nest_of(msg.get(), KNITS_A_MEMBER, KNITS_MEMBER_A_MAX);
  EXPECT_EQ(nest.present,
            (std::vector<int>{KNITS_MEMBER_A_FAMILY, KNITS_MEMBER_A_ADDR, KNITS_MEMBER_A_PORT,
                              KNITS_MEMBER_A_WEIGHT, KNITS_MEMBER_A_STATE}));
  ASSERT_EQ(nla_len(attr(nest, KNITS_MEMBER_A_WEIGHT)), 4);
  EXPECT_EQ(nla_get_u32(attr(nest, KNITS_MEMBER_A_WEIGHT)), 0U);
  ASSERT_EQ(nla_len(attr(nest, KNITS_MEMBER_A_STATE)), 1);
  EXPECT_EQ(nla_get_u8(attr(nest, KNITS_MEMBER_A_STATE)), KNITS_MEMBER_DOWN);
  // Both keys travel, each in its own nest.
  EXPECT_EQ(nest_of(msg.get(), KNITS_A_SERVICE, KNITS_SVC_A_MAX).present.size(), 3U);
}

TEST(Requests, EndpointsReadBackThroughTheReplyCodec) {
  for (const char* text : {"10.0.0.5:1", "[fd00::5]:65535"}) {
    const AddressAndPort client = parse_address_and_optional_port(text);
    const Message msg = new_request();
    knits::genl::put_client(msg.get(), client);
    const ReplyAttrs attrs =
        ReplyAttrs::of_message(nlmsg_hdr(msg.get()), kCmd, KNITS_A_MAX, "test");
    EXPECT_EQ(knits::genl::read_endpoint(attrs.nest(KNITS_A_CLIENT, "client", KNITS_CLIENT_A_MAX),
                                         knits::genl::kKeyAttrs, "client"),
              client.endpoint);
  }
}

TEST(Requests, ClientWithoutPortSendsNone) {
  const Message msg = new_request();
  knits::genl::put_client(msg.get(), parse_address_and_optional_port("fd00::5"));
  const Nest nest = nest_of(msg.get(), KNITS_A_CLIENT, KNITS_CLIENT_A_MAX);
  EXPECT_EQ(nest.present, (std::vector<int>{KNITS_CLIENT_A_FAMILY, KNITS_CLIENT_A_ADDR}));
  EXPECT_EQ(nla_get_u16(attr(nest, KNITS_CLIENT_A_FAMILY)), AF_INET6);
  EXPECT_EQ(nla_len(attr(nest, KNITS_CLIENT_A_ADDR)), 16);
}

TEST(Requests, ConfigMapsStatesToTheirTimeoutAttributes) {
  const Message msg = new_request();
  ConfigChange change;
  change.max_conns = 1;
  change.timeouts = {{KNITS_TCP_ESTABLISHED, 900}, {KNITS_TCP_CLOSE, 10}};
  knits::genl::put_config(msg.get(), change);
  const Nest nest = nest_of(msg.get(), KNITS_A_CONFIG, KNITS_CFG_A_MAX);
  EXPECT_EQ(nest.present, (std::vector<int>{KNITS_CFG_A_MAX_CONNS, KNITS_CFG_A_TIMEOUT_ESTABLISHED,
                                            KNITS_CFG_A_TIMEOUT_CLOSE}));
  EXPECT_EQ(nla_get_u32(attr(nest, KNITS_CFG_A_MAX_CONNS)), 1U);
  EXPECT_EQ(nla_get_u32(attr(nest, KNITS_CFG_A_TIMEOUT_ESTABLISHED)), 900U);
  EXPECT_EQ(nla_get_u32(attr(nest, KNITS_CFG_A_TIMEOUT_CLOSE)), 10U);
}

TEST(Requests, ConfigCarriesTheHashKeyAsItsSixteenBytes) {
  const Message msg = new_request();
  ConfigChange change;
  change.hash_key = knits::genl::HashKey{};
  for (std::size_t i = 0; i < change.hash_key->size(); i++) {
    change.hash_key->at(i) = static_cast<std::uint8_t>(0xa0 + i);
  }
  knits::genl::put_config(msg.get(), change);
  const Nest nest = nest_of(msg.get(), KNITS_A_CONFIG, KNITS_CFG_A_MAX);
  EXPECT_EQ(nest.present, (std::vector<int>{KNITS_CFG_A_HASH_KEY}));
  const nlattr* key = attr(nest, KNITS_CFG_A_HASH_KEY);
  ASSERT_EQ(nla_len(key), KNITS_HASH_KEY_LEN);
  const auto* bytes = static_cast<const std::uint8_t*>(nla_data(key));
  EXPECT_EQ(bytes[0], 0xa0);
  EXPECT_EQ(bytes[15], 0xaf);
}

TEST(Requests, ConfigRefusesAStateWithoutTimeout) {
  const Message msg = new_request();
  ConfigChange change;
  change.timeouts = {{KNITS_TCP_NONE, 1}};
  try {
    knits::genl::put_config(msg.get(), change);
    ADD_FAILURE() << "no error";
  } catch (const knits::genl::Error& e) {
    EXPECT_EQ(e.errnum(), EINVAL);
  }
}

// A request's KNITS_A_SPLICE nest, read back as the module reads it.
struct SpliceNest {
  explicit SpliceNest(const Message& msg)
      : message(ReplyAttrs::of_message(nlmsg_hdr(msg.get()), kCmd, KNITS_A_MAX, "test")),
        attrs(message.nest(KNITS_A_SPLICE, "splice", KNITS_SPLICE_A_MAX)) {}

  [[nodiscard]] knits::genl::Endpoint endpoint(int type) const {
    return knits::genl::read_endpoint(attrs.nest(type, "endpoint", KNITS_EP_A_PORT),
                                      knits::genl::kKeyAttrs, "endpoint");
  }

  ReplyAttrs message;
  ReplyAttrs attrs;
};

SpliceRequest sample_splice() {
  SpliceRequest request;
  request.c1 = knits::genl::parse_splice_connection("10.1.1.2:80,10.0.0.5:40000");
  request.c2 = knits::genl::parse_splice_connection("10.1.1.2:41000,10.1.2.2:80");
  request.t = 0;
  request.s = std::numeric_limits<std::uint64_t>::max();
  return request;
}

TEST(Requests, SpliceCarriesFourEndpointNestsThenTAndS) {
  const Message msg = new_request();
  knits::genl::put_splice(msg.get(), sample_splice());
  const Nest splice = nest_of(msg.get(), KNITS_A_SPLICE, KNITS_SPLICE_A_MAX);
  // Never the reply-only STATUS and P, which the module's policy refuses.
  EXPECT_EQ(splice.present, (std::vector<int>{KNITS_SPLICE_A_C1_LOCAL, KNITS_SPLICE_A_C1_PEER,
                                              KNITS_SPLICE_A_C2_LOCAL, KNITS_SPLICE_A_C2_PEER,
                                              KNITS_SPLICE_A_T, KNITS_SPLICE_A_S}));
  ASSERT_EQ(nla_len(attr(splice, KNITS_SPLICE_A_T)), 8);  // NLA_U64, even for 0
  EXPECT_EQ(nla_get_u64(attr(splice, KNITS_SPLICE_A_T)), 0U);
  ASSERT_EQ(nla_len(attr(splice, KNITS_SPLICE_A_S)), 8);
  EXPECT_EQ(nla_get_u64(attr(splice, KNITS_SPLICE_A_S)), std::numeric_limits<std::uint64_t>::max());
}

TEST(Requests, PrepareCarriesC1sEndpointNestsOnly) {
  const Message msg = new_request();
  const SpliceRequest sample = sample_splice();
  knits::genl::put_prepare(msg.get(), sample.c1);
  const Nest prepare = nest_of(msg.get(), KNITS_A_SPLICE, KNITS_SPLICE_A_MAX);
  // the module's prepare policy refuses c2, T and S
  EXPECT_EQ(prepare.present, (std::vector<int>{KNITS_SPLICE_A_C1_LOCAL, KNITS_SPLICE_A_C1_PEER}));
  const SpliceNest nest(msg);
  EXPECT_EQ(nest.endpoint(KNITS_SPLICE_A_C1_LOCAL), sample.c1.local);
  EXPECT_EQ(nest.endpoint(KNITS_SPLICE_A_C1_PEER), sample.c1.peer);
}

TEST(Requests, SpliceEndpointsAreKeyNests) {
  const Message msg = new_request();
  knits::genl::put_splice(msg.get(), sample_splice());
  const Nest splice = nest_of(msg.get(), KNITS_A_SPLICE, KNITS_SPLICE_A_MAX);
  const Nest c1_peer = nest_of(splice, KNITS_SPLICE_A_C1_PEER, KNITS_EP_A_PORT);
  EXPECT_EQ(c1_peer.present,
            (std::vector<int>{KNITS_EP_A_FAMILY, KNITS_EP_A_ADDR, KNITS_EP_A_PORT}));
  ASSERT_EQ(nla_len(attr(c1_peer, KNITS_EP_A_FAMILY)), 2);
  EXPECT_EQ(nla_get_u16(attr(c1_peer, KNITS_EP_A_FAMILY)), AF_INET);
  ASSERT_EQ(nla_len(attr(c1_peer, KNITS_EP_A_ADDR)), 4);
  const std::array<std::uint8_t, 4> address{10, 0, 0, 5};
  EXPECT_EQ(std::memcmp(nla_data(attr(c1_peer, KNITS_EP_A_ADDR)), address.data(), 4), 0);
  ASSERT_EQ(nla_len(attr(c1_peer, KNITS_EP_A_PORT)), 2);
  EXPECT_EQ(nla_get_u16(attr(c1_peer, KNITS_EP_A_PORT)), 40000);  // host byte order
}

TEST(Requests, SpliceEndpointsReadBackInTheirPlaces) {
  SpliceRequest request;
  request.c1 = knits::genl::parse_splice_connection("[fd01::2]:80,[fd00::5]:40000");
  request.c2 = knits::genl::parse_splice_connection("[fd01::2]:41000,[fd01:0:0:1::2]:8080");
  request.t = std::uint64_t{1} << 40;
  request.s = 7;
  const Message msg = new_request();
  knits::genl::put_splice(msg.get(), request);
  const SpliceNest splice(msg);
  EXPECT_EQ(splice.endpoint(KNITS_SPLICE_A_C1_LOCAL), request.c1.local);
  EXPECT_EQ(splice.endpoint(KNITS_SPLICE_A_C1_PEER), request.c1.peer);
  EXPECT_EQ(splice.endpoint(KNITS_SPLICE_A_C2_LOCAL), request.c2.local);
  EXPECT_EQ(splice.endpoint(KNITS_SPLICE_A_C2_PEER), request.c2.peer);
  EXPECT_EQ(splice.attrs.u64(KNITS_SPLICE_A_T, "T"), request.t);
  EXPECT_EQ(splice.attrs.u64(KNITS_SPLICE_A_S, "S"), request.s);
}

}  // namespace
