/* blocked_and_quick: one thread blocks in test_sleep(3000) (600); the main
 * thread asks test_count (601, op 1) how many calls are in progress until it
 * sees that one, and prints how long its first such call took, whether it
 * saw the blocked call in progress, and both results:
 * "first_ms F seen S blocked_ret R". */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long blocked_ret = -99;

static void *blocker(void *arg) {
  (void)arg;
  blocked_ret = syscall(600, 3000);
  return NULL;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, blocker, NULL);
  struct timespec settle = {0, 100 * 1000 * 1000};
  nanosleep(&settle, NULL); /* the blocker is in the module by now, almost surely */
  double t0 = now_ms();
  long seen = syscall(601, 1);
  double first = now_ms() - t0;
  struct timespec poll = {0, 1000 * 1000};
  while (seen < 1 && blocked_ret == -99) {
    nanosleep(&poll, NULL);
    seen = syscall(601, 1);
  }
  pthread_join(t, NULL);
  printf("first_ms %.1f seen %ld blocked_ret %ld\n", first, seen, blocked_ret);
  return 0;
}
