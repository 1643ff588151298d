// A small slab cache for passengers (the module's kmem_cache): kmalloc'ed
// slabs of kSlabObjects passengers each, so a million waiting passengers
// cost a few thousand allocations, not a million (each kmalloc is accounted
// and traced by the kernel; per-object allocation would dominate both the
// time of issue_request and the memory). Empty slabs go back to kmalloc,
// except one kept to absorb a request/delivery rhythm at a slab's edge.
// Not locked: the caller holds the lock of the cache's owner.
#pragma once
#include <cstdint>

#include "ukern/list.h"

namespace elevator {

struct Passenger;
struct PassengerSlab;

class PassengerCache {
 public:
  static constexpr uint32_t kSlabObjects = 256;

  PassengerCache() {
    INIT_LIST_HEAD(&partial_);
    INIT_LIST_HEAD(&full_);
  }
  PassengerCache(const PassengerCache&) = delete;
  PassengerCache& operator=(const PassengerCache&) = delete;

  /// An uninitialised passenger, or nullptr when kmalloc fails. O(1).
  Passenger* alloc();
  /// Returns `p` (from alloc) to its slab. O(1).
  void free(Passenger* p);
  /// Frees every slab; every passenger must have been freed (or be forgotten).
  void destroy();
  /// Slabs currently allocated.
  uint64_t slabs() const { return slabs_; }

 private:
  struct list_head partial_;  // slabs with a free object
  struct list_head full_;     // slabs without one
  PassengerSlab* spare_ = nullptr;  // one empty slab kept back
  uint64_t slabs_ = 0;
};

}  // namespace elevator
