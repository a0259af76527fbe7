// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// What knitsd asks of the kernel, behind an interface so that the request
// pipeline is unit-tested without one (the VM tests use the real module).

#ifndef KNITS_DAEMON_KNITSD_KERNEL_H
#define KNITS_DAEMON_KNITSD_KERNEL_H

#include <cstdint>
#include <memory>

#include "genl/splice.h"

namespace knits::knitsd {

class Kernel {
 public:
  Kernel() = default;
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;
  Kernel(Kernel&&) = delete;
  Kernel& operator=(Kernel&&) = delete;
  virtual ~Kernel() = default;

  // KNITS_CMD_SPLICE. Throws genl::Error when the kernel cannot be asked.
  [[nodiscard]] virtual genl::SpliceReply splice(const genl::SpliceRequest& request) = 0;
  // KNITS_CMD_PREPARE: enum knits_splice_status. Throws as splice() does.
  [[nodiscard]] virtual std::uint32_t prepare(const genl::SpliceConnection& c1) = 0;
};

// The module, over generic netlink, in knitsd's network namespace. Throws
// genl::Error if the knits family is not there.
[[nodiscard]] std::unique_ptr<Kernel> make_netlink_kernel();

}  // namespace knits::knitsd

#endif  // KNITS_DAEMON_KNITSD_KERNEL_H
