// taskinfo_cases PID: gettaskinfo (389) on PID with good and bad buffers,
// one line per case: "CASE RET ERRNAME", plus "untouched yes|no" for the
// read-only page case (a failed call must not write).
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ukern/classic.h"

static void report(const char* name, long r) { printf("%s %ld %s\n", name, r, r < 0 ? strerrorname_np(errno) : "-"); }

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  pid_t pid = (pid_t)atol(argv[1]);
  long page = sysconf(_SC_PAGESIZE);
  struct mystat st;
  errno = 0;
  report("valid", gettaskinfo(pid, &st));
  errno = 0;
  report("null", gettaskinfo(pid, NULL));
  errno = 0;
  report("kernel", gettaskinfo(pid, (struct mystat*)0xffff880000000000UL));

  char* ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  errno = 0;
  report("readonly", gettaskinfo(pid, (struct mystat*)ro));
  int untouched = 1;
  for (long i = 0; i < page; ++i) untouched &= ro[i] == 0;
  printf("untouched %s\n", untouched ? "yes" : "no");

  char* gone = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(gone, page);
  errno = 0;
  report("unmapped", gettaskinfo(pid, (struct mystat*)gone));
  return 0;
}
