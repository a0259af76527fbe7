// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsctl/splice_args.h"

#include <charconv>
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "knitsctl/args.h"

namespace knits::ctl {
namespace {

// CLI11's own integer conversion takes "-1" as 2^64-1, octal and hex, and
// saturates on overflow: a byte count must be exactly what was written.
void add_byte_count_option(CLI::App& app, const std::string& name, std::uint64_t& out,
                           const std::string& help) {
  app.add_option_function<std::string>(
         name,
         [&out, name](const std::string& text) {
           const char* end = text.data() + text.size();
           const auto [stop, ec] = std::from_chars(text.data(), end, out);
           if (ec == std::errc::result_out_of_range) {
             throw CLI::ValidationError(name, "'" + text + "' is beyond 2^64-1");
           }
           if (ec != std::errc{} || stop != end) {
             throw CLI::ValidationError(name, "'" + text + "' is not a decimal number");
           }
         },
         help)
      ->required()
      ->type_name("BYTES");
}

}  // namespace

void add_c1_option(CLI::App& app, genl::SpliceConnection& c1) {
  add_parsed_arg(app, "--c1", c1, genl::parse_splice_connection,
                 "The client's connection this node serves: this node's ADDRESS:PORT, then "
                 "the client's as this node sees it")
      ->type_name("LOCAL,PEER");
}

void add_splice_options(CLI::App& app, genl::SpliceRequest& request) {
  add_c1_option(app, request.c1);
  add_parsed_arg(app, "--c2", request.c2, genl::parse_splice_connection,
                 "The connection this node opened to the target node and has written nothing "
                 "on: this node's ADDRESS:PORT, then the target's")
      ->type_name("LOCAL,PEER");
  add_byte_count_option(app, "--t", request.t,
                        "Offset in c1's received stream where the handed-off part starts");
  add_byte_count_option(app, "--s", request.s, "Bytes this node wrote to c1");
}

}  // namespace knits::ctl
