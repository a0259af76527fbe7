// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The text form of a splice's connections: LOCAL,PEER.

#include "genl/splice.h"

#include <sys/socket.h>

#include <string>

#include <gtest/gtest.h>

#include "text_rejection.h"

namespace {

using knits::genl::parse_endpoint;
using knits::genl::parse_splice_connection;
using knits::genl::SpliceConnection;
using knits::genl::to_string;

std::string rejection(const std::string& text) {
  return knits::test::text_rejection(parse_splice_connection, text);
}

TEST(SpliceConnection, ParsesLocalThenPeer) {
  const SpliceConnection connection = parse_splice_connection("10.1.1.2:80,10.0.0.5:40000");
  EXPECT_EQ(connection.local, parse_endpoint("10.1.1.2:80"));
  EXPECT_EQ(connection.peer, parse_endpoint("10.0.0.5:40000"));
}

TEST(SpliceConnection, ParsesBracketedIpv6) {
  const SpliceConnection connection = parse_splice_connection("[fd01::2]:80,[fd00::5]:65535");
  EXPECT_EQ(connection.local.family, AF_INET6);
  EXPECT_EQ(connection.local, parse_endpoint("[fd01::2]:80"));
  EXPECT_EQ(connection.peer, parse_endpoint("[fd00::5]:65535"));
}

TEST(SpliceConnection, RoundTripsThroughText) {
  for (const char* text :
       {"10.1.1.2:80,10.0.0.5:40000", "[fd01::2]:80,[fd00::5]:1", "[::ffff:10.0.0.1]:80,[::1]:2"}) {
    EXPECT_EQ(to_string(parse_splice_connection(text)), text);
  }
}

TEST(SpliceConnection, RejectsAnythingButTwoSides) {
  EXPECT_EQ(rejection("10.1.1.2:80"),
            "'10.1.1.2:80': expected LOCAL,PEER (two ADDRESS:PORT separated by a comma)");
  EXPECT_EQ(rejection(""), "'': expected LOCAL,PEER (two ADDRESS:PORT separated by a comma)");
  EXPECT_EQ(rejection("10.1.1.2:80,10.0.0.5:1,10.0.0.6:2"),
            "'10.1.1.2:80,10.0.0.5:1,10.0.0.6:2': expected LOCAL,PEER, found more than one comma");
}

TEST(SpliceConnection, SaysWhichSideIsBad) {
  EXPECT_EQ(rejection(",10.0.0.5:1"), "LOCAL '': an address is missing");
  EXPECT_EQ(rejection("10.1.1.2:80,"), "PEER '': an address is missing");
  EXPECT_EQ(rejection("10.1.1.2,10.0.0.5:1"),
            "LOCAL '10.1.1.2': the port is missing (write ADDRESS:PORT)");
  EXPECT_EQ(rejection("10.1.1.2:80,10.0.0.5:0"),
            "PEER '10.0.0.5:0': port 0 is out of range 1..65535");
  EXPECT_EQ(rejection("10.1.1.2:80, 10.0.0.5:1"),
            "PEER ' 10.0.0.5:1': ' 10.0.0.5' is not an IPv4 address");
  EXPECT_EQ(rejection("[fd01::2]:80,fd00::5:1"),
            "PEER 'fd00::5:1': the port is missing (write [ADDRESS]:PORT)");
}

TEST(SpliceConnection, RejectsMixedFamilies) {
  EXPECT_EQ(rejection("10.1.1.2:80,[fd00::5]:1"),
            "'10.1.1.2:80,[fd00::5]:1': LOCAL is IPv4 but PEER is IPv6");
  EXPECT_EQ(rejection("[fd01::2]:80,10.0.0.5:1"),
            "'[fd01::2]:80,10.0.0.5:1': LOCAL is IPv6 but PEER is IPv4");
}

}  // namespace
