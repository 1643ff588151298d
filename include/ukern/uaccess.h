// User memory: typed user pointers and the copies to and from the caller.
//
// Every access goes to the calling process (`current`) through
// process_vm_readv/writev and is checked against the validity of the
// system call's notification, so a recycled pid never sees another
// process's memory. Only trivially copyable types cross the boundary.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include "ukern/result.h"

namespace ukern {

/// An address in the caller's memory that holds a T. It cannot be
/// dereferenced: read and write it with copy_from_user / copy_to_user.
/// `UserPtr<const T>` is for input only.
template <class T>
class UserPtr {
 public:
  using element_type = T;
  UserPtr() = default;
  explicit UserPtr(uint64_t addr) : addr_(addr) {}
  uint64_t addr() const { return addr_; }
  bool is_null() const { return addr_ == 0; }
  /// The pointer `n` elements on; EFAULT when the address would wrap.
  Result<UserPtr<T>> offset(size_t n) const {
    uint64_t bytes;
    if (__builtin_mul_overflow(n, sizeof(T), &bytes)) return Error{EFAULT};
    uint64_t a;
    if (__builtin_add_overflow(addr_, bytes, &a)) return Error{EFAULT};
    return UserPtr<T>(a);
  }

 private:
  uint64_t addr_ = 0;
};

/// True when [p, p + count elements) is a possible user address range (not
/// null, below the top of user space, no wrap-around). It does not prove the
/// memory is mapped: the copy functions report that with EFAULT.
template <class T>
bool access_ok(UserPtr<T> p, size_t count = 1) {
  uint64_t bytes, end;
  return !p.is_null() && !__builtin_mul_overflow(count, sizeof(T), &bytes) &&
         !__builtin_add_overflow(p.addr(), bytes, &end) && end <= 0x0000800000000000ULL;
}

/// Copies `n` bytes from the caller's `src` into `dst`. EFAULT when any byte
/// is unmapped or the caller is gone (ESRCH is reported as EFAULT too).
Result<void> copy_from_user(void* dst, uint64_t src, size_t n);
/// Copies `n` bytes to the caller's `dst`. EFAULT when any byte is unmapped or
/// not writable; in that case nothing is written when `n` is at most a page
/// (even when the range crosses a page boundary).
Result<void> copy_to_user(uint64_t dst, const void* src, size_t n);
/// Copies a NUL-terminated string of at most `max` bytes (NUL excluded).
/// EFAULT on a bad address, ENAMETOOLONG when no NUL is found within `max`.
Result<std::string> strncpy_from_user(uint64_t src, size_t max);

template <class T>
Result<std::remove_const_t<T>> copy_from_user(UserPtr<T> p) {
  using V = std::remove_const_t<T>;
  static_assert(std::is_trivially_copyable_v<V>, "user memory holds trivially copyable types only");
  V v;
  if (auto r = copy_from_user(&v, p.addr(), sizeof(V)); !r) return Error{r.error()};
  return v;
}

template <class T>
Result<void> copy_to_user(UserPtr<T> p, const T& v) {
  static_assert(!std::is_const_v<T>, "cannot write through UserPtr<const T>");
  static_assert(std::is_trivially_copyable_v<T>, "user memory holds trivially copyable types only");
  return copy_to_user(p.addr(), &v, sizeof(T));
}

/// Copies `count` elements; EINVAL when count * sizeof(T) overflows.
template <class T>
Result<void> copy_array_to_user(UserPtr<T> p, const T* v, size_t count) {
  static_assert(!std::is_const_v<T> && std::is_trivially_copyable_v<T>);
  size_t bytes;
  if (__builtin_mul_overflow(count, sizeof(T), &bytes)) return Error{EINVAL};
  return copy_to_user(p.addr(), v, bytes);
}

template <class T>
Result<std::string> strncpy_from_user(UserPtr<T> p, size_t max) {
  static_assert(sizeof(T) == 1);
  return strncpy_from_user(p.addr(), max);
}

}  // namespace ukern
