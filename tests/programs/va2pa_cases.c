// va2pa_cases VALUE: va2pa (390) on pages in known states, one line each:
//   written ADDR VALUE PHYS PAGEMAP ERRNAME
//                                      an int written, then looked up; PAGEMAP
//                                      is what /proc/self/pagemap says (root);
//                                      ERRNAME "-" unless va2pa failed
//   unmapped RET ERRNAME               an address unmapped just before
//   untouched RET ERRNAME              a mapped page never touched
//   thp HUGE ADDR VALUE PHYS PAGEMAP   an int in a 2 MiB region advised
//                                      MADV_HUGEPAGE; HUGE is yes when smaps
//                                      shows the region backed by a huge page
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ukern/classic.h"

#define HUGE_SIZE (2UL << 20)

// The physical address of addr by /proc/self/pagemap, 0 if unknown.
static unsigned long pagemap_phys(unsigned long addr) {
  long page = sysconf(_SC_PAGESIZE);
  int fd = open("/proc/self/pagemap", O_RDONLY);
  uint64_t e = 0;
  if (fd < 0 || pread(fd, &e, sizeof e, (off_t)(addr / (unsigned long)page * sizeof e)) != sizeof e) e = 0;
  if (fd >= 0) close(fd);
  if (!(e >> 63)) return 0;
  return (unsigned long)(e & ((1ULL << 55) - 1)) * (unsigned long)page + addr % (unsigned long)page;
}

// True when the mapping that holds addr has AnonHugePages in /proc/self/smaps.
static int backed_by_huge_page(unsigned long addr) {
  FILE* f = fopen("/proc/self/smaps", "r");
  if (f == NULL) return 0;
  char line[512];
  int inside = 0, huge = 0;
  while (fgets(line, sizeof line, f)) {
    unsigned long start, end;
    char dash;
    if (sscanf(line, "%lx%c%lx ", &start, &dash, &end) == 3 && dash == '-') {
      inside = addr >= start && addr < end;
    } else if (inside && strncmp(line, "AnonHugePages:", 14) == 0) {
      huge = atol(line + 14) >= (long)(HUGE_SIZE >> 10);
    }
  }
  fclose(f);
  return huge;
}

static void report(const char* name, long r) { printf("%s %ld %s\n", name, r, r < 0 ? strerrorname_np(errno) : "-"); }

int main(int argc, char** argv) {
  int value = argc > 1 ? atoi(argv[1]) : 2024;
  long page = sysconf(_SC_PAGESIZE);

  int* p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int* at = p + 75;  // not at the page's start: the offset counts
  *at = value;
  errno = 0;
  long phys = va2pa((unsigned long)at);
  printf("written %#lx %d %#lx %#lx %s\n", (unsigned long)at, *at, phys, pagemap_phys((unsigned long)at),
         phys < 0 ? strerrorname_np(errno) : "-");

  char* gone = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(gone, (size_t)page);
  errno = 0;
  report("unmapped", va2pa((unsigned long)gone));

  char* fresh = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  errno = 0;
  report("untouched", va2pa((unsigned long)fresh));

  // A 2 MiB-aligned region, advised huge; a few tries, as the host may lack
  // a free huge page at the first.
  int huge = 0;
  int* in_huge = NULL;
  for (int attempt = 0; attempt < 3 && !huge; ++attempt) {
    char* region = mmap(NULL, 2 * HUGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char* aligned = (char*)(((unsigned long)region + HUGE_SIZE - 1) & ~(HUGE_SIZE - 1));
    madvise(aligned, HUGE_SIZE, MADV_HUGEPAGE);
    in_huge = (int*)(aligned + 0x12344);  // past the first 4 KiB pages
    *in_huge = value + 1;
    huge = backed_by_huge_page((unsigned long)in_huge);
  }
  long thp_phys = va2pa((unsigned long)in_huge);
  printf("thp %s %#lx %d %#lx %#lx\n", huge ? "yes" : "no", (unsigned long)in_huge, *in_huge, thp_phys,
         pagemap_phys((unsigned long)in_huge));
  return 0;
}
