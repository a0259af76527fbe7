// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/extack.h"

#include <netlink/attr.h>
#include <netlink/msg.h>

#include <array>
#include <cstring>

namespace knits::genl {

std::string extack_message(nlmsghdr* hdr) {
  if (hdr->nlmsg_type != NLMSG_ERROR || (hdr->nlmsg_flags & NLM_F_ACK_TLVS) == 0) {
    return {};
  }
  const auto payload = static_cast<std::size_t>(nlmsg_datalen(hdr));
  if (payload < sizeof(nlmsgerr)) {
    return {};
  }
  // The TLVs follow the echoed request, which the kernel cuts down to its
  // header when NLM_F_CAPPED is set (always, with NETLINK_CAP_ACK).
  std::size_t offset = sizeof(nlmsgerr);
  if ((hdr->nlmsg_flags & NLM_F_CAPPED) == 0) {
    const auto* err = static_cast<const nlmsgerr*>(nlmsg_data(hdr));
    if (err->msg.nlmsg_len < sizeof(nlmsghdr)) {
      return {};
    }
    offset += NLMSG_ALIGN(err->msg.nlmsg_len) - sizeof(nlmsghdr);
  }
  if (NLMSG_ALIGN(offset) > payload) {
    return {};
  }

  std::array<nlattr*, NLMSGERR_ATTR_MAX + 1> attrs{};
  if (nlmsg_parse(hdr, static_cast<int>(offset), attrs.data(), NLMSGERR_ATTR_MAX, nullptr) < 0) {
    return {};
  }
  const nlattr* msg = attrs[NLMSGERR_ATTR_MSG];
  if (msg == nullptr || nla_len(msg) <= 0) {
    return {};
  }
  const auto* text = static_cast<const char*>(nla_data(msg));
  return {text, strnlen(text, static_cast<std::size_t>(nla_len(msg)))};
}

}  // namespace knits::genl
