// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The text form of endpoints: what knitsctl reads and prints.

#include "genl/endpoint.h"

#include <sys/socket.h>

#include <string>

#include <gtest/gtest.h>

#include "genl/error.h"
#include "text_rejection.h"

namespace {

using knits::genl::AddressAndPort;
using knits::genl::Endpoint;
using knits::genl::Error;
using knits::genl::parse_address_and_optional_port;
using knits::genl::parse_endpoint;
using knits::genl::to_string;

std::string rejection(const std::string& text) {
  return knits::test::text_rejection(parse_endpoint, text);
}

TEST(Endpoint, ParsesIpv4) {
  const Endpoint endpoint = parse_endpoint("10.0.0.1:80");
  EXPECT_EQ(endpoint.family, AF_INET);
  EXPECT_EQ(endpoint.address[0], 10);
  EXPECT_EQ(endpoint.address[3], 1);
  EXPECT_EQ(endpoint.address[4], 0);  // unused bytes stay zero
  EXPECT_EQ(endpoint.port, 80);
}

TEST(Endpoint, ParsesIpv6) {
  const Endpoint endpoint = parse_endpoint("[fd00::1]:443");
  EXPECT_EQ(endpoint.family, AF_INET6);
  EXPECT_EQ(endpoint.address[0], 0xfd);
  EXPECT_EQ(endpoint.address[15], 1);
  EXPECT_EQ(endpoint.port, 443);
}

TEST(Endpoint, FormatsAsIpvsadmDoes) {
  EXPECT_EQ(to_string(parse_endpoint("10.0.0.1:80")), "10.0.0.1:80");
  EXPECT_EQ(to_string(parse_endpoint("[fd00::1]:80")), "[fd00::1]:80");
  // inet_ntop's compressed form, whatever the input's.
  EXPECT_EQ(to_string(parse_endpoint("[FD00:0:0:0:0:0:0:1]:80")), "[fd00::1]:80");
  EXPECT_EQ(to_string(parse_endpoint("[::ffff:10.0.0.1]:80")), "[::ffff:10.0.0.1]:80");
}

TEST(Endpoint, RoundTripsThroughText) {
  for (const char* text : {"0.0.0.0:1", "255.255.255.255:65535", "[::]:1", "[fe80::1:2]:8080"}) {
    EXPECT_EQ(to_string(parse_endpoint(text)), text);
  }
}

TEST(Endpoint, AcceptsThePortLimits) {
  EXPECT_EQ(parse_endpoint("10.0.0.1:1").port, 1);
  EXPECT_EQ(parse_endpoint("10.0.0.1:65535").port, 65535);
  EXPECT_EQ(parse_endpoint("[fd00::1]:65535").port, 65535);
}

TEST(Endpoint, RejectsPortsOutOfRange) {
  EXPECT_EQ(rejection("10.0.0.1:0"), "'10.0.0.1:0': port 0 is out of range 1..65535");
  EXPECT_EQ(rejection("10.0.0.1:65536"), "'10.0.0.1:65536': port 65536 is out of range 1..65535");
  EXPECT_EQ(rejection("[fd00::1]:0"), "'[fd00::1]:0': port 0 is out of range 1..65535");
  EXPECT_EQ(rejection("10.0.0.1:99999999999999999999"),
            "'10.0.0.1:99999999999999999999': port 99999999999999999999 is out of range "
            "1..65535");
}

TEST(Endpoint, RejectsPortsThatAreNotNumbers) {
  EXPECT_EQ(rejection("10.0.0.1:http"), "'10.0.0.1:http': port 'http' is not a number");
  EXPECT_EQ(rejection("10.0.0.1:-1"), "'10.0.0.1:-1': port '-1' is not a number");
  EXPECT_EQ(rejection("10.0.0.1:+80"), "'10.0.0.1:+80': port '+80' is not a number");
  EXPECT_EQ(rejection("10.0.0.1: 80"), "'10.0.0.1: 80': port ' 80' is not a number");
  EXPECT_EQ(rejection("10.0.0.1:80x"), "'10.0.0.1:80x': port '80x' is not a number");
  EXPECT_EQ(rejection("10.0.0.1:"), "'10.0.0.1:': the port is missing after ':'");
}

TEST(Endpoint, RejectsAMissingPort) {
  EXPECT_EQ(rejection("10.0.0.1"), "'10.0.0.1': the port is missing (write ADDRESS:PORT)");
  EXPECT_EQ(rejection("fd00::1"), "'fd00::1': the port is missing (write [ADDRESS]:PORT)");
  EXPECT_EQ(rejection("[fd00::1]"), "'[fd00::1]': the port is missing (write [ADDRESS]:PORT)");
}

TEST(Endpoint, RejectsBadAddresses) {
  EXPECT_EQ(rejection(""), "'': an address is missing");
  EXPECT_EQ(rejection("notanaddress"), "'notanaddress': not an IPv4 or IPv6 address");
  EXPECT_EQ(rejection("example.com:80"), "'example.com:80': 'example.com' is not an IPv4 address");
  EXPECT_EQ(rejection("10.0.0.256:80"), "'10.0.0.256:80': '10.0.0.256' is not an IPv4 address");
  EXPECT_EQ(rejection("10.1:80"), "'10.1:80': '10.1' is not an IPv4 address");
  EXPECT_EQ(rejection(":80"), "':80': '' is not an IPv4 address");
  EXPECT_EQ(rejection("fd00::g:80"), "'fd00::g:80': not an IPv4 or IPv6 address");
  EXPECT_EQ(rejection("fe80::1%eth0"), "'fe80::1%eth0': not an IPv4 or IPv6 address");
}

TEST(Endpoint, RejectsBadBrackets) {
  EXPECT_EQ(rejection("[fd00::1:80"), "'[fd00::1:80': missing ']' after the IPv6 address");
  EXPECT_EQ(rejection("[fd00::1]80"), "'[fd00::1]80': expected ':PORT' after ']'");
  EXPECT_EQ(rejection("[10.0.0.1]:80"), "'[10.0.0.1]:80': '10.0.0.1' is not an IPv6 address");
  EXPECT_EQ(rejection("[]:80"), "'[]:80': '' is not an IPv6 address");
}

TEST(AddressAndOptionalPort, TakesAddressesWithoutPort) {
  const AddressAndPort v4 = parse_address_and_optional_port("10.0.0.5");
  EXPECT_FALSE(v4.has_port);
  EXPECT_EQ(v4.endpoint.port, 0);
  EXPECT_EQ(v4.endpoint.family, AF_INET);
  const AddressAndPort v6 = parse_address_and_optional_port("fd00::5");
  EXPECT_FALSE(v6.has_port);
  EXPECT_EQ(v6.endpoint.family, AF_INET6);
  EXPECT_EQ(parse_address_and_optional_port("[fd00::5]").endpoint, v6.endpoint);
}

TEST(AddressAndOptionalPort, TakesAddressesWithPort) {
  const AddressAndPort parsed = parse_address_and_optional_port("[fd00::5]:1234");
  EXPECT_TRUE(parsed.has_port);
  EXPECT_EQ(parsed.endpoint, parse_endpoint("[fd00::5]:1234"));
  EXPECT_THROW((void)parse_address_and_optional_port("10.0.0.5:0"), Error);
}

TEST(AddressAndOptionalPort, FormatsWithThePortOnlyIfGiven) {
  for (const char* text : {"10.0.0.5", "10.0.0.5:7", "fd00::5", "[fd00::5]:7"}) {
    EXPECT_EQ(to_string(parse_address_and_optional_port(text)), text);
  }
  EXPECT_EQ(to_string(parse_address_and_optional_port("[fd00:0::5]")), "fd00::5");
}

TEST(Endpoint, OrdersByFamilyThenAddressThenPort) {
  EXPECT_LT(parse_endpoint("10.0.0.2:80"), parse_endpoint("10.0.0.10:80"));
  EXPECT_LT(parse_endpoint("10.0.0.2:80"), parse_endpoint("10.0.0.2:81"));
  EXPECT_LT(parse_endpoint("255.0.0.0:80"), parse_endpoint("[::1]:80"));
}

}  // namespace
