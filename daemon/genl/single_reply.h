// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_SINGLE_REPLY_H
#define KNITS_DAEMON_GENL_SINGLE_REPLY_H

#include <linux/netlink.h>

#include <cerrno>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "genl/error.h"

namespace knits::genl {

// Collects the one reply a doit request gets: none or two are a broken
// module, which must not pass for an answer.
template <typename T>
class SingleReply {
 public:
  using Parser = T (*)(nlmsghdr*);

  SingleReply(std::string_view what, Parser parse) : what_(what), parse_(parse) {}

  void add(nlmsghdr* hdr) {
    if (value_) {
      throw Error(EBADMSG, what_ + ": the knits module sent more than one reply");
    }
    value_ = parse_(hdr);
  }

  [[nodiscard]] T take() {
    if (!value_) {
      throw Error(EBADMSG, what_ + ": the knits module sent no reply");
    }
    return *std::move(value_);
  }

 private:
  std::string what_;
  Parser parse_;
  std::optional<T> value_;
};

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_SINGLE_REPLY_H
