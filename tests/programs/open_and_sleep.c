// open_and_sleep N PAGES: closes every inherited descriptor above 2, opens
// /dev/null N times (fds 3 to N+2), touches PAGES fresh pages
// (minor faults), then sleeps until killed: a task whose state, open files
// and faults a test controls.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char** argv) {
  int files = argc > 1 ? atoi(argv[1]) : 7;
  long pages = argc > 2 ? atol(argv[2]) : 0;
  close_range(3, ~0U, 0);
  for (int i = 0; i < files; ++i)
    if (open("/dev/null", O_RDONLY) < 0) return 1;
  long size = sysconf(_SC_PAGESIZE);
  char* mem = pages > 0 ? mmap(NULL, (size_t)(pages * size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                        : NULL;
  for (long i = 0; i < pages; ++i) mem[i * size] = 1;
  for (;;) pause();
}
