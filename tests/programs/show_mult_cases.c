// show_mult (388) from a user program, one line per case:
// "CASE RET ERRNAME VALUE" where VALUE is what the result int holds after
// the call (it starts at 77 everywhere, so an untouched result reads 77).
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void report(const char* name, long r, int value) {
  printf("%s %ld %s %d\n", name, r, r < 0 ? strerrorname_np(errno) : "-", value);
}

int main(void) {
  long page = sysconf(_SC_PAGESIZE);
  int r = 77;
  errno = 0;
  long ret = syscall(388, 2, 5, &r);
  report("ok", ret, r);

  r = 77;
  errno = 0;
  ret = syscall(388, -3, 7, &r);
  report("negative", ret, r);

  r = 77;
  errno = 0;
  ret = syscall(388, INT_MAX, 2, &r);
  report("overflow", ret, r);

  errno = 0;
  ret = syscall(388, 2, 5, NULL);
  report("null", ret, 77);

  // A read-only page that holds 77: the call must fail and leave it alone.
  int* ro = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  *ro = 77;
  mprotect(ro, page, PROT_READ);
  errno = 0;
  ret = syscall(388, 2, 5, ro);
  report("readonly", ret, *ro);

  // An unmapped page.
  int* gone = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(gone, page);
  errno = 0;
  ret = syscall(388, 2, 5, gone);
  report("unmapped", ret, 77);

  // A kernel-half address.
  errno = 0;
  ret = syscall(388, 2, 5, (int*)0xffff888000000000UL);
  report("kernel", ret, 77);

  // An int that straddles a writable page and an unmapped one: no byte of
  // the writable part may change.
  char* two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(two + page, page);
  memset(two + page - 2, 0x4d, 2);
  errno = 0;
  ret = syscall(388, 2, 5, (int*)(two + page - 2));
  report("straddle", ret, (two[page - 2] == 0x4d && two[page - 1] == 0x4d) ? 77 : -1);

  // The same over a writable page and a read-only one: both are readable, the
  // write fails half-way, and the kernel must put the first half back.
  char* rw_ro = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(rw_ro + page - 2, 0x4d, 4);
  mprotect(rw_ro + page, page, PROT_READ);
  errno = 0;
  ret = syscall(388, 2, 5, (int*)(rw_ro + page - 2));
  report("straddle_ro", ret, (rw_ro[page - 2] == 0x4d && rw_ro[page - 1] == 0x4d) ? 77 : -1);
  return 0;
}
