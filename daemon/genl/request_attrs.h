// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_REQUEST_ATTRS_H
#define KNITS_DAEMON_GENL_REQUEST_ATTRS_H

#include <cstdint>
#include <span>
#include <string_view>

struct nl_msg;
struct nlattr;

namespace knits::genl {

// Appending attributes to a request. libnl reports a full message by a
// return code that is easy to drop; these throw Error(EMSGSIZE) instead.
void put_u8(nl_msg* msg, int type, std::uint8_t value);
void put_u16(nl_msg* msg, int type, std::uint16_t value);
void put_u32(nl_msg* msg, int type, std::uint32_t value);
void put_u64(nl_msg* msg, int type, std::uint64_t value);
void put_nul_string(nl_msg* msg, int type, std::string_view value);
void put_binary(nl_msg* msg, int type, std::span<const std::uint8_t> value);

// A nest open for as long as the object lives: attributes put meanwhile go
// inside it.
class NestScope {
 public:
  NestScope(nl_msg* msg, int type);
  NestScope(const NestScope&) = delete;
  NestScope& operator=(const NestScope&) = delete;
  NestScope(NestScope&&) = delete;
  NestScope& operator=(NestScope&&) = delete;
  ~NestScope();

 private:
  nl_msg* msg_;
  nlattr* nest_;
};

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_REQUEST_ATTRS_H
