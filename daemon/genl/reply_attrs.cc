// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/reply_attrs.h"

#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/genl/genl.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "genl/error.h"

namespace knits::genl {

ReplyAttrs::ReplyAttrs(std::string reply, std::vector<nlattr*> table)
    : reply_(std::move(reply)), table_(std::move(table)) {}

ReplyAttrs ReplyAttrs::of_message(nlmsghdr* hdr, std::uint8_t cmd, int max_type,
                                  std::string_view reply) {
  ReplyAttrs attrs(std::string(reply),
                   std::vector<nlattr*>(static_cast<std::size_t>(max_type) + 1));
  if (genlmsg_valid_hdr(hdr, 0) == 0) {
    attrs.malformed("truncated generic netlink header");
  }
  if (genlmsg_hdr(hdr)->cmd != cmd) {
    attrs.malformed("unexpected command " + std::to_string(genlmsg_hdr(hdr)->cmd));
  }
  if (const int rc = genlmsg_parse(hdr, 0, attrs.table_.data(), max_type, nullptr); rc < 0) {
    attrs.malformed(nl_geterror(rc));
  }
  return attrs;
}

ReplyAttrs ReplyAttrs::nest(int type, std::string_view name, int max_type) const {
  ReplyAttrs inner(reply_, std::vector<nlattr*>(static_cast<std::size_t>(max_type) + 1));
  if (const int rc =
          nla_parse_nested(inner.table_.data(), max_type, &required(type, name), nullptr);
      rc < 0) {
    malformed(std::string(name) + ": " + nl_geterror(rc));
  }
  return inner;
}

nlattr* ReplyAttrs::slot(int type) const noexcept {
  if (type <= 0 || static_cast<std::size_t>(type) >= table_.size()) {
    return nullptr;
  }
  return table_[static_cast<std::size_t>(type)];
}

const nlattr* ReplyAttrs::find(int type) const noexcept { return slot(type); }

void ReplyAttrs::malformed(const std::string& why) const {
  throw Error(EBADMSG, "malformed " + reply_ + " from the knits module: " + why);
}

nlattr& ReplyAttrs::required(int type, std::string_view name) const {
  nlattr* attr = slot(type);
  if (attr == nullptr) {
    malformed(std::string(name) + " missing");
  }
  return *attr;
}

const nlattr& ReplyAttrs::sized(int type, std::string_view name, std::size_t size,
                                std::string_view type_name) const {
  const nlattr& attr = required(type, name);
  if (static_cast<std::size_t>(nla_len(&attr)) != size) {
    malformed(std::string(name) + " is not a " + std::string(type_name));
  }
  return attr;
}

std::uint8_t ReplyAttrs::u8(int type, std::string_view name) const {
  return nla_get_u8(&sized(type, name, sizeof(std::uint8_t), "u8"));
}

std::uint16_t ReplyAttrs::u16(int type, std::string_view name) const {
  return nla_get_u16(&sized(type, name, sizeof(std::uint16_t), "u16"));
}

std::uint32_t ReplyAttrs::u32(int type, std::string_view name) const {
  return nla_get_u32(&sized(type, name, sizeof(std::uint32_t), "u32"));
}

std::uint64_t ReplyAttrs::u64(int type, std::string_view name) const {
  return nla_get_u64(&sized(type, name, sizeof(std::uint64_t), "u64"));
}

std::string ReplyAttrs::nul_string(int type, std::string_view name) const {
  const nlattr& attr = required(type, name);
  const auto len = static_cast<std::size_t>(nla_len(&attr));
  const auto* data = static_cast<const char*>(nla_data(&attr));
  if (len == 0 || std::memchr(data, '\0', len) == nullptr) {
    malformed(std::string(name) + " is not NUL-terminated");
  }
  return {data};
}

std::span<const std::uint8_t> ReplyAttrs::binary(int type, std::string_view name) const {
  const nlattr& attr = required(type, name);
  return {static_cast<const std::uint8_t*>(nla_data(&attr)),
          static_cast<std::size_t>(nla_len(&attr))};
}

CounterMap ReplyAttrs::u64_nest(int type, std::string_view name) const {
  const nlattr& nest = required(type, name);
  CounterMap out;
  int rem = nla_len(&nest);
  for (const auto* attr = static_cast<const nlattr*>(nla_data(&nest)); nla_ok(attr, rem) != 0;
       attr = nla_next(attr, &rem)) {
    const int id = nla_type(attr);
    // A kernel without efficient unaligned access pads u64 attributes with
    // an attribute of type 0 (every such enum's UNSPEC), which carries
    // nothing.
    if (id == 0) {
      continue;
    }
    const std::string what = std::string(name) + " id " + std::to_string(id);
    if (nla_len(attr) != sizeof(std::uint64_t)) {
      malformed(what + " is not a u64");
    }
    if (!out.emplace(static_cast<std::uint16_t>(id), nla_get_u64(attr)).second) {
      malformed(what + " appears twice");
    }
  }
  if (rem != 0) {
    malformed("trailing bytes after the " + std::string(name));
  }
  return out;
}

}  // namespace knits::genl
