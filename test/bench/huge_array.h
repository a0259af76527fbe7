// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// A fixed-size array on huge pages when it is large, for the flow table's
// buckets and connections. The kernel's objects are not on 4 KiB pages:
// slab objects (the connections) sit in the direct map, mapped with 2 MiB
// or 1 GiB pages, and a large rhashtable bucket array comes from
// kvmalloc(), which maps huge pages too. A million connections on 4 KiB
// pages would add a TLB miss to every lookup that the kernel does not
// pay, and the lookup-at-scale ratio would measure the page size.
//
// madvise(MADV_HUGEPAGE) is a request: with transparent huge pages off,
// the array is still right, only slower to reach at scale.

#ifndef KNITS_TEST_BENCH_HUGE_ARRAY_H
#define KNITS_TEST_BENCH_HUGE_ARRAY_H

#include <sys/mman.h>

#include <cstddef>
#include <memory>
#include <new>
#include <span>
#include <utility>

namespace knits::bench {

template <typename T>
class HugeArray {
 public:
  HugeArray() = default;

  // @n value-initialised elements (zeroed, for the C structs of the core).
  explicit HugeArray(std::size_t n) : size_(n) {
    const std::size_t bytes = n * sizeof(T);
    const bool huge = bytes >= kHugePage;
    align_ = huge ? kHugePage : alignof(T);
    // whole huge pages, so that madvise() covers the array and no more
    bytes_ = huge ? (bytes + kHugePage - 1) / kHugePage * kHugePage : bytes;
    if (bytes_ == 0) {
      return;
    }
    void* mem = ::operator new (bytes_, std::align_val_t{align_});
    if (huge) {
      // before the first touch: the pages are faulted in huge
      static_cast<void>(::madvise(mem, bytes_, MADV_HUGEPAGE));
    }
    data_ = static_cast<T*>(mem);
    std::uninitialized_value_construct_n(data_, n);
  }

  ~HugeArray() { release(); }

  HugeArray(const HugeArray&) = delete;
  HugeArray& operator=(const HugeArray&) = delete;

  HugeArray(HugeArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        bytes_(std::exchange(other.bytes_, 0)),
        align_(other.align_) {}

  HugeArray& operator=(HugeArray&& other) noexcept {
    if (this != &other) {
      release();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      bytes_ = std::exchange(other.bytes_, 0);
      align_ = other.align_;
    }
    return *this;
  }

  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  [[nodiscard]] std::size_t size() const { return size_; }
  std::span<T> span() { return {data_, size_}; }
  [[nodiscard]] std::span<const T> span() const { return {data_, size_}; }

 private:
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  void release() {
    if (data_ == nullptr) {
      return;
    }
    std::destroy_n(data_, size_);
    ::operator delete (data_, std::align_val_t{align_});
    data_ = nullptr;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t bytes_ = 0;
  std::size_t align_ = alignof(T);
};

}  // namespace knits::bench

#endif  // KNITS_TEST_BENCH_HUGE_ARRAY_H
