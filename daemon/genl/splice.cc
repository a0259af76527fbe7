// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// The text form of a splice's connections, next to that of endpoints
// (genl/endpoint.cc): what knitsctl reads is what a node prints.

#include "genl/splice.h"

#include <cerrno>
#include <string>

#include "genl/error.h"

namespace knits::genl {
namespace {

[[noreturn]] void bad_connection(std::string_view text, const std::string& why) {
  throw Error(EINVAL, "'" + std::string(text) + "': " + why);
}

// parse_endpoint() quotes the side it fails on; this says which side it is.
Endpoint parse_side(std::string_view side, std::string_view text) {
  try {
    return parse_endpoint(text);
  } catch (const Error& e) {
    throw Error(e.errnum(), std::string(side) + " " + e.what());
  }
}

}  // namespace

std::string to_string(const SpliceConnection& connection) {
  return to_string(connection.local) + "," + to_string(connection.peer);
}

SpliceConnection parse_splice_connection(std::string_view text) {
  // No address or port form has a comma, so the first one splits.
  const std::size_t comma = text.find(',');
  if (comma == std::string_view::npos) {
    bad_connection(text, "expected LOCAL,PEER (two ADDRESS:PORT separated by a comma)");
  }
  const std::string_view rest = text.substr(comma + 1);
  if (rest.find(',') != std::string_view::npos) {
    bad_connection(text, "expected LOCAL,PEER, found more than one comma");
  }
  SpliceConnection connection;
  connection.local = parse_side("LOCAL", text.substr(0, comma));
  connection.peer = parse_side("PEER", rest);
  if (connection.local.family != connection.peer.family) {
    bad_connection(text, "LOCAL is " + family_name(connection.local.family) + " but PEER is " +
                             family_name(connection.peer.family));
  }
  return connection;
}

}  // namespace knits::genl
