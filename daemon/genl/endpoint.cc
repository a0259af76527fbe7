// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The one text form of endpoints, shared by what knitsctl reads and prints.

#include "genl/endpoint.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <string>

#include "genl/error.h"

namespace knits::genl {
namespace {

constexpr std::uint32_t kPortMin = 1;
constexpr std::uint32_t kPortMax = 65535;

[[noreturn]] void bad_endpoint(std::string_view text, const std::string& why) {
  throw Error(EINVAL, "'" + std::string(text) + "': " + why);
}

// inet_pton needs a NUL-terminated copy.
bool address_from(int family, std::string_view host, Endpoint& out) {
  const std::string copy(host);
  if (inet_pton(family, copy.c_str(), out.address.data()) != 1) {
    return false;
  }
  out.family = static_cast<std::uint16_t>(family);
  return true;
}

std::uint16_t port_from(std::string_view text, std::string_view port) {
  if (port.empty()) {
    bad_endpoint(text, "the port is missing after ':'");
  }
  std::uint32_t value = 0;
  const char* end = port.data() + port.size();
  const auto [stop, ec] = std::from_chars(port.data(), end, value);
  if (ec == std::errc::result_out_of_range ||
      (ec == std::errc{} && stop == end && (value < kPortMin || value > kPortMax))) {
    bad_endpoint(text, "port " + std::string(port) + " is out of range 1..65535");
  }
  if (ec != std::errc{} || stop != end) {
    bad_endpoint(text, "port '" + std::string(port) + "' is not a number");
  }
  return static_cast<std::uint16_t>(value);
}

// "[ADDRESS]" or "[ADDRESS]:PORT".
AddressAndPort parse_bracketed(std::string_view text) {
  const std::size_t close = text.find(']');
  if (close == std::string_view::npos) {
    bad_endpoint(text, "missing ']' after the IPv6 address");
  }
  AddressAndPort out;
  const std::string_view host = text.substr(1, close - 1);
  if (!address_from(AF_INET6, host, out.endpoint)) {
    bad_endpoint(text, "'" + std::string(host) + "' is not an IPv6 address");
  }
  const std::string_view rest = text.substr(close + 1);
  if (rest.empty()) {
    return out;
  }
  if (rest.front() != ':') {
    bad_endpoint(text, "expected ':PORT' after ']'");
  }
  out.endpoint.port = port_from(text, rest.substr(1));
  out.has_port = true;
  return out;
}

}  // namespace

std::size_t address_size(std::uint16_t family) noexcept {
  switch (family) {
    case AF_INET:
      return sizeof(in_addr);
    case AF_INET6:
      return sizeof(in6_addr);
    default:
      return 0;
  }
}

std::string family_name(std::uint16_t family) { return family == AF_INET6 ? "IPv6" : "IPv4"; }

std::string address_to_string(const Endpoint& endpoint) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (inet_ntop(endpoint.family, endpoint.address.data(), text.data(),
                static_cast<socklen_t>(text.size())) == nullptr) {
    return "family_" + std::to_string(endpoint.family);
  }
  return text.data();
}

std::string to_string(const Endpoint& endpoint) {
  const std::string address = address_to_string(endpoint);
  const std::string port = std::to_string(endpoint.port);
  return endpoint.family == AF_INET6 ? "[" + address + "]:" + port : address + ":" + port;
}

AddressAndPort parse_address_and_optional_port(std::string_view text) {
  if (text.empty()) {
    bad_endpoint(text, "an address is missing");
  }
  if (text.front() == '[') {
    return parse_bracketed(text);
  }
  AddressAndPort out;
  // More than one ':' can only be an IPv6 address, which takes no port
  // unless it is bracketed.
  if (std::count(text.begin(), text.end(), ':') > 1) {
    if (!address_from(AF_INET6, text, out.endpoint)) {
      bad_endpoint(text, "not an IPv4 or IPv6 address");
    }
    return out;
  }
  const std::size_t colon = text.find(':');
  const std::string_view host = text.substr(0, colon);
  if (!address_from(AF_INET, host, out.endpoint)) {
    bad_endpoint(text, colon == std::string_view::npos
                           ? "not an IPv4 or IPv6 address"
                           : "'" + std::string(host) + "' is not an IPv4 address");
  }
  if (colon != std::string_view::npos) {
    out.endpoint.port = port_from(text, text.substr(colon + 1));
    out.has_port = true;
  }
  return out;
}

std::string to_string(const AddressAndPort& address) {
  return address.has_port ? to_string(address.endpoint) : address_to_string(address.endpoint);
}

Endpoint parse_endpoint(std::string_view text) {
  const AddressAndPort parsed = parse_address_and_optional_port(text);
  if (!parsed.has_port) {
    bad_endpoint(text, parsed.endpoint.family == AF_INET6
                           ? "the port is missing (write [ADDRESS]:PORT)"
                           : "the port is missing (write ADDRESS:PORT)");
  }
  return parsed.endpoint;
}

}  // namespace knits::genl
