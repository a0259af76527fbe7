// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/request_attrs.h"

#include <netlink/attr.h>
#include <netlink/msg.h>

#include <cerrno>
#include <string>

#include "genl/error.h"

namespace knits::genl {
namespace {

void check_put(int rc) {
  if (rc < 0) {
    throw Error(EMSGSIZE, "building a request: the message is full");
  }
}

}  // namespace

void put_u8(nl_msg* msg, int type, std::uint8_t value) { check_put(nla_put_u8(msg, type, value)); }

void put_u16(nl_msg* msg, int type, std::uint16_t value) {
  check_put(nla_put_u16(msg, type, value));
}

void put_u32(nl_msg* msg, int type, std::uint32_t value) {
  check_put(nla_put_u32(msg, type, value));
}

void put_u64(nl_msg* msg, int type, std::uint64_t value) {
  check_put(nla_put_u64(msg, type, value));
}

void put_nul_string(nl_msg* msg, int type, std::string_view value) {
  check_put(nla_put_string(msg, type, std::string(value).c_str()));
}

void put_binary(nl_msg* msg, int type, std::span<const std::uint8_t> value) {
  check_put(nla_put(msg, type, static_cast<int>(value.size()), value.data()));
}

NestScope::NestScope(nl_msg* msg, int type) : msg_(msg), nest_(nla_nest_start(msg, type)) {
  if (nest_ == nullptr) {
    check_put(-1);
  }
}

// Closing only writes the nest's length into space already reserved, and our
// nests stay far below the 64 KiB an attribute can hold, so it cannot fail.
NestScope::~NestScope() { nla_nest_end_keep_empty(msg_, nest_); }

}  // namespace knits::genl
