/*
 * Doubly linked circular lists embedded in your own structs (linux/list.h),
 * with the checks of Linux's CONFIG_DEBUG_LIST always on: before linking or
 * unlinking, the neighbours must point back at each other; a corrupted list
 * (a double add, a use of a deleted entry) is reported in the kernel log
 * with a call trace and the operation is refused instead of crashing.
 * list_del poisons the entry's pointers, so a later use is caught too.
 * Lists do no locking: protect each with the lock of its owner.
 */
#ifndef _UKERN_LINUX_LIST_H
#define _UKERN_LINUX_LIST_H

#include <ukern_compat.h>
#include <linux/kernel.h>
#include <linux/stddef.h>
#include <linux/types.h>

#define LIST_POISON1 ((struct list_head *)0xdead000000000100UL)
#define LIST_POISON2 ((struct list_head *)0xdead000000000122UL)

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *list) {
  WRITE_ONCE(list->next, list);
  list->prev = list;
}

static inline void __list_add(struct list_head *new_entry, struct list_head *prev, struct list_head *next) {
  if (!ukern_c_list_add_valid(new_entry, prev, next)) return;
  next->prev = new_entry;
  new_entry->next = next;
  new_entry->prev = prev;
  WRITE_ONCE(prev->next, new_entry);
}

/* Inserts `new_entry` right after `head` (stack order). */
static inline void list_add(struct list_head *new_entry, struct list_head *head) {
  __list_add(new_entry, head, head->next);
}
/* Inserts `new_entry` right before `head`: at the tail (queue order). */
static inline void list_add_tail(struct list_head *new_entry, struct list_head *head) {
  __list_add(new_entry, head->prev, head);
}

static inline int __list_del_entry_checked(struct list_head *entry) {
  if (!ukern_c_list_del_valid(entry)) return 0;
  entry->next->prev = entry->prev;
  WRITE_ONCE(entry->prev->next, entry->next);
  return 1;
}
static inline void __list_del_entry(struct list_head *entry) { (void)__list_del_entry_checked(entry); }

/* Unlinks `entry` and poisons it: it must not be used until re-added. */
static inline void list_del(struct list_head *entry) {
  if (!__list_del_entry_checked(entry)) return;
  entry->next = LIST_POISON1;
  entry->prev = LIST_POISON2;
}
/* Unlinks `entry` and makes it an empty list of its own (reusable). */
static inline void list_del_init(struct list_head *entry) {
  if (__list_del_entry_checked(entry)) INIT_LIST_HEAD(entry);
}
/* Puts `new_entry` where `old_entry` is. */
static inline void list_replace(struct list_head *old_entry, struct list_head *new_entry) {
  new_entry->next = old_entry->next;
  new_entry->next->prev = new_entry;
  new_entry->prev = old_entry->prev;
  new_entry->prev->next = new_entry;
}
static inline void list_replace_init(struct list_head *old_entry, struct list_head *new_entry) {
  list_replace(old_entry, new_entry);
  INIT_LIST_HEAD(old_entry);
}
static inline void list_swap(struct list_head *a, struct list_head *b) {
  struct list_head *pos = b->prev;
  list_del(b);
  list_replace(a, b);
  if (pos == a) pos = b;
  list_add(a, pos);
}
/* Moves `entry` to right after `head`. */
static inline void list_move(struct list_head *entry, struct list_head *head) {
  if (__list_del_entry_checked(entry)) list_add(entry, head);
}
/* Moves `entry` to the tail of `head`. */
static inline void list_move_tail(struct list_head *entry, struct list_head *head) {
  if (__list_del_entry_checked(entry)) list_add_tail(entry, head);
}
static inline int list_is_first(const struct list_head *entry, const struct list_head *head) {
  return entry->prev == head;
}
static inline int list_is_last(const struct list_head *entry, const struct list_head *head) {
  return entry->next == head;
}
static inline int list_is_head(const struct list_head *entry, const struct list_head *head) { return entry == head; }
static inline int list_empty(const struct list_head *head) { return READ_ONCE(head->next) == head; }
static inline int list_empty_careful(const struct list_head *head) {
  struct list_head *next = head->next;
  return next == head && next == head->prev;
}
static inline int list_is_singular(const struct list_head *head) {
  return !list_empty(head) && head->next == head->prev;
}
/* Moves the first entry of `head` to its tail. */
static inline void list_rotate_left(struct list_head *head) {
  if (!list_empty(head)) list_move_tail(head->next, head);
}
static inline size_t list_count_nodes(struct list_head *head) {
  size_t n = 0;
  struct list_head *p;
  for (p = head->next; p != head; p = p->next) ++n;
  return n;
}

/* Links the entries of `list` between `prev` and `next`. */
static inline void __list_splice(const struct list_head *list, struct list_head *prev, struct list_head *next) {
  struct list_head *first = list->next;
  struct list_head *last = list->prev;
  first->prev = prev;
  prev->next = first;
  last->next = next;
  next->prev = last;
}
/* Joins `list` at the front of `head` (`list` is left stale). */
static inline void list_splice(const struct list_head *list, struct list_head *head) {
  if (!list_empty(list)) __list_splice(list, head, head->next);
}
/* Joins `list` at the tail of `head` (`list` is left stale). */
static inline void list_splice_tail(struct list_head *list, struct list_head *head) {
  if (!list_empty(list)) __list_splice(list, head->prev, head);
}
static inline void list_splice_init(struct list_head *list, struct list_head *head) {
  if (!list_empty(list)) {
    __list_splice(list, head, head->next);
    INIT_LIST_HEAD(list);
  }
}
static inline void list_splice_tail_init(struct list_head *list, struct list_head *head) {
  if (!list_empty(list)) {
    __list_splice(list, head->prev, head);
    INIT_LIST_HEAD(list);
  }
}
/* Moves the entries of `head` up to and including `entry` to `list`. */
static inline void list_cut_position(struct list_head *list, struct list_head *head, struct list_head *entry) {
  struct list_head *new_first;
  if (list_empty(head)) return;
  if (list_is_singular(head) && head->next != entry && head != entry) return;
  if (entry == head) {
    INIT_LIST_HEAD(list);
    return;
  }
  new_first = entry->next;
  list->next = head->next;
  list->next->prev = list;
  list->prev = entry;
  entry->next = list;
  head->next = new_first;
  new_first->prev = head;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) list_entry((ptr)->next, type, member)
#define list_last_entry(ptr, type, member) list_entry((ptr)->prev, type, member)
#define list_first_entry_or_null(ptr, type, member)                      \
  ({                                                                     \
    struct list_head *__ukern_head = (ptr);                              \
    struct list_head *__ukern_pos = READ_ONCE(__ukern_head->next);       \
    __ukern_pos != __ukern_head ? list_entry(__ukern_pos, type, member) : NULL; \
  })
#define list_next_entry(pos, member) list_entry((pos)->member.next, __typeof__(*(pos)), member)
#define list_prev_entry(pos, member) list_entry((pos)->member.prev, __typeof__(*(pos)), member)
#define list_entry_is_head(pos, head, member) (&(pos)->member == (head))

#define list_for_each(pos, head) for (pos = (head)->next; pos != (head); pos = pos->next)
#define list_for_each_prev(pos, head) for (pos = (head)->prev; pos != (head); pos = pos->prev)
#define list_for_each_safe(pos, n, head) \
  for (pos = (head)->next, n = pos->next; pos != (head); pos = n, n = pos->next)
#define list_for_each_prev_safe(pos, n, head) \
  for (pos = (head)->prev, n = pos->prev; pos != (head); pos = n, n = pos->prev)
#define list_for_each_entry(pos, head, member)                              \
  for (pos = list_first_entry(head, __typeof__(*pos), member);              \
       !list_entry_is_head(pos, head, member); pos = list_next_entry(pos, member))
#define list_for_each_entry_reverse(pos, head, member)                      \
  for (pos = list_last_entry(head, __typeof__(*pos), member);               \
       !list_entry_is_head(pos, head, member); pos = list_prev_entry(pos, member))
#define list_prepare_entry(pos, head, member) ((pos) ?: list_entry(head, __typeof__(*pos), member))
#define list_for_each_entry_continue(pos, head, member) \
  for (pos = list_next_entry(pos, member); !list_entry_is_head(pos, head, member); pos = list_next_entry(pos, member))
#define list_for_each_entry_from(pos, head, member) \
  for (; !list_entry_is_head(pos, head, member); pos = list_next_entry(pos, member))
/* Iterations that allow list_del of `pos` inside the loop. */
#define list_for_each_entry_safe(pos, n, head, member)                      \
  for (pos = list_first_entry(head, __typeof__(*pos), member),              \
      n = list_next_entry(pos, member);                                     \
       !list_entry_is_head(pos, head, member); pos = n, n = list_next_entry(n, member))
#define list_for_each_entry_safe_reverse(pos, n, head, member)              \
  for (pos = list_last_entry(head, __typeof__(*pos), member),               \
      n = list_prev_entry(pos, member);                                     \
       !list_entry_is_head(pos, head, member); pos = n, n = list_prev_entry(n, member))
#define list_for_each_entry_safe_continue(pos, n, head, member)             \
  for (pos = list_next_entry(pos, member), n = list_next_entry(pos, member); \
       !list_entry_is_head(pos, head, member); pos = n, n = list_next_entry(n, member))

#endif
