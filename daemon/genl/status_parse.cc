// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/status_parse.h"

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

#include "genl/error.h"
#include "knits.h"

namespace knits::genl {
namespace {

[[noreturn]] void malformed(const std::string& why) {
  throw Error(EBADMSG, "malformed status reply from the knits module: " + why);
}

// The policy only lets libnl reject gross damage; the exact lengths the ABI
// promises are checked below, since libnl treats sizes as minimums.
std::array<nla_policy, KNITS_A_MAX + 1> status_policy() {
  std::array<nla_policy, KNITS_A_MAX + 1> policy{};
  policy[KNITS_A_VERSION].type = NLA_STRING;
  policy[KNITS_A_ABI_VERSION].type = NLA_U32;
  policy[KNITS_A_HOOKS].type = NLA_U32;
  policy[KNITS_A_COUNTERS].type = NLA_NESTED;
  return policy;
}

const nlattr* required(const std::array<nlattr*, KNITS_A_MAX + 1>& attrs, int type,
                       const char* name) {
  const nlattr* attr = attrs.at(static_cast<std::size_t>(type));
  if (attr == nullptr) {
    malformed(std::string(name) + " missing");
  }
  return attr;
}

std::uint32_t get_u32(const nlattr* attr, const char* name) {
  if (nla_len(attr) != sizeof(std::uint32_t)) {
    malformed(std::string(name) + " is not a u32");
  }
  return nla_get_u32(attr);
}

std::string get_nul_string(const nlattr* attr, const char* name) {
  const auto len = static_cast<std::size_t>(nla_len(attr));
  const auto* data = static_cast<const char*>(nla_data(attr));
  if (len == 0 || std::memchr(data, '\0', len) == nullptr) {
    malformed(std::string(name) + " is not NUL-terminated");
  }
  return {data};
}

void get_counters(const nlattr* nest, std::map<std::uint16_t, std::uint64_t>& out) {
  int rem = nla_len(nest);
  for (const auto* attr = static_cast<const nlattr*>(nla_data(nest)); nla_ok(attr, rem) != 0;
       attr = nla_next(attr, &rem)) {
    const int id = nla_type(attr);
    // A kernel without efficient unaligned access pads u64 attributes with
    // an attribute of type 0 (KNITS_CTR_UNSPEC), which carries nothing.
    if (id == KNITS_CTR_UNSPEC) {
      continue;
    }
    if (nla_len(attr) != sizeof(std::uint64_t)) {
      malformed("counter " + std::to_string(id) + " is not a u64");
    }
    if (!out.emplace(static_cast<std::uint16_t>(id), nla_get_u64(attr)).second) {
      malformed("counter " + std::to_string(id) + " appears twice");
    }
  }
  if (rem != 0) {
    malformed("trailing bytes after the counters");
  }
}

}  // namespace

Status parse_status(nlmsghdr* hdr) {
  if (genlmsg_valid_hdr(hdr, 0) == 0) {
    malformed("truncated generic netlink header");
  }
  if (genlmsg_hdr(hdr)->cmd != KNITS_CMD_GET_STATUS) {
    malformed("unexpected command " + std::to_string(genlmsg_hdr(hdr)->cmd));
  }
  static const auto kPolicy = status_policy();
  std::array<nlattr*, KNITS_A_MAX + 1> attrs{};
  if (const int rc = genlmsg_parse(hdr, 0, attrs.data(), KNITS_A_MAX, kPolicy.data()); rc < 0) {
    malformed(nl_geterror(rc));
  }

  Status status;
  status.version = get_nul_string(required(attrs, KNITS_A_VERSION, "version"), "version");
  status.abi_version = get_u32(required(attrs, KNITS_A_ABI_VERSION, "ABI version"), "ABI version");
  status.hooks = get_u32(required(attrs, KNITS_A_HOOKS, "hooks"), "hooks");
  get_counters(required(attrs, KNITS_A_COUNTERS, "counters"), status.counters);
  return status;
}

}  // namespace knits::genl
