// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A node's hand-off key and the tag it makes (HMAC-SHA256,
// uapi/knits_handoff.h): the one place knits touches the crypto library.

#ifndef KNITS_DAEMON_HANDOFF_KEY_H
#define KNITS_DAEMON_HANDOFF_KEY_H

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "genl/endpoint.h"
#include "knits_handoff.h"

namespace knits::handoff {

using Key = std::array<std::uint8_t, KNITS_HANDOFF_KEY_LEN>;

// 64 hexadecimal digits, as `openssl rand -hex 32` writes them (surrounding
// white space ignored). Throws std::invalid_argument saying what is wrong,
// never quoting the key.
[[nodiscard]] Key parse_key(std::string_view text);

// The 16 bytes a tag covers for a node's address: IPv6 as is, IPv4 as
// ::ffff:a.b.c.d.
[[nodiscard]] std::array<std::uint8_t, 16> tag_address(const genl::Endpoint& address);

// HMAC-SHA256 of tag_address(@node_address) then @bytes (at most
// KNITS_HANDOFF_MAX_LEN of them; more throws std::length_error).
[[nodiscard]] std::array<std::uint8_t, KNITS_HANDOFF_TAG_LEN> make_tag(
    const Key& key, const genl::Endpoint& node_address, std::span<const std::uint8_t> bytes);

// make_tag() compared with @tag in constant time.
[[nodiscard]] bool tag_verifies(const Key& key, const genl::Endpoint& node_address,
                                std::span<const std::uint8_t> bytes,
                                std::span<const std::uint8_t, KNITS_HANDOFF_TAG_LEN> tag);

}  // namespace knits::handoff

#endif  // KNITS_DAEMON_HANDOFF_KEY_H
