// The x86-64 four-level page-table walk of a virtual address, and the
// host's /proc/<pid>/pagemap entry format. Pure functions (unit-tested in
// tests/unit/va2pa_walk_test.cpp).
#pragma once
#include <cstdint>

namespace va2pa {

constexpr unsigned kPageShift = 12;
constexpr uint64_t kPageSize = uint64_t{1} << kPageShift;
constexpr unsigned kHugeShift = 21;                       // a PMD entry maps 2 MiB
constexpr uint64_t kUserTop = uint64_t{1} << 47;          // four levels: 48-bit addresses, user half
constexpr unsigned kEntriesPerTable = 512;

/// Where `addr` falls at each level: a 9-bit index into the PGD (bits
/// 47-39), the PUD (38-30), the PMD (29-21) and the page table (20-12), and
/// the offset in the 4 KiB page (11-0).
struct Indices {
  unsigned pgd, pud, pmd, pte;
  uint64_t offset;
};

constexpr Indices split(uint64_t addr) {
  return Indices{static_cast<unsigned>((addr >> 39) & 511), static_cast<unsigned>((addr >> 30) & 511),
                 static_cast<unsigned>((addr >> 21) & 511), static_cast<unsigned>((addr >> 12) & 511),
                 addr & (kPageSize - 1)};
}

/// One 64-bit entry of /proc/<pid>/pagemap (Linux's
/// Documentation/admin-guide/mm/pagemap.rst): bit 63 present, bit 62
/// swapped, bits 0-54 the page frame number when present (0 when the
/// reader lacks CAP_SYS_ADMIN).
struct PagemapEntry {
  uint64_t raw;
  constexpr bool present() const { return (raw >> 63) & 1; }
  constexpr bool swapped() const { return (raw >> 62) & 1; }
  constexpr uint64_t pfn() const { return raw & ((uint64_t{1} << 55) - 1); }
};

/// Byte offset of `addr`'s entry in the pagemap file.
constexpr uint64_t pagemap_offset(uint64_t addr) { return (addr >> kPageShift) * sizeof(uint64_t); }

/// Physical address of `addr` in the 4 KiB frame `pfn`.
constexpr uint64_t physical_address(uint64_t pfn, uint64_t addr) {
  return (pfn << kPageShift) | (addr & (kPageSize - 1));
}

/// /proc/kpageflags bits (Documentation/admin-guide/mm/pagemap.rst).
constexpr unsigned kKpfCompoundHead = 15;
constexpr unsigned kKpfCompoundTail = 16;
constexpr unsigned kKpfThp = 22;

}  // namespace va2pa
