// test_echo (603), a test-only module for uaccess:
//   long test_echo(const char *src, char *dst, size_t dst_len)
// reads the NUL-terminated string at `src` (strncpy_from_user, at most
// dst_len - 1 bytes), writes it with its NUL to `dst` (copy_to_user) and
// returns its length.
//
// Errors: -EINVAL when dst_len is 0 or above 1 MiB; -EFAULT when `src` or
// `dst` is not readable / writable (nothing is written to `dst` then);
// -ENAMETOOLONG when the string and its NUL do not fit in dst_len bytes.
#include <cerrno>
#include <cstddef>

#include "ukern/module.h"
#include "ukern/syscall.h"
#include "ukern/uaccess.h"

namespace {

constexpr size_t kMaxLen = 1 << 20;

ukern::Result<long> test_echo(ukern::UserPtr<const char> src, ukern::UserPtr<char> dst, size_t dst_len) {
  if (dst_len == 0 || dst_len > kMaxLen) return ukern::Error{EINVAL};
  auto s = ukern::strncpy_from_user(src, dst_len - 1);
  if (!s) return ukern::Error{s.error()};
  if (auto r = ukern::copy_to_user(dst.addr(), s->c_str(), s->size() + 1); !r) return ukern::Error{r.error()};
  return static_cast<long>(s->size());
}

int __init test_echo_init() { return syscall_stub_set(THIS_MODULE, "test_echo", SYSCALL_STUB(test_echo)); }
void __exit test_echo_exit() { ukern::syscall_stub_clear(THIS_MODULE, "test_echo"); }

}  // namespace

module_init(test_echo_init);
module_exit(test_echo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test_echo (603): copies a user string to a user buffer");
