// The checks behind include/ukern/list.h (Linux's CONFIG_DEBUG_LIST): a
// corrupted list is reported and the operation refused, never followed.
#include <cstdint>
#include <string>

#include "kernel/debug/report_text.h"
#include "kernel/debug/symbolize.h"
#include "ukern/list.h"
#include "ukern/printk.h"

namespace ukern::detail {
namespace {

bool poisoned(const list_head* p) { return p == LIST_POISON1 || p == LIST_POISON2; }

// Pointers in the top (non-canonical) half or null cannot be read safely.
bool unreadable(const list_head* p) {
  auto v = reinterpret_cast<uintptr_t>(p);
  return v < 4096 || v >= 0x0000800000000000UL;
}

bool report(const std::string& what) {
  std::string trace;
  for (auto& f : stack_trace(2)) trace += " " + f + "\n";
  log_report(3, what + "\nlist: operation refused\nCall Trace:\n" + trace);
  return false;
}

template <class... A>
std::string fmt_msg(const char* f, A... a) {
  char buf[256];
  snprintf(buf, sizeof buf, f, a...);
  return buf;
}

}  // namespace

bool list_add_valid(list_head* n, list_head* prev, list_head* next) {
  if (unreadable(prev) || unreadable(next))
    return report(fmt_msg("list_add corruption. prev (%p) or next (%p) is not a list entry.", prev, next));
  if (next->prev != prev)
    return report(fmt_msg("list_add corruption. next->prev should be prev (%p), but was %p. (next=%p).", prev,
                          next->prev, next));
  if (prev->next != next)
    return report(fmt_msg("list_add corruption. prev->next should be next (%p), but was %p. (prev=%p).", next,
                          prev->next, prev));
  if (n == prev || n == next)
    return report(fmt_msg("list_add double add: new=%p, prev=%p, next=%p.", n, prev, next));
  return true;
}

bool list_del_entry_valid(list_head* e) {
  list_head* prev = e->prev;
  list_head* next = e->next;
  if (next == LIST_POISON1)
    return report(fmt_msg("list_del corruption, %p->next is LIST_POISON1 (%p)", e, LIST_POISON1));
  if (prev == LIST_POISON2)
    return report(fmt_msg("list_del corruption, %p->prev is LIST_POISON2 (%p)", e, LIST_POISON2));
  if (poisoned(next) || poisoned(prev) || unreadable(next) || unreadable(prev))
    return report(fmt_msg("list_del corruption, %p has bad neighbours (prev=%p, next=%p)", e, prev, next));
  if (prev->next != e)
    return report(fmt_msg("list_del corruption. prev->next should be %p, but was %p. (prev=%p)", e, prev->next,
                          prev));
  if (next->prev != e)
    return report(fmt_msg("list_del corruption. next->prev should be %p, but was %p. (next=%p)", e, next->prev,
                          next));
  return true;
}

}  // namespace ukern::detail
