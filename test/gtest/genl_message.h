// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Building generic netlink messages the way the module builds them, so that
// parsers are tested without a kernel.

#ifndef KNITS_TEST_GTEST_GENL_MESSAGE_H
#define KNITS_TEST_GTEST_GENL_MESSAGE_H

#include <arpa/inet.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "genl/error.h"
#include "knits.h"

namespace knits::test {

constexpr int kFamily = 0x20;  // any dynamic generic netlink id will do

struct MessageDeleter {
  void operator()(nl_msg* msg) const noexcept { nlmsg_free(msg); }
};
using Message = std::unique_ptr<nl_msg, MessageDeleter>;

inline Message new_reply(std::uint8_t cmd) {
  Message msg(nlmsg_alloc());
  EXPECT_NE(
      genlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, kFamily, 0, 0, cmd, KNITS_GENL_VERSION),
      nullptr);
  return msg;
}

// The address bytes of @text ("10.0.0.1" or "fd00::1") as the ABI carries
// them.
struct AddressBytes {
  std::uint16_t family = 0;
  std::array<std::uint8_t, 16> bytes{};
  int size = 0;
};

inline AddressBytes address_bytes(const std::string& text) {
  AddressBytes out;
  if (inet_pton(AF_INET, text.c_str(), out.bytes.data()) == 1) {
    out.family = AF_INET;
    out.size = 4;
  } else {
    EXPECT_EQ(inet_pton(AF_INET6, text.c_str(), out.bytes.data()), 1) << text;
    out.family = AF_INET6;
    out.size = 16;
  }
  return out;
}

// KNITS_EP_A_FAMILY, _ADDR and _PORT, as the service, member and client
// nests carry their key.
inline void put_endpoint_attrs(nl_msg* msg, const std::string& address, std::uint16_t port) {
  const AddressBytes bytes = address_bytes(address);
  ASSERT_EQ(nla_put_u16(msg, KNITS_EP_A_FAMILY, bytes.family), 0);
  ASSERT_EQ(nla_put(msg, KNITS_EP_A_ADDR, bytes.size, bytes.bytes.data()), 0);
  ASSERT_EQ(nla_put_u16(msg, KNITS_EP_A_PORT, port), 0);
}

// A nest of u64 attributes, type = id.
inline void put_u64_nest(nl_msg* msg, int type,
                         std::initializer_list<std::pair<int, std::uint64_t>> values) {
  nlattr* nest = nla_nest_start(msg, type);
  for (const auto& [id, value] : values) {
    ASSERT_EQ(nla_put_u64(msg, id, value), 0);
  }
  nla_nest_end_keep_empty(msg, nest);
}

// The Error that @parse throws for @msg: its errno and message, or 0 and ""
// when it does not throw.
struct ParseFailure {
  int errnum = 0;
  std::string message;
};

template <typename Parse>
ParseFailure parse_failure(Parse parse, nl_msg* msg) {
  try {
    (void)parse(nlmsg_hdr(msg));
  } catch (const genl::Error& e) {
    return {e.errnum(), e.what()};
  }
  return {};
}

}  // namespace knits::test

#endif  // KNITS_TEST_GTEST_GENL_MESSAGE_H
