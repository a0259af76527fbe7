// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Reads ALRM descriptors from TOML (toml++). Reading is all or nothing:
// the first mistake throws FileError naming file:line:column and what is
// wrong, and nothing is returned. Everything the module would refuse is
// refused here first (ranges, primes, duplicates, families, limits), so
// that a descriptor that reads is one the module accepts.

#ifndef KNITS_LIBALRM_DESCRIPTOR_PARSE_H
#define KNITS_LIBALRM_DESCRIPTOR_PARSE_H

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "libalrm/descriptor.h"
#include "libalrm/toml_reader.h"

namespace knits::alrm {

// The descriptor's tables of @root: [scheduling] and [[service]]. Other
// keys of @root are the caller's (knitsd's configuration has its own).
[[nodiscard]] Descriptor read_descriptor(const toml::table& root, const TomlReader& reader);

// A file holding a descriptor and nothing else.
[[nodiscard]] Descriptor parse_descriptor(std::string_view text, const std::string& name);
[[nodiscard]] Descriptor read_descriptor_file(const std::string& path);

// The keys read_descriptor() reads from the top of a file.
inline constexpr std::string_view kSchedulingKey = "scheduling";
inline constexpr std::string_view kServiceKey = "service";

}  // namespace knits::alrm

#endif  // KNITS_LIBALRM_DESCRIPTOR_PARSE_H
