/* sched_call NR [ARG...]: makes system call NR with integer arguments and
 * prints "RESULT ELAPSED_US" (RESULT is -errno on failure; ELAPSED_US is the
 * host time the call took). For the kthread/locking/time tests. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: sched_call NR [ARG...]\n");
    return 2;
  }
  long nr = strtol(argv[1], NULL, 0);
  long a[6] = {0};
  for (int i = 2; i < argc && i < 8; ++i) a[i - 2] = strtol(argv[i], NULL, 0);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  long r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
  int e = errno;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
  printf("%ld %ld\n", r < 0 ? -(long)e : r, us);
  return 0;
}
