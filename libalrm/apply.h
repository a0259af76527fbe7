// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Applying a plan to the module: read what it has, make the changes, and
// if the module refuses one, step back to what it had, so that a refused
// plan leaves the services as they were. Each request is atomic in the
// module (a pool is rebuilt whole and swapped under RCU); a plan of many
// requests is atomic in the sense that it applies whole or is undone.

#ifndef KNITS_LIBALRM_APPLY_H
#define KNITS_LIBALRM_APPLY_H

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "genl/config.h"
#include "genl/endpoint.h"
#include "libalrm/compile.h"
#include "libalrm/reconcile.h"

namespace knits::genl {
class Client;
}

namespace knits::alrm {

// The module's service table, as apply() needs it; genl::Client behind
// NetlinkServices, a fake in tests. Errors are exceptions.
class Services {
 public:
  Services() = default;
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;
  Services(Services&&) = delete;
  Services& operator=(Services&&) = delete;
  virtual ~Services() = default;

  [[nodiscard]] virtual std::vector<KernelService> read() = 0;
  virtual void apply(const Step& step) = 0;
  virtual void set_hash_key(const genl::HashKey& key) = 0;
};

class NetlinkServices final : public Services {
 public:
  explicit NetlinkServices(genl::Client& client) : client_(client) {}

  [[nodiscard]] std::vector<KernelService> read() override;
  void apply(const Step& step) override;
  void set_hash_key(const genl::HashKey& key) override;

 private:
  genl::Client& client_;
};

struct ApplyResult {
  // what was done, in order (Step::to_string())
  std::vector<std::string> done;
  // services of the module no plan of ours made, left alone
  std::vector<genl::Endpoint> unmanaged;
};

// Applies @plan; @retired as reconcile() takes it. On a refusal, undoes
// what it did and rethrows the refusal with the step that failed in its
// message (ApplyError).
class ApplyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
ApplyResult apply(const Plan& plan, Services& services, const std::set<genl::Endpoint>& retired);

}  // namespace knits::alrm

#endif  // KNITS_LIBALRM_APPLY_H
