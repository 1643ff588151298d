#include "passenger_cache.h"

#include <cstddef>

#include "elevator.h"
#include "ukern/slab.h"

namespace elevator {

struct PassengerSlab {
  struct list_head node;  // in the cache's partial or full list
  uint32_t used;
  uint32_t next_unused;   // objects never handed out start here
  Passenger* free_list;   // freed objects, linked through node.next
  Passenger objects[PassengerCache::kSlabObjects];
};

Passenger* PassengerCache::alloc() {
  PassengerSlab* s;
  if (!list_empty(&partial_)) {
    s = list_first_entry(&partial_, PassengerSlab, node);
  } else {
    s = spare_;
    spare_ = nullptr;
    if (!s) {
      s = static_cast<PassengerSlab*>(kmalloc(sizeof(PassengerSlab), GFP_KERNEL));
      if (!s) return nullptr;
      ++slabs_;
    }
    s->used = 0;
    s->next_unused = 0;
    s->free_list = nullptr;
    list_add(&s->node, &partial_);
  }
  Passenger* p;
  if (s->free_list) {
    p = s->free_list;
    s->free_list = reinterpret_cast<Passenger*>(p->node.next);
  } else {
    p = &s->objects[s->next_unused++];
  }
  p->slab = s;
  if (++s->used == kSlabObjects) list_move(&s->node, &full_);
  return p;
}

void PassengerCache::free(Passenger* p) {
  PassengerSlab* s = p->slab;
  if (s->used-- == kSlabObjects) list_move(&s->node, &partial_);
  p->node.next = reinterpret_cast<struct list_head*>(s->free_list);
  s->free_list = p;
  if (s->used == 0) {
    list_del(&s->node);
    if (spare_) {
      kfree(s);
      --slabs_;
    } else {
      spare_ = s;
    }
  }
}

void PassengerCache::destroy() {
  PassengerSlab *s, *tmp;
  for (struct list_head* l : {&partial_, &full_}) {
    list_for_each_entry_safe(s, tmp, l, node) {
      list_del(&s->node);
      kfree(s);
    }
  }
  kfree(spare_);
  spare_ = nullptr;
  slabs_ = 0;
}

}  // namespace elevator
