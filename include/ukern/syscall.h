// System calls: the built-in wrapper of every syscall-table row calls the
// handler in the row's stub pointer, and returns -ENOSYS while it is empty.
// A module sets its stubs in its init function and clears them in its exit:
//
//   static long my_show_mult(int x, int y, ukern::UserPtr<int> res) { ... }
//   module init:  return syscall_stub_set(THIS_MODULE, "show_mult", SYSCALL_STUB(my_show_mult));
//   module exit:  syscall_stub_clear(THIS_MODULE, "show_mult");
//
// The wrapper holds a reference on the owning module for the whole call, so
// rmmod waits for calls in flight and no call ever runs unloaded code.
#pragma once
#include <cstdint>
#include <tuple>
#include <type_traits>

#include "ukern/result.h"
#include "ukern/uaccess.h"

namespace ukern {
class Module;

/// The raw registers of one call.
struct SyscallArgs {
  int nr;
  uint64_t arg[6];
};

using SyscallHandler = long (*)(const SyscallArgs&);

/// Points the stub of table row `name` at `handler`, owned by `owner`.
/// Returns 0, -ENOENT when the table has no such row, -EBUSY when another
/// module owns the stub. Takes the table lock.
int syscall_stub_set(Module* owner, const char* name, SyscallHandler handler);
/// Empties the stub of row `name` if `owner` set it. The loader also clears
/// every stub a module left set when it unloads (with a warning).
void syscall_stub_clear(Module* owner, const char* name);

namespace detail {
template <class P>
P syscall_arg(uint64_t reg) {
  if constexpr (std::is_integral_v<P> || std::is_enum_v<P>) {
    return static_cast<P>(reg);
  } else {
    static_assert(std::is_same_v<P, UserPtr<typename P::element_type>>,
                  "system call parameters are integers or UserPtr<T>");
    return P(reg);
  }
}
template <class R>
long syscall_ret(R r) {
  if constexpr (std::is_integral_v<R>) return static_cast<long>(r);
  else return r.as_syscall_return();
}
template <class F>
struct Thunk;
template <class R, class... P>
struct Thunk<R (*)(P...)> {
  template <R (*Fn)(P...)>
  static long call(const SyscallArgs& a) {
    static_assert(sizeof...(P) <= 6, "at most six arguments");
    return [&]<size_t... I>(std::index_sequence<I...>) {
      return syscall_ret(Fn(syscall_arg<std::decay_t<P>>(a.arg[I])...));
    }(std::index_sequence_for<P...>{});
  }
};
}  // namespace detail

/// Adapts a typed handler `long f(int, UserPtr<T>, ...)` (or one returning
/// Result<long> / Result<void>) to the raw SyscallHandler that stubs hold.
template <auto Fn>
long syscall_thunk(const SyscallArgs& a) {
  return detail::Thunk<decltype(Fn)>::template call<Fn>(a);
}
#define SYSCALL_STUB(fn) (&::ukern::syscall_thunk<fn>)

}  // namespace ukern
