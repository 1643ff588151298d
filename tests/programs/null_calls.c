/* null_calls THREADS CALLS: THREADS threads each make CALLS null calls
 * (test_count, 601 op 2). Prints "calls C ok K eagain E": K returned 0, E
 * failed with EAGAIN (the kernel could not start a thread to run them). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long calls;
static long ok, eagain;

static void *worker(void *arg) {
  (void)arg;
  long k = 0, e = 0;
  for (long i = 0; i < calls; ++i) {
    long r = syscall(601, 2);
    if (r == 0) ++k;
    else if (errno == EAGAIN) ++e;
  }
  __atomic_add_fetch(&ok, k, __ATOMIC_RELAXED);
  __atomic_add_fetch(&eagain, e, __ATOMIC_RELAXED);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: null_calls THREADS CALLS\n");
    return 2;
  }
  int n = atoi(argv[1]);
  calls = atol(argv[2]);
  pthread_t *t = calloc((size_t)n, sizeof *t);
  for (int i = 0; i < n; ++i) pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < n; ++i) pthread_join(t[i], NULL);
  printf("calls %ld ok %ld eagain %ld\n", n * calls, ok, eagain);
  free(t);
  return 0;
}
