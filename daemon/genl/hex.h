// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Keys written as hexadecimal digits, as `openssl rand -hex N` writes
// them: the hand-off keys of nodes and the schedulers' hash key.

#ifndef KNITS_DAEMON_GENL_HEX_H
#define KNITS_DAEMON_GENL_HEX_H

#include <cstdint>
#include <span>
#include <string_view>

namespace knits::genl {

// Fills @out from 2 * @out.size() hexadecimal digits (either case;
// surrounding white space ignored). Throws std::invalid_argument saying
// what is wrong with "a @what", never quoting the text (it is a secret).
void parse_hex_key(std::string_view text, std::span<std::uint8_t> out, std::string_view what);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_HEX_H
