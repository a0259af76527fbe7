// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Reading typed values out of a TOML document (parsed by toml++) with
// errors that name file:line:column of the value they are about. knitsd's
// configuration and the ALRM descriptors are read with it, so both report
// mistakes alike.

#ifndef KNITS_LIBALRM_TOML_READER_H
#define KNITS_LIBALRM_TOML_READER_H

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "genl/config.h"
#include "genl/endpoint.h"

namespace knits::alrm {

// "FILE:LINE:COLUMN: what": a file that cannot be used, and where.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// toml::parse of @text, its syntax errors as FileError.
[[nodiscard]] toml::table parse_toml(std::string_view text, const std::string& name);

// The whole of the file at @path; FileError when it cannot be read.
[[nodiscard]] std::string read_file(const std::string& path);

class TomlReader {
 public:
  explicit TomlReader(std::string name) : name_(std::move(name)) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const;

  // Every key of @table must be one of @known: a misspelt key is an error,
  // not a default silently used.
  void only(const toml::table& table, std::initializer_list<std::string_view> known,
            std::string_view where) const;

  // The integer at @key in @lo..@hi; @fallback when absent (an error when
  // there is none).
  [[nodiscard]] std::int64_t integer(const toml::table& table, std::string_view key,
                                     std::int64_t lo, std::int64_t hi,
                                     std::optional<std::int64_t> fallback) const;

  // The string at @key (its node, for error positions).
  [[nodiscard]] const toml::node& string_node(const toml::table& table, std::string_view key) const;

  // The string at @key, one of @choices; @fallback when absent.
  [[nodiscard]] std::string choice(const toml::table& table, std::string_view key,
                                   std::initializer_list<std::string_view> choices,
                                   std::optional<std::string_view> fallback) const;

  // An address with a port ("10.0.0.1:80", "[fd00::1]:80") or, with
  // @with_port false, an address alone.
  [[nodiscard]] genl::Endpoint endpoint(const toml::table& table, std::string_view key,
                                        bool with_port) const;

  // The schedulers' hash key at @key: 32 hexadecimal digits.
  [[nodiscard]] genl::HashKey hash_key(const toml::table& table, std::string_view key) const;

  // @key's value as an array of tables (none when absent); @header is how
  // they are written, for the error: "[[service.member]]".
  [[nodiscard]] const toml::array* tables(const toml::table& table, std::string_view key,
                                          std::string_view header) const;

  // @key's value as a table (none when absent); @header as for tables().
  [[nodiscard]] const toml::table* table(const toml::table& parent, std::string_view key,
                                         std::string_view header) const;

 private:
  std::string name_;
};

}  // namespace knits::alrm

#endif  // KNITS_LIBALRM_TOML_READER_H
