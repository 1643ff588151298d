// Doubly linked circular lists embedded in your own structs, as in Linux
// (include/linux/list.h), with the checks of CONFIG_DEBUG_LIST always on:
//
//   struct request { int floor; struct list_head node; };
//   static LIST_HEAD(queue);
//   list_add_tail(&r->node, &queue);
//   list_for_each_entry_safe(r, tmp, &queue, node) { list_del(&r->node); kfree(r); }
//
// Before linking or unlinking, the neighbours are checked to point back at
// each other; a corrupted list (a double add, a use of a deleted entry, a
// neighbour overwritten) is reported in the kernel log ("list_add
// corruption", "list_del corruption", with a call trace) and the operation
// is refused instead of crashing. list_del poisons the entry's pointers
// (LIST_POISON1/2), so a later use of the deleted entry is caught too.
// Lists do no locking: protect each list with the lock of its owner.
#pragma once
#include <cstddef>

struct list_head {
  struct list_head* next;
  struct list_head* prev;
};

#define LIST_POISON1 (reinterpret_cast<struct list_head*>(0xdead000000000100UL))
#define LIST_POISON2 (reinterpret_cast<struct list_head*>(0xdead000000000122UL))

/// The struct that contains `ptr`, a pointer to its `member`.
#ifndef container_of
#define container_of(ptr, type, member) \
  (reinterpret_cast<type*>(reinterpret_cast<char*>(ptr) - offsetof(type, member)))
#endif

#define LIST_HEAD_INIT(name) {&(name), &(name)}
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

namespace ukern::detail {
/// The checks (kernel/sched/list_debug.cpp): true if the operation is safe;
/// otherwise the corruption is reported and false returned.
bool list_add_valid(struct list_head* new_entry, struct list_head* prev, struct list_head* next);
bool list_del_entry_valid(struct list_head* entry);
}  // namespace ukern::detail

inline void INIT_LIST_HEAD(struct list_head* list) {
  list->next = list;
  list->prev = list;
}

inline void __list_add(struct list_head* new_entry, struct list_head* prev, struct list_head* next) {
  if (!ukern::detail::list_add_valid(new_entry, prev, next)) return;
  next->prev = new_entry;
  new_entry->next = next;
  new_entry->prev = prev;
  prev->next = new_entry;
}

/// Inserts `new_entry` right after `head` (stack order).
inline void list_add(struct list_head* new_entry, struct list_head* head) { __list_add(new_entry, head, head->next); }
/// Inserts `new_entry` right before `head`: at the tail (queue order).
inline void list_add_tail(struct list_head* new_entry, struct list_head* head) {
  __list_add(new_entry, head->prev, head);
}

inline bool __list_del_entry(struct list_head* entry) {
  if (!ukern::detail::list_del_entry_valid(entry)) return false;
  entry->next->prev = entry->prev;
  entry->prev->next = entry->next;
  return true;
}

/// Unlinks `entry` and poisons its pointers; it must not be used until
/// re-added (a use is reported as corruption).
inline void list_del(struct list_head* entry) {
  if (!__list_del_entry(entry)) return;
  entry->next = LIST_POISON1;
  entry->prev = LIST_POISON2;
}
/// Unlinks `entry` and makes it an empty list of its own (reusable).
inline void list_del_init(struct list_head* entry) {
  if (__list_del_entry(entry)) INIT_LIST_HEAD(entry);
}
/// Replaces `old_entry` by `new_entry` in its list.
inline void list_replace(struct list_head* old_entry, struct list_head* new_entry) {
  new_entry->next = old_entry->next;
  new_entry->next->prev = new_entry;
  new_entry->prev = old_entry->prev;
  new_entry->prev->next = new_entry;
}
/// Moves `entry` to right after `head`.
inline void list_move(struct list_head* entry, struct list_head* head) {
  if (__list_del_entry(entry)) list_add(entry, head);
}
/// Moves `entry` to the tail of `head`.
inline void list_move_tail(struct list_head* entry, struct list_head* head) {
  if (__list_del_entry(entry)) list_add_tail(entry, head);
}
inline bool list_is_first(const struct list_head* entry, const struct list_head* head) { return entry->prev == head; }
inline bool list_is_last(const struct list_head* entry, const struct list_head* head) { return entry->next == head; }
inline bool list_empty(const struct list_head* head) { return head->next == head; }
inline bool list_is_singular(const struct list_head* head) { return !list_empty(head) && head->next == head->prev; }
/// Number of entries (walks the list).
inline size_t list_count_nodes(const struct list_head* head) {
  size_t n = 0;
  for (const struct list_head* p = head->next; p != head; p = p->next) ++n;
  return n;
}
/// Appends every entry of `list` to `head` and empties `list`.
inline void list_splice_tail_init(struct list_head* list, struct list_head* head) {
  if (list_empty(list)) return;
  struct list_head* first = list->next;
  struct list_head* last = list->prev;
  struct list_head* at = head->prev;
  first->prev = at;
  at->next = first;
  last->next = head;
  head->prev = last;
  INIT_LIST_HEAD(list);
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) list_entry((ptr)->next, type, member)
#define list_last_entry(ptr, type, member) list_entry((ptr)->prev, type, member)
#define list_first_entry_or_null(ptr, type, member) \
  (list_empty(ptr) ? nullptr : list_first_entry(ptr, type, member))
#define list_next_entry(pos, member) list_entry((pos)->member.next, __typeof__(*(pos)), member)
#define list_prev_entry(pos, member) list_entry((pos)->member.prev, __typeof__(*(pos)), member)
#define list_entry_is_head(pos, head, member) (&(pos)->member == (head))

#define list_for_each(pos, head) for (pos = (head)->next; pos != (head); pos = pos->next)
#define list_for_each_safe(pos, n, head) \
  for (pos = (head)->next, n = pos->next; pos != (head); pos = n, n = pos->next)
#define list_for_each_entry(pos, head, member)                                    \
  for (pos = list_first_entry(head, __typeof__(*pos), member);                    \
       !list_entry_is_head(pos, head, member); pos = list_next_entry(pos, member))
#define list_for_each_entry_reverse(pos, head, member)                            \
  for (pos = list_last_entry(head, __typeof__(*pos), member);                     \
       !list_entry_is_head(pos, head, member); pos = list_prev_entry(pos, member))
/// Iteration that allows list_del of `pos` inside the loop.
#define list_for_each_entry_safe(pos, n, head, member)                            \
  for (pos = list_first_entry(head, __typeof__(*pos), member),                    \
      n = list_next_entry(pos, member);                                           \
       !list_entry_is_head(pos, head, member); pos = n, n = list_next_entry(n, member))
