/* sleep_after_trigger FILE N MS: waits until FILE exists, then N threads
 * each call test_sleep(MS) (600) while the main thread makes one null call
 * (601 op 2). Prints "ok K eagain E other O" over all N+1 calls: calls that
 * returned 0, that failed with EAGAIN, that failed otherwise. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long ms;
static int ok, eagain, other;

static void count(long r, int err) {
  if (r == 0) __atomic_add_fetch(&ok, 1, __ATOMIC_RELAXED);
  else if (err == EAGAIN) __atomic_add_fetch(&eagain, 1, __ATOMIC_RELAXED);
  else __atomic_add_fetch(&other, 1, __ATOMIC_RELAXED);
}

static void *sleeper(void *arg) {
  (void)arg;
  long r = syscall(600, ms);
  count(r, errno);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: sleep_after_trigger FILE N MS\n");
    return 2;
  }
  int n = atoi(argv[2]);
  ms = atol(argv[3]);
  struct timespec tick = {0, 10 * 1000 * 1000};
  while (access(argv[1], F_OK) != 0) nanosleep(&tick, NULL);
  pthread_t *t = calloc((size_t)n, sizeof *t);
  for (int i = 0; i < n; ++i) pthread_create(&t[i], NULL, sleeper, NULL);
  struct timespec settle = {0, 200 * 1000 * 1000};
  nanosleep(&settle, NULL);
  long r = syscall(601, 2);
  count(r, errno);
  for (int i = 0; i < n; ++i) pthread_join(t[i], NULL);
  printf("ok %d eagain %d other %d\n", ok, eagain, other);
  free(t);
  return 0;
}
