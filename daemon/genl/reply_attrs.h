// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_REPLY_ATTRS_H
#define KNITS_DAEMON_GENL_REPLY_ATTRS_H

#include <linux/netlink.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "genl/counter_map.h"

namespace knits::genl {

// One level of a reply's attributes (the message's own or a nest's), indexed
// by type, shared by every reply parser. Types above the level's maximum,
// which newer modules may add, are skipped. Every accessor checks the exact
// size the ABI promises (libnl only checks minimums) and throws
// Error(EBADMSG) naming the reply: a client that cannot trust a reply must
// not print made-up numbers.
class ReplyAttrs {
 public:
  // The attributes of a whole reply message, once its generic netlink header
  // is whole and its command is @cmd. @reply names it in errors, e.g.
  // "service reply".
  [[nodiscard]] static ReplyAttrs of_message(nlmsghdr* hdr, std::uint8_t cmd, int max_type,
                                             std::string_view reply);

  // The attributes inside nest @type, which must be present.
  [[nodiscard]] ReplyAttrs nest(int type, std::string_view name, int max_type) const;

  // nullptr when absent.
  [[nodiscard]] const nlattr* find(int type) const noexcept;
  [[nodiscard]] bool has(int type) const noexcept { return find(type) != nullptr; }

  // Each throws when the attribute is absent or of the wrong size; @name
  // says which attribute in the message, e.g. "member port".
  [[nodiscard]] std::uint8_t u8(int type, std::string_view name) const;
  [[nodiscard]] std::uint16_t u16(int type, std::string_view name) const;
  [[nodiscard]] std::uint32_t u32(int type, std::string_view name) const;
  [[nodiscard]] std::uint64_t u64(int type, std::string_view name) const;
  [[nodiscard]] std::string nul_string(int type, std::string_view name) const;
  [[nodiscard]] std::span<const std::uint8_t> binary(int type, std::string_view name) const;
  // A nest of NLA_U64 attributes whose type is the id (counters, stats).
  [[nodiscard]] CounterMap u64_nest(int type, std::string_view name) const;

  [[noreturn]] void malformed(const std::string& why) const;

 private:
  ReplyAttrs(std::string reply, std::vector<nlattr*> table);

  // libnl's readers take non-const attributes, though they only read.
  [[nodiscard]] nlattr* slot(int type) const noexcept;
  [[nodiscard]] nlattr& required(int type, std::string_view name) const;
  [[nodiscard]] const nlattr& sized(int type, std::string_view name, std::size_t size,
                                    std::string_view type_name) const;

  std::string reply_;
  std::vector<nlattr*> table_;
};

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_REPLY_ATTRS_H
