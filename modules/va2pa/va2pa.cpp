// va2pa (390): va2pa(unsigned long addr) walks the caller's address space
// for `addr` and returns its physical address. The walk is logged as the
// lecture does it: the index at each of the four levels, the page frame,
// the physical address and the int stored there.
//
// ukern runs as a process, so it reads the caller's page tables through the
// host: /proc/<caller>/maps says whether `addr` is mapped at all,
// /proc/<caller>/pagemap gives the page table entry's frame, and
// /proc/kpageflags tells a transparent huge page (one PMD entry for 2 MiB,
// no page-table level) from a 4 KiB page.
//
// Errors: EFAULT when `addr` is not in the caller's mappings (or not a
// user address); ENOENT when it is mapped but no page is present (never
// touched, or swapped out); EPERM when the kernel may not read frame
// numbers (ukernd without CAP_SYS_ADMIN sees frame 0).
#include <fcntl.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <string>

#include "modules/va2pa/page_walk.h"
#include "ukern/current.h"
#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/syscall.h"
#include "ukern/uaccess.h"

namespace {

using ukern::Error;
using ukern::Result;

/// True when some line "start-end ..." of /proc/<tid>/maps covers addr.
Result<bool> is_mapped(pid_t tid, uint64_t addr) {
  std::ifstream maps("/proc/" + std::to_string(tid) + "/maps");
  if (!maps) return Error{EFAULT};  // the caller is gone
  for (std::string line; std::getline(maps, line);) {
    unsigned long long start = 0, end = 0;
    if (std::sscanf(line.c_str(), "%llx-%llx", &start, &end) == 2 && addr >= start && addr < end) return true;
  }
  return false;
}

/// Reads `count` consecutive 64-bit entries at byte `offset` of `path`.
Result<void> read_entries(const std::string& path, uint64_t offset, uint64_t* out, size_t count) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{errno == EACCES || errno == EPERM ? EPERM : EFAULT};
  ssize_t want = static_cast<ssize_t>(count * sizeof(uint64_t));
  ssize_t n = pread(fd, out, static_cast<size_t>(want), static_cast<off_t>(offset));
  int e = errno;
  close(fd);
  if (n != want) return Error{n < 0 && (e == EACCES || e == EPERM) ? EPERM : EFAULT};
  return {};
}

/// True when `addr` lies in a transparent huge page mapped by one PMD entry:
/// the 512 pages of its 2 MiB-aligned range are present, in consecutive
/// frames from a 2 MiB-aligned head frame that /proc/kpageflags marks as the
/// head of a THP. Sets `head_pfn`. False when it cannot tell (kpageflags is
/// for root only).
bool in_pmd_huge_page(const std::string& pagemap, uint64_t addr, uint64_t* head_pfn) {
  constexpr size_t n = va2pa::kEntriesPerTable;
  uint64_t base = addr & ~((uint64_t{1} << va2pa::kHugeShift) - 1);
  uint64_t entries[n];
  if (!read_entries(pagemap, va2pa::pagemap_offset(base), entries, n)) return false;
  uint64_t head = va2pa::PagemapEntry{entries[0]}.pfn();
  if (head == 0 || head % n != 0) return false;
  for (size_t i = 0; i < n; ++i) {
    va2pa::PagemapEntry e{entries[i]};
    if (!e.present() || e.pfn() != head + i) return false;
  }
  uint64_t head_flags = 0, tail_flags = 0;
  if (!read_entries("/proc/kpageflags", head * 8, &head_flags, 1) ||
      !read_entries("/proc/kpageflags", (head + n - 1) * 8, &tail_flags, 1))
    return false;
  bool thp = (head_flags >> va2pa::kKpfThp) & 1;
  bool is_head = (head_flags >> va2pa::kKpfCompoundHead) & 1;
  bool last_is_tail = (tail_flags >> va2pa::kKpfCompoundTail) & 1;
  if (!(thp && is_head && last_is_tail)) return false;
  *head_pfn = head;
  return true;
}

Result<long> sys_va2pa(unsigned long addr) {
  const ukern::Task& caller = ukern::current();
  const pid_t tid = caller.tid();
  const va2pa::Indices ix = va2pa::split(addr);
  printk(KERN_INFO "va2pa: pid %d: virtual address 0x%lx\n", caller.pid(), addr);
  if (addr == 0 || addr >= va2pa::kUserTop) {
    printk(KERN_INFO "va2pa: 0x%lx is not a user address\n", addr);
    return Error{EFAULT};
  }
  printk(KERN_INFO "va2pa: pgd index %u, pud index %u, pmd index %u, pte index %u, offset 0x%" PRIx64 "\n",
         ix.pgd, ix.pud, ix.pmd, ix.pte, ix.offset);

  auto mapped = is_mapped(tid, addr);
  if (!mapped) return Error{mapped.error()};
  if (!*mapped) {
    printk(KERN_INFO "va2pa: 0x%lx is not mapped\n", addr);
    return Error{EFAULT};
  }
  const std::string pagemap = "/proc/" + std::to_string(tid) + "/pagemap";
  uint64_t raw = 0;
  if (auto r = read_entries(pagemap, va2pa::pagemap_offset(addr), &raw, 1); !r) {
    if (r.error() == EPERM) printk(KERN_INFO "va2pa: may not read the page tables of pid %d\n", caller.pid());
    return Error{r.error()};
  }
  va2pa::PagemapEntry pte{raw};
  if (!pte.present()) {
    printk(KERN_INFO "va2pa: 0x%lx is mapped but its page is not present%s\n", addr,
           pte.swapped() ? " (swapped out)" : "");
    return Error{ENOENT};
  }
  if (pte.pfn() == 0) {
    printk(KERN_INFO "va2pa: the page is present but frame numbers are hidden (no CAP_SYS_ADMIN)\n");
    return Error{EPERM};
  }
  const uint64_t phys = va2pa::physical_address(pte.pfn(), addr);
  uint64_t head = 0;
  if (in_pmd_huge_page(pagemap, addr, &head)) {
    printk(KERN_INFO "va2pa: pmd entry maps a 2 MiB transparent huge page at frame 0x%" PRIx64
                     " (no pte level), offset 0x%lx in it\n",
           head, addr & ((1UL << va2pa::kHugeShift) - 1));
  }
  printk(KERN_INFO "va2pa: page frame 0x%" PRIx64 ", physical address 0x%" PRIx64 "\n", pte.pfn(), phys);
  if (auto value = ukern::copy_from_user(ukern::UserPtr<const int>(addr)); value)
    printk(KERN_INFO "va2pa: the int at physical address 0x%" PRIx64 " is %d\n", phys, *value);
  else
    printk(KERN_INFO "va2pa: the int at physical address 0x%" PRIx64 " cannot be read\n", phys);
  if (caller.interrupted()) return Error{EFAULT};  // the caller is gone: its pid may be another's now
  return static_cast<long>(phys);
}

int __init va2pa_init() { return syscall_stub_set(THIS_MODULE, "va2pa", SYSCALL_STUB(sys_va2pa)); }
void __exit va2pa_exit() { ukern::syscall_stub_clear(THIS_MODULE, "va2pa"); }

}  // namespace

module_init(va2pa_init);
module_exit(va2pa_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("va2pa (390): walks the caller's page tables, returns the physical address");
