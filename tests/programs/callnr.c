/* callnr NR [ARG...]: makes system call NR with integer arguments and prints
 * "ret=R errno=E" (E is 0 on success). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: callnr NR [ARG...]\n");
    return 2;
  }
  long a[6] = {0};
  for (int i = 2; i < argc && i < 8; ++i) a[i - 2] = strtol(argv[i], NULL, 0);
  errno = 0;
  long r = syscall(strtol(argv[1], NULL, 0), a[0], a[1], a[2], a[3], a[4], a[5]);
  printf("ret=%ld errno=%d\n", r, r < 0 ? errno : 0);
  return 0;
}
