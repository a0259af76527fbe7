// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Extended ack decoding, on NLMSG_ERROR messages laid out as the kernel's
// netlink_ack() lays them out.

#include "genl/extack.h"

#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include <gtest/gtest.h>

namespace {

using knits::genl::extack_message;

struct MessageDeleter {
  void operator()(nl_msg* msg) const noexcept { nlmsg_free(msg); }
};
using Message = std::unique_ptr<nl_msg, MessageDeleter>;

// An error for a request that carried @echoed bytes of payload; the kernel
// echoes that payload unless the reply is capped.
Message error_message(int flags, int echoed) {
  Message msg(nlmsg_alloc());
  nlmsghdr* hdr = nlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, NLMSG_ERROR,
                            static_cast<int>(sizeof(nlmsgerr)) + echoed, flags);
  EXPECT_NE(hdr, nullptr);
  nlmsgerr err{};
  err.error = -EPERM;
  err.msg.nlmsg_len = static_cast<std::uint32_t>(NLMSG_HDRLEN + echoed);
  std::memcpy(nlmsg_data(hdr), &err, sizeof(err));
  return msg;
}

TEST(ExtAck, ReadsTheMessageOfACappedAck) {
  const Message msg = error_message(NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
  ASSERT_EQ(nla_put_string(msg.get(), NLMSGERR_ATTR_MSG, "needs CAP_NET_ADMIN"), 0);
  EXPECT_EQ(extack_message(nlmsg_hdr(msg.get())), "needs CAP_NET_ADMIN");
}

TEST(ExtAck, SkipsTheEchoedRequestOfAnUncappedAck) {
  const Message msg = error_message(NLM_F_ACK_TLVS, GENL_HDRLEN);
  ASSERT_EQ(nla_put_u32(msg.get(), NLMSGERR_ATTR_OFFS, 20), 0);
  ASSERT_EQ(nla_put_string(msg.get(), NLMSGERR_ATTR_MSG, "unknown attribute"), 0);
  EXPECT_EQ(extack_message(nlmsg_hdr(msg.get())), "unknown attribute");
}

TEST(ExtAck, IsEmptyWithoutTlvs) {
  const Message msg = error_message(NLM_F_CAPPED, 0);
  EXPECT_EQ(extack_message(nlmsg_hdr(msg.get())), "");
}

TEST(ExtAck, IsEmptyWhenTlvsCarryNoMessage) {
  const Message msg = error_message(NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
  ASSERT_EQ(nla_put_u32(msg.get(), NLMSGERR_ATTR_OFFS, 20), 0);
  EXPECT_EQ(extack_message(nlmsg_hdr(msg.get())), "");
}

TEST(ExtAck, IsEmptyWhenTheEchoedLengthOverrunsTheMessage) {
  const Message msg = error_message(NLM_F_ACK_TLVS, 0);
  ASSERT_EQ(nla_put_string(msg.get(), NLMSGERR_ATTR_MSG, "never read"), 0);
  auto* err = static_cast<nlmsgerr*>(nlmsg_data(nlmsg_hdr(msg.get())));
  err->msg.nlmsg_len = 4096;
  EXPECT_EQ(extack_message(nlmsg_hdr(msg.get())), "");
}

// A dump that fails midway ends with NLMSG_DONE carrying the errno and
// the message (netlink_dump_done()).
TEST(ExtAck, ReadsTheMessageOfAFailedDump) {
  const Message msg(nlmsg_alloc());
  nlmsghdr* hdr = nlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, NLMSG_DONE,
                            static_cast<int>(sizeof(int)), NLM_F_MULTI | NLM_F_ACK_TLVS);
  ASSERT_NE(hdr, nullptr);
  const int error = -ENOENT;
  std::memcpy(nlmsg_data(hdr), &error, sizeof(error));
  ASSERT_EQ(nla_put_string(msg.get(), NLMSGERR_ATTR_MSG, "no such service"), 0);
  EXPECT_EQ(extack_message(nlmsg_hdr(msg.get())), "no such service");
}

TEST(ExtAck, IsEmptyForADumpDoneWithoutTlvs) {
  const Message msg(nlmsg_alloc());
  nlmsghdr* hdr = nlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, NLMSG_DONE,
                            static_cast<int>(sizeof(int)), NLM_F_MULTI);
  ASSERT_NE(hdr, nullptr);
  std::memset(nlmsg_data(hdr), 0, sizeof(int));
  EXPECT_EQ(extack_message(nlmsg_hdr(msg.get())), "");
}

}  // namespace
