// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A node's hand-off key in a TOML configuration, as knitsd's and the node
// proxy's read it: inline ("key = ...") or in a file of its own
// ("key_file = ..."), which can have tighter permissions than the
// configuration.

#ifndef KNITS_DAEMON_HANDOFF_KEY_TOML_H
#define KNITS_DAEMON_HANDOFF_KEY_TOML_H

#include <toml++/toml.h>

#include "handoff/key.h"
#include "libalrm/toml_reader.h"

namespace knits::handoff {

// Exactly one of "key" and "key_file" in @table; FileError naming where
// otherwise, or when the file cannot be read, or the key is not 64
// hexadecimal digits.
[[nodiscard]] Key read_key(const alrm::TomlReader& reader, const toml::table& table);

}  // namespace knits::handoff

#endif  // KNITS_DAEMON_HANDOFF_KEY_TOML_H
