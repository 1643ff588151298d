// mult_at ADDR: maps a page at ADDR (fixed), calls show_mult(6, 7, ADDR)
// and prints "RET ERRNAME VALUE".
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  void* at = (void*)strtoul(argv[1], NULL, 0);
  int* p = mmap(at, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (p != at) return 3;
  long r = syscall(388, 6, 7, p);
  printf("%ld %s %d\n", r, r < 0 ? strerrorname_np(errno) : "-", *p);
  return 0;
}
