// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Hand-off keys and tags (daemon/handoff/key.h): the key text, and
// HMAC-SHA256 over the node's address and the message checked against
// values computed apart from this code, with openssl.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "genl/endpoint.h"
#include "handoff/key.h"
#include "knits_handoff.h"

namespace {

using knits::genl::Endpoint;
using knits::handoff::Key;
using knits::handoff::make_tag;
using knits::handoff::parse_key;
using knits::handoff::tag_address;
using knits::handoff::tag_verifies;

using Tag = std::array<std::uint8_t, KNITS_HANDOFF_TAG_LEN>;
using Bytes = std::vector<std::uint8_t>;

constexpr std::string_view kKeyHex =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

Key counting_key() {
  Key key{};
  for (std::size_t i = 0; i < key.size(); i++) {
    key.at(i) = static_cast<std::uint8_t>(i);
  }
  return key;
}

Endpoint address(std::string_view text) {
  return knits::genl::parse_address_and_optional_port(text).endpoint;
}

Bytes text_bytes(std::string_view text) { return {text.begin(), text.end()}; }

// The message of the std::invalid_argument parse_key() throws, or "".
std::string rejection(const std::string& text) {
  try {
    (void)parse_key(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(HandoffKey, ParsesSixtyFourHexDigitsInEitherCase) {
  EXPECT_EQ(parse_key(kKeyHex), counting_key());
  EXPECT_EQ(parse_key("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"),
            counting_key());
  EXPECT_EQ(parse_key("000102030405060708090a0B0c0D0e0F101112131415161718191A1b1C1d1E1f"),
            counting_key());
  Key ff{};
  ff.fill(0xff);
  EXPECT_EQ(parse_key(std::string(64, 'f')), ff);
  EXPECT_EQ(parse_key(std::string(64, 'F')), ff);
}

// A key file as `openssl rand -hex 32 > FILE` writes it ends in a newline.
TEST(HandoffKey, IgnoresSurroundingWhiteSpace) {
  const std::string hex(kKeyHex);
  EXPECT_EQ(parse_key(hex + "\n"), counting_key());
  EXPECT_EQ(parse_key(" \t" + hex + "\r\n"), counting_key());
  EXPECT_EQ(parse_key("\n\n" + hex + " \v\f"), counting_key());
}

TEST(HandoffKey, RefusesAnyOtherLength) {
  const std::string hex(kKeyHex);
  EXPECT_EQ(rejection(hex.substr(0, 63)), "a key is 64 hexadecimal digits, not 63 characters");
  EXPECT_EQ(rejection(hex + "0"), "a key is 64 hexadecimal digits, not 65 characters");
  EXPECT_EQ(rejection(""), "a key is 64 hexadecimal digits, not 0 characters");
  EXPECT_EQ(rejection("   \n"), "a key is 64 hexadecimal digits, not 0 characters");
  // white space inside is no separator: 65 characters
  EXPECT_EQ(rejection(hex.substr(0, 32) + " " + hex.substr(32)),
            "a key is 64 hexadecimal digits, not 65 characters");
}

TEST(HandoffKey, RefusesNonHexDigitsAnywhere) {
  const std::string hex(kKeyHex);
  for (const std::size_t at : {std::size_t{0}, std::size_t{1}, std::size_t{31}, std::size_t{63}}) {
    for (const char c : {'g', 'G', 'x', ' ', '-', '\0'}) {
      if (c == ' ' && (at == 0 || at == 63)) {
        continue;  // white space at either end is trimmed, not refused
      }
      std::string text = hex;
      text.at(at) = c;
      EXPECT_EQ(rejection(text), "a key has only hexadecimal digits (0-9, a-f)")
          << "at " << at << ": " << int{c};
    }
  }
  EXPECT_NE(rejection("0x" + hex.substr(2)), "");
}

// The message goes to logs: it must not carry the key, or a part of it.
TEST(HandoffKey, RefusalsNeverQuoteTheKey) {
  const std::string secret = "c0ffee" + std::string(57, '7') + "z";
  const std::string message = rejection(secret);
  ASSERT_NE(message, "");
  EXPECT_EQ(message.find("c0ffee"), std::string::npos) << message;
  EXPECT_EQ(message.find("7777"), std::string::npos) << message;
}

TEST(HandoffKey, TagAddressMapsIpv4AndKeepsIpv6) {
  EXPECT_EQ(tag_address(address("10.1.1.2")),
            (std::array<std::uint8_t, 16>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 1, 2}));
  EXPECT_EQ(tag_address(address("fd01::2")),
            (std::array<std::uint8_t, 16>{0xfd, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}));
  // the port is no part of the node's address
  EXPECT_EQ(tag_address(knits::genl::parse_endpoint("10.1.1.2:7413")),
            tag_address(address("10.1.1.2")));
}

// The expected tags are
//   openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f FILE
// of FILE holding the 16 address bytes (::ffff:10.1.1.2, or fd00::1), then
// the message bytes.
TEST(HandoffKey, TagIsHmacSha256OfTheMappedIpv4AddressThenTheBytes) {
  EXPECT_EQ(make_tag(counting_key(), address("10.1.1.2"), text_bytes("knits hand-off")),
            (Tag{0xe1, 0x11, 0x87, 0x11, 0xd5, 0x32, 0xe8, 0xe2, 0xdf, 0xcd, 0x65,
                 0xd9, 0x9e, 0x5b, 0x02, 0xe7, 0x82, 0x8c, 0xf9, 0x0a, 0xbb, 0x26,
                 0xb5, 0x70, 0x56, 0xa7, 0x5b, 0xcf, 0x05, 0xd6, 0x8b, 0xdd}));
  // the address alone, no bytes after it
  EXPECT_EQ(make_tag(counting_key(), address("10.1.1.2"), {}),
            (Tag{0x0e, 0x24, 0x12, 0xce, 0x2d, 0x55, 0x5c, 0xa8, 0xed, 0x6b, 0x20,
                 0xe2, 0xdd, 0x3a, 0x97, 0x33, 0x2a, 0x99, 0x4f, 0x18, 0xd0, 0x58,
                 0xe7, 0x51, 0xf9, 0x6e, 0x17, 0x38, 0xef, 0x0e, 0xec, 0x01}));
}

TEST(HandoffKey, TagIsHmacSha256OfTheIpv6AddressThenTheBytes) {
  EXPECT_EQ(make_tag(counting_key(), address("fd00::1"), text_bytes("knits hand-off")),
            (Tag{0x18, 0x85, 0x7a, 0x7a, 0xcc, 0xf5, 0x73, 0x4f, 0x58, 0x08, 0xa2,
                 0x9c, 0xc4, 0x47, 0x9c, 0x1b, 0x0c, 0xf3, 0x2b, 0x13, 0xf0, 0x81,
                 0x29, 0xc5, 0xed, 0xa6, 0xc9, 0xf9, 0xa1, 0x39, 0x91, 0xfe}));
}

TEST(HandoffKey, TheRightTagVerifies) {
  const Bytes bytes = text_bytes("knits hand-off");
  const Tag tag = make_tag(counting_key(), address("10.1.1.2"), bytes);
  EXPECT_TRUE(tag_verifies(counting_key(), address("10.1.1.2"), bytes, tag));
}

TEST(HandoffKey, AnyFlippedBitOfTheBytesFailsToVerify) {
  const Bytes bytes = text_bytes("knits hand-off");
  const Tag tag = make_tag(counting_key(), address("10.1.1.2"), bytes);
  for (std::size_t bit = 0; bit < 8 * bytes.size(); bit++) {
    Bytes flipped = bytes;
    flipped.at(bit / 8) ^= static_cast<std::uint8_t>(1U << (bit % 8));
    EXPECT_FALSE(tag_verifies(counting_key(), address("10.1.1.2"), flipped, tag)) << bit;
  }
  // a byte more or less is other bytes too
  Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(tag_verifies(counting_key(), address("10.1.1.2"), longer, tag));
  EXPECT_FALSE(tag_verifies(counting_key(), address("10.1.1.2"),
                            std::span(bytes).first(bytes.size() - 1), tag));
}

TEST(HandoffKey, AnyFlippedBitOfTheTagFailsToVerify) {
  const Bytes bytes = text_bytes("knits hand-off");
  const Tag tag = make_tag(counting_key(), address("10.1.1.2"), bytes);
  for (std::size_t bit = 0; bit < 8 * tag.size(); bit++) {
    Tag flipped = tag;
    flipped.at(bit / 8) ^= static_cast<std::uint8_t>(1U << (bit % 8));
    EXPECT_FALSE(tag_verifies(counting_key(), address("10.1.1.2"), bytes, flipped)) << bit;
  }
}

TEST(HandoffKey, AnyFlippedBitOfTheKeyFailsToVerify) {
  const Bytes bytes = text_bytes("knits hand-off");
  const Tag tag = make_tag(counting_key(), address("10.1.1.2"), bytes);
  for (std::size_t bit = 0; bit < 8 * counting_key().size(); bit++) {
    Key flipped = counting_key();
    flipped.at(bit / 8) ^= static_cast<std::uint8_t>(1U << (bit % 8));
    EXPECT_FALSE(tag_verifies(flipped, address("10.1.1.2"), bytes, tag)) << bit;
  }
}

// The address is what binds a request to its source: the same bytes and
// key from the neighbouring address must not verify.
TEST(HandoffKey, ATagForAnotherAddressFailsToVerify) {
  const Bytes bytes = text_bytes("knits hand-off");
  const Tag tag = make_tag(counting_key(), address("10.1.1.2"), bytes);
  EXPECT_FALSE(tag_verifies(counting_key(), address("10.1.1.3"), bytes, tag));
  EXPECT_FALSE(tag_verifies(counting_key(), address("fd00::1"), bytes, tag));
  const Tag tag6 = make_tag(counting_key(), address("fd01::2"), bytes);
  EXPECT_FALSE(tag_verifies(counting_key(), address("fd01::3"), bytes, tag6));
  EXPECT_FALSE(tag_verifies(counting_key(), address("10.1.1.2"), bytes, tag6));
}

// An IPv4 node's address is tagged as ::ffff:a.b.c.d (uapi): a node
// configured either way makes the same tags.
TEST(HandoffKey, AnIpv4AddressAndItsMappedIpv6FormTagAlike) {
  const Bytes bytes = text_bytes("knits hand-off");
  EXPECT_EQ(make_tag(counting_key(), address("10.1.1.2"), bytes),
            make_tag(counting_key(), address("::ffff:10.1.1.2"), bytes));
}

// Nothing longer than a message is verified, nor read past its end.
TEST(HandoffKey, BytesLongerThanAMessageNeverVerify) {
  const Bytes longest(KNITS_HANDOFF_MAX_LEN, 0x5a);
  const Tag tag = make_tag(counting_key(), address("10.1.1.2"), longest);
  EXPECT_TRUE(tag_verifies(counting_key(), address("10.1.1.2"), longest, tag));
  Bytes longer = longest;
  longer.push_back(0x5a);
  EXPECT_FALSE(tag_verifies(counting_key(), address("10.1.1.2"), longer, tag));
}

}  // namespace
