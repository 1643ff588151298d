// The C face of user memory: copy_to_user & co. for <linux/uaccess.h>.
//
// A `__user` pointer means the caller's memory in a system call (reached
// through ukern's checked copies), and the reader's buffer in a /proc read
// or write callback: the FUSE request buffer that procfs hands over for
// that one call (this thread's UserWindow).
#include <cstring>

#include "kernel/compat/compat.h"
#include "ukern/uaccess.h"

namespace ukern::compat {
namespace {
thread_local UserWindow t_window;
}

bool UserWindow::contains(const void* p, size_t n) const {
  auto* c = static_cast<const char*>(p);
  return lo != nullptr && c >= lo && c <= hi && n <= static_cast<size_t>(hi - c);
}

UserWindowScope::UserWindowScope(const void* buf, size_t size) : saved_(t_window) {
  t_window.lo = static_cast<char*>(const_cast<void*>(buf));
  t_window.hi = t_window.lo + size;
}
UserWindowScope::~UserWindowScope() { t_window = saved_; }

}  // namespace ukern::compat

using ukern::compat::t_window;

extern "C" {

unsigned long ukern_c_copy_to_user(void* to, const void* from, unsigned long n) {
  if (n == 0) return 0;
  if (t_window.lo != nullptr) {
    if (!t_window.contains(to, n)) return n;  // outside the reader's buffer
    std::memcpy(to, from, n);
    return 0;
  }
  return ukern::copy_to_user(reinterpret_cast<uint64_t>(to), from, n) ? 0 : n;
}

unsigned long ukern_c_copy_from_user(void* to, const void* from, unsigned long n) {
  if (n == 0) return 0;
  if (t_window.lo != nullptr) {
    if (!t_window.contains(from, n)) {
      std::memset(to, 0, n);
      return n;
    }
    std::memcpy(to, from, n);
    return 0;
  }
  if (ukern::copy_from_user(to, reinterpret_cast<uint64_t>(from), n)) return 0;
  std::memset(to, 0, n);  // as Linux: what was not copied is zeroed
  return n;
}

unsigned long ukern_c_clear_user(void* to, unsigned long n) {
  static const char zeros[4096] = {};
  unsigned long done = 0;
  while (done < n) {
    unsigned long chunk = n - done < sizeof zeros ? n - done : sizeof zeros;
    if (ukern_c_copy_to_user(static_cast<char*>(to) + done, zeros, chunk) != 0) return n - done;
    done += chunk;
  }
  return 0;
}

long ukern_c_strncpy_from_user(char* dst, const char* src, long count) {
  if (count <= 0) return 0;
  if (t_window.lo != nullptr) {
    if (!t_window.contains(src, 1)) return -EFAULT;
    size_t avail = static_cast<size_t>(t_window.hi - src);
    size_t max = static_cast<size_t>(count) < avail ? static_cast<size_t>(count) : avail;
    size_t len = strnlen(src, max);
    std::memcpy(dst, src, len);
    if (len < static_cast<size_t>(count)) dst[len] = '\0';
    return static_cast<long>(len);
  }
  auto r = ukern::strncpy_from_user(reinterpret_cast<uint64_t>(src), static_cast<size_t>(count));
  if (!r) {
    if (r.error() != ENAMETOOLONG) return -EFAULT;
    // No NUL within count bytes: Linux copies count bytes and returns count.
    if (ukern_c_copy_from_user(dst, src, static_cast<unsigned long>(count)) != 0) return -EFAULT;
    return count;
  }
  std::memcpy(dst, r->data(), r->size() + 1);
  return static_cast<long>(r->size());
}

int ukern_c_access_ok(const void* addr, unsigned long size) {
  if (t_window.lo != nullptr) return t_window.contains(addr, size) ? 1 : 0;
  auto a = reinterpret_cast<uint64_t>(addr);
  uint64_t end;
  return !__builtin_add_overflow(a, size, &end) && end <= 0x0000800000000000ULL ? 1 : 0;
}

ssize_t ukern_c_simple_read_from_buffer(void* to, size_t count, long long* ppos, const void* from, size_t available) {
  long long pos = *ppos;
  if (pos < 0) return -EINVAL;
  if (static_cast<unsigned long long>(pos) >= available || count == 0) return 0;
  size_t n = available - static_cast<size_t>(pos);
  if (n > count) n = count;
  unsigned long left = ukern_c_copy_to_user(to, static_cast<const char*>(from) + pos, n);
  if (left == n) return -EFAULT;
  n -= left;
  *ppos = pos + static_cast<long long>(n);
  return static_cast<ssize_t>(n);
}

ssize_t ukern_c_simple_write_to_buffer(void* to, size_t available, long long* ppos, const void* from, size_t count) {
  long long pos = *ppos;
  if (pos < 0) return -EINVAL;
  if (static_cast<unsigned long long>(pos) >= available || count == 0) return 0;
  size_t n = available - static_cast<size_t>(pos);
  if (n > count) n = count;
  unsigned long left = ukern_c_copy_from_user(static_cast<char*>(to) + pos, from, n);
  if (left == n) return -EFAULT;
  n -= left;
  *ppos = pos + static_cast<long long>(n);
  return static_cast<ssize_t>(n);
}

}  // extern "C"
