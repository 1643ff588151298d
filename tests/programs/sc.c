// sc [-r N] NR [ARG...]: makes system call NR with integer arguments (N
// times with -r) and prints, per call, "RET ERRNAME" ("-" when errno is
// not set), e.g. "0 -" or "-1 ENOSYS".
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv) {
  int i = 1;
  long repeat = 1;
  if (argc > 2 && strcmp(argv[1], "-r") == 0) {
    repeat = strtol(argv[2], NULL, 0);
    i = 3;
  }
  if (i >= argc) {
    fprintf(stderr, "usage: sc [-r N] NR [ARG...]\n");
    return 2;
  }
  long nr = strtol(argv[i++], NULL, 0);
  long a[6] = {0};
  for (int k = 0; k < 6 && i < argc; ++k, ++i) a[k] = strtol(argv[i], NULL, 0);
  for (long n = 0; n < repeat; ++n) {
    errno = 0;
    long r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    printf("%ld %s\n", r, r < 0 ? strerrorname_np(errno) : "-");
  }
  return 0;
}
