// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/answer_cache.h"

#include <cstdint>
#include <utility>

namespace knits::knitsd {

const AnswerCache::Entry* AnswerCache::find(std::uint64_t request_id) const {
  auto it = entries_.find(request_id);
  return it == entries_.end() ? nullptr : &it->second;
}

void AnswerCache::add(std::uint64_t request_id, Entry entry) {
  if (size_ == 0) {
    return;
  }
  if (entries_.insert_or_assign(request_id, std::move(entry)).second) {
    order_.push_back(request_id);
  }
  while (entries_.size() > size_) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
}

}  // namespace knits::knitsd
