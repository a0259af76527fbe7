// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_ENDPOINT_H
#define KNITS_DAEMON_GENL_ENDPOINT_H

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

namespace knits::genl {

// An address and TCP port: a service's VIP, a member or a client, as the
// ABI's *_FAMILY, *_ADDR and *_PORT attributes carry it.
struct Endpoint {
  // AF_INET or AF_INET6.
  std::uint16_t family = 0;
  // Network byte order; the first address_size(family) bytes are used, the
  // rest stay zero so that equal endpoints compare equal.
  std::array<std::uint8_t, 16> address{};
  std::uint16_t port = 0;

  friend bool operator==(const Endpoint&, const Endpoint&) = default;
  // Family, then address bytes (network order, so numeric order), then port,
  // as ipvsadm sorts its listing. Spelled out because clang-tidy 14 flags
  // the 0 literal inside a defaulted <=>.
  friend std::strong_ordering operator<=>(const Endpoint& a, const Endpoint& b) {
    return std::tie(a.family, a.address, a.port) <=> std::tie(b.family, b.address, b.port);
  }
};

// 4 for AF_INET, 16 for AF_INET6, 0 for anything else.
[[nodiscard]] std::size_t address_size(std::uint16_t family) noexcept;

// "IPv4" or "IPv6", for messages about mixed families.
[[nodiscard]] std::string family_name(std::uint16_t family);

// "10.0.0.1" or "fd00::1" (the compressed form inet_ntop gives).
[[nodiscard]] std::string address_to_string(const Endpoint& endpoint);

// "10.0.0.1:80" or "[fd00::1]:80", as ipvsadm -n prints endpoints.
[[nodiscard]] std::string to_string(const Endpoint& endpoint);

// Reads the text to_string() writes. Throws Error(EINVAL) with a message
// that quotes @text and says what is wrong. The port must be in 1..65535.
[[nodiscard]] Endpoint parse_endpoint(std::string_view text);

// An endpoint written with or without its port: "10.0.0.1:80", "10.0.0.1",
// "[fd00::1]:80", "[fd00::1]" or "fd00::1". Without a port, endpoint.port
// is 0 and has_port false; the caller decides what that means.
struct AddressAndPort {
  Endpoint endpoint;
  bool has_port = false;
};
[[nodiscard]] AddressAndPort parse_address_and_optional_port(std::string_view text);

// The text parse_address_and_optional_port() reads: to_string() of the
// endpoint, or only its address when it has no port.
[[nodiscard]] std::string to_string(const AddressAndPort& address);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_ENDPOINT_H
