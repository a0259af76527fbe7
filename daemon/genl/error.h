// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_ERROR_H
#define KNITS_DAEMON_GENL_ERROR_H

#include <stdexcept>
#include <string>
#include <string_view>

namespace knits::genl {

// The only exception type of the library. It carries an errno value so that
// callers can react to the cause (ENOENT: module not loaded, EPERM: missing
// CAP_NET_ADMIN) without parsing the message.
class Error : public std::runtime_error {
 public:
  Error(int errnum, const std::string& message);

  [[nodiscard]] int errnum() const noexcept { return errnum_; }

 private:
  int errnum_;
};

// libnl reports failures as negative NLE_* codes, which have no errno
// counterpart in its API; this gives the closest errno.
[[nodiscard]] int nl_error_to_errno(int nl_error) noexcept;

// Throws Error for libnl return code @nl_error (negative NLE_*), prefixed by
// @what (e.g. "connecting to generic netlink").
[[noreturn]] void throw_nl_error(int nl_error, std::string_view what);

// Throws Error for an errno returned by the kernel, with the extended ack
// message the kernel attached, if any.
[[noreturn]] void throw_kernel_error(int errnum, std::string_view what, std::string_view extack);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_ERROR_H
