// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Recognising the generic netlink controller's announcement that a family
// was registered (the VM test unload.sh watches a real one).

#include "genl/family_watch.h"

#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <cstdint>
#include <optional>
#include <string_view>

#include <gtest/gtest.h>

#include "genl_message.h"

namespace {

using knits::genl::announces_family;
using knits::test::Message;

// What the controller multicasts: @cmd, the family's name (unless
// nullopt) and id.
Message announcement(std::uint8_t cmd, std::optional<std::string_view> name,
                     std::uint16_t type = GENL_ID_CTRL) {
  Message msg(nlmsg_alloc());
  EXPECT_NE(genlmsg_put(msg.get(), 0, 0, type, 0, 0, cmd, 2), nullptr);
  if (name) {
    EXPECT_EQ(
        nla_put(msg.get(), CTRL_ATTR_FAMILY_NAME, static_cast<int>(name->size()), name->data()), 0);
  }
  EXPECT_EQ(nla_put_u16(msg.get(), CTRL_ATTR_FAMILY_ID, 31), 0);
  return msg;
}

Message announcement_of(std::string_view name_with_nul) {
  return announcement(CTRL_CMD_NEWFAMILY, name_with_nul);
}

TEST(FamilyWatch, ANewFamilyOfThatNameIsAnnounced) {
  using namespace std::string_view_literals;
  EXPECT_TRUE(announces_family(nlmsg_hdr(announcement_of("knits\0"sv).get()), "knits"));
  // a name without its NUL is read to the attribute's end
  EXPECT_TRUE(announces_family(nlmsg_hdr(announcement_of("knits"sv).get()), "knits"));
}

TEST(FamilyWatch, OtherFamiliesAndOtherEventsAreNot) {
  using namespace std::string_view_literals;
  EXPECT_FALSE(announces_family(nlmsg_hdr(announcement_of("knitsd\0"sv).get()), "knits"));
  EXPECT_FALSE(announces_family(nlmsg_hdr(announcement_of("knit\0"sv).get()), "knits"));
  EXPECT_FALSE(announces_family(nlmsg_hdr(announcement_of("\0"sv).get()), "knits"));
  EXPECT_FALSE(
      announces_family(nlmsg_hdr(announcement(CTRL_CMD_DELFAMILY, "knits\0"sv).get()), "knits"));
  EXPECT_FALSE(
      announces_family(nlmsg_hdr(announcement(CTRL_CMD_NEWMCAST_GRP, "knits\0"sv).get()), "knits"));
  EXPECT_FALSE(
      announces_family(nlmsg_hdr(announcement(CTRL_CMD_NEWFAMILY, std::nullopt).get()), "knits"));
  // the same message from another family than the controller
  EXPECT_FALSE(announces_family(
      nlmsg_hdr(announcement(CTRL_CMD_NEWFAMILY, "knits\0"sv, GENL_ID_CTRL + 7).get()), "knits"));
}

TEST(FamilyWatch, AMessageTooShortForAGenlHeaderIsNot) {
  Message msg(nlmsg_alloc());
  ASSERT_NE(nlmsg_put(msg.get(), 0, 0, GENL_ID_CTRL, 0, 0), nullptr);
  EXPECT_FALSE(announces_family(nlmsg_hdr(msg.get()), "knits"));
}

}  // namespace
