// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include <cstdint>
#include <memory>

#include "genl/knits_genl.h"
#include "genl/splice.h"
#include "knitsd/kernel.h"

namespace knits::knitsd {
namespace {

class NetlinkKernel final : public Kernel {
 public:
  genl::SpliceReply splice(const genl::SpliceRequest& request) override {
    return client_.splice(request);
  }
  std::uint32_t prepare(const genl::SpliceConnection& c1) override { return client_.prepare(c1); }

 private:
  genl::Client client_;
};

}  // namespace

std::unique_ptr<Kernel> make_netlink_kernel() { return std::make_unique<NetlinkKernel>(); }

}  // namespace knits::knitsd
