// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// --splice-twice: every splice is asked for a second time at once, as a
// node does when the answer was lost or knitsd died before answering. The
// gateway must answer the repeat with the same P and change nothing; any
// other answer fails the hand-off, so the test sees it.

#include <memory>
#include <string>
#include <utility>

#include "testnode/splicer.h"

namespace knits::testnode {
namespace {

class TwiceSplicer final : public Splicer {
 public:
  explicit TwiceSplicer(std::shared_ptr<Splicer> inner) : inner_(std::move(inner)) {}

  SpliceAnswer splice(const SpliceCall& call) override {
    SpliceAnswer first = inner_->splice(call);
    if (!first.ok) {
      return first;
    }
    const SpliceAnswer again = inner_->splice(call);
    if (!again.ok || again.p != first.p) {
      SpliceAnswer wrong;
      wrong.error = "the splice asked again was answered " +
                    (again.ok ? "P=" + std::to_string(again.p) : again.error) +
                    ", not P=" + std::to_string(first.p);
      return wrong;
    }
    return first;
  }

 private:
  std::shared_ptr<Splicer> inner_;
};

}  // namespace

std::unique_ptr<Splicer> make_twice_splicer(std::shared_ptr<Splicer> inner) {
  return std::make_unique<TwiceSplicer>(std::move(inner));
}

}  // namespace knits::testnode
