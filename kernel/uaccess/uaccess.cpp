// Copies to and from the caller's memory with process_vm_readv/writev.
// Reads are checked against the notification afterwards (a recycled pid
// must not leak another process's bytes); writes are checked before.
#include <sys/uio.h>
#include <unistd.h>

#include <cstring>

#include "kernel/entry/task.h"
#include "ukern/uaccess.h"

namespace ukern {
namespace {

constexpr size_t kPage = 4096;

bool range_ok(uint64_t addr, size_t n) {
  uint64_t end;
  return !__builtin_add_overflow(addr, n, &end) && end <= 0x0000800000000000ULL;
}

Result<void> read_remote(CallerTask* t, void* dst, uint64_t src, size_t n) {
  iovec local{dst, n};
  iovec remote{reinterpret_cast<void*>(src), n};
  ssize_t got = process_vm_readv(t->tid(), &local, 1, &remote, 1, 0);
  if (got != static_cast<ssize_t>(n)) return Error{EFAULT};
  if (!t->notification_valid()) return Error{EFAULT};
  return {};
}

}  // namespace

Result<void> copy_from_user(void* dst, uint64_t src, size_t n) {
  if (n == 0) return {};
  CallerTask* t = current_caller();
  if (t == nullptr || !range_ok(src, n)) return Error{EFAULT};
  return read_remote(t, dst, src, n);
}

Result<void> copy_to_user(uint64_t dst, const void* src, size_t n) {
  if (n == 0) return {};
  CallerTask* t = current_caller();
  if (t == nullptr || !range_ok(dst, n)) return Error{EFAULT};
  if (!t->notification_valid()) return Error{EFAULT};
  // A small copy that crosses a page boundary may fail on its second page
  // after the first was written: keep the old bytes to put back, so that
  // a failed copy of up to a page writes nothing (show_mult relies on it).
  char old[kPage];
  bool crosses = dst / kPage != (dst + n - 1) / kPage;
  bool restorable = crosses && n <= kPage;
  if (restorable && !read_remote(t, old, dst, n)) return Error{EFAULT};
  iovec local{const_cast<void*>(src), n};
  iovec remote{reinterpret_cast<void*>(dst), n};
  ssize_t put = process_vm_writev(t->tid(), &local, 1, &remote, 1, 0);
  if (put == static_cast<ssize_t>(n)) return {};
  if (restorable && put > 0) {
    iovec undo{old, static_cast<size_t>(put)};
    (void)process_vm_writev(t->tid(), &undo, 1, &remote, 1, 0);
  }
  return Error{EFAULT};
}

Result<std::string> strncpy_from_user(uint64_t src, size_t max) {
  CallerTask* t = current_caller();
  if (t == nullptr) return Error{EFAULT};
  std::string out;
  char chunk[kPage];
  uint64_t addr = src;
  // Read up to each page end only, so a string that ends just before an
  // unmapped page is still read.
  while (out.size() <= max) {
    size_t want = kPage - (addr % kPage);
    if (!range_ok(addr, want)) return Error{EFAULT};
    if (!read_remote(t, chunk, addr, want)) return Error{EFAULT};
    if (const void* nul = std::memchr(chunk, '\0', want)) {
      out.append(chunk, static_cast<const char*>(nul) - chunk);
      if (out.size() > max) return Error{ENAMETOOLONG};
      return out;
    }
    out.append(chunk, want);
    addr += want;
  }
  return Error{ENAMETOOLONG};
}

}  // namespace ukern
