// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/extack.h"

#include <netlink/attr.h>
#include <netlink/msg.h>

#include <array>
#include <cstring>

namespace knits::genl {
namespace {

// Where the TLVs start in the payload of an NLMSG_ERROR, or 0 if they cannot.
std::size_t error_tlv_offset(nlmsghdr* hdr, std::size_t payload) {
  if (payload < sizeof(nlmsgerr)) {
    return 0;
  }
  // The TLVs follow the echoed request, which the kernel cuts down to its
  // header when NLM_F_CAPPED is set (always, with NETLINK_CAP_ACK).
  std::size_t offset = sizeof(nlmsgerr);
  if ((hdr->nlmsg_flags & NLM_F_CAPPED) == 0) {
    const auto* err = static_cast<const nlmsgerr*>(nlmsg_data(hdr));
    if (err->msg.nlmsg_len < sizeof(nlmsghdr)) {
      return 0;
    }
    offset += NLMSG_ALIGN(err->msg.nlmsg_len) - sizeof(nlmsghdr);
  }
  return offset;
}

// A failed dump's NLMSG_DONE carries an int errno, then the TLVs.
std::size_t done_tlv_offset(std::size_t payload) {
  return payload < sizeof(int) ? 0 : NLMSG_ALIGN(sizeof(int));
}

}  // namespace

std::string extack_message(nlmsghdr* hdr) {
  if ((hdr->nlmsg_flags & NLM_F_ACK_TLVS) == 0) {
    return {};
  }
  const auto payload = static_cast<std::size_t>(nlmsg_datalen(hdr));
  std::size_t offset = 0;
  if (hdr->nlmsg_type == NLMSG_ERROR) {
    offset = error_tlv_offset(hdr, payload);
  } else if (hdr->nlmsg_type == NLMSG_DONE) {
    offset = done_tlv_offset(payload);
  }
  if (offset == 0 || NLMSG_ALIGN(offset) > payload) {
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
