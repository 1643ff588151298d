// Copies to and from the caller's memory.
//
// Reads use process_vm_readv and are checked against the notification
// afterwards: bytes read from a pid that was recycled meanwhile are thrown
// away (valid afterwards means the caller was alive, so holding its pid,
// the whole time). process_vm_readv honours page protections, as a user
// access in Linux does.
//
// Writes cannot be checked afterwards (the damage would be done), so they
// follow seccomp_unotify(2): they go through the caller's /proc/TID/mem,
// opened once per task and checked for validity after opening, which can
// never reach another process. That file writes through page protections
// (FOLL_FORCE), so the destination is first checked against the caller's
// mappings (/proc/TID/maps, read once per task): a read-only or unmapped
// destination is EFAULT, with nothing written.
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <vector>

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

// The caller's writable mappings, read once per call (keyed by the
// notification: a new call reads them again).
struct WritableMaps {
  pid_t tid = 0;
  uint64_t notif_id = 0;
  bool loaded = false;
  std::vector<std::pair<uint64_t, uint64_t>> ranges;  // [start, end), sorted
};
thread_local WritableMaps t_maps;

bool load_writable_maps(CallerTask* t) {
  if (t_maps.loaded && t_maps.tid == t->tid() && t_maps.notif_id == t->notif_id()) return true;
  t_maps = WritableMaps{t->tid(), t->notif_id(), false, {}};
  std::ifstream in("/proc/" + std::to_string(t->tid()) + "/maps");
  for (std::string line; std::getline(in, line);) {
    // "start-end perms offset dev inode path"
    unsigned long long start, end;
    char perms[5] = {};
    if (std::sscanf(line.c_str(), "%llx-%llx %4s", &start, &end, perms) != 3) continue;
    if (perms[1] != 'w') continue;
    if (!t_maps.ranges.empty() && t_maps.ranges.back().second == start) t_maps.ranges.back().second = end;
    else t_maps.ranges.emplace_back(start, end);
  }
  // Read while the caller was alive: they are its mappings.
  if (!t->notification_valid()) return false;
  t_maps.loaded = true;
  return true;
}

bool writable(CallerTask* t, uint64_t addr, size_t n) {
  if (!load_writable_maps(t)) return false;
  uint64_t end = addr + n;
  auto it = std::upper_bound(t_maps.ranges.begin(), t_maps.ranges.end(), std::make_pair(addr, UINT64_MAX));
  if (it == t_maps.ranges.begin()) return false;
  --it;
  return it->first <= addr && end <= it->second;
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
  if (!writable(t, dst, n)) return Error{EFAULT};
  int mem = t->memory_fd();
  if (mem < 0) return Error{EFAULT};
  // Another thread of the caller may unmap pages meanwhile: keep the old
  // bytes of a copy of up to a page, to put back if the write stops short,
  // so that a failed copy writes nothing (show_mult relies on it). The
  // undo goes through the same descriptor.
  char old[kPage];
  bool restorable = n <= kPage && pread(mem, old, n, static_cast<off_t>(dst)) == static_cast<ssize_t>(n);
  ssize_t put = pwrite(mem, src, n, static_cast<off_t>(dst));
  if (put == static_cast<ssize_t>(n)) return {};
  if (restorable && put > 0) (void)!pwrite(mem, old, static_cast<size_t>(put), static_cast<off_t>(dst));
  return Error{EFAULT};
}

Result<std::string> strncpy_from_user(uint64_t src, size_t max) {
  CallerTask* t = current_caller();
  if (t == nullptr) return Error{EFAULT};
  std::string out;
  char chunk[kPage];
  uint64_t addr = src;
  // Read up to each page end only, so a string that ends just before an
  // unmapped page is still read; and never more than max + 1 bytes, so
  // what is kept is the string itself, however large `max` is.
  for (;;) {
    size_t left = max - out.size() + 1;  // room for max bytes and the NUL
    size_t want = std::min<size_t>(kPage - (addr % kPage), left);
    if (!range_ok(addr, want)) return Error{EFAULT};
    if (!read_remote(t, chunk, addr, want)) return Error{EFAULT};
    if (const void* nul = std::memchr(chunk, '\0', want)) {
      out.append(chunk, static_cast<const char*>(nul) - chunk);
      return out;
    }
    if (want == left) return Error{ENAMETOOLONG};
    out.append(chunk, want);
    addr += want;
  }
}

}  // namespace ukern
