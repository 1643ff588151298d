// sleep_threads N MS: N threads start together (a barrier) and each calls
// test_sleep(MS) (600). Prints "calls N ok K": K calls returned 0.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_barrier_t start;
static long ms;

static void* worker(void* arg) {
  pthread_barrier_wait(&start);
  *(long*)arg = syscall(600, ms);
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: sleep_threads N MS\n");
    return 2;
  }
  int n = atoi(argv[1]);
  ms = atol(argv[2]);
  pthread_t* t = calloc((size_t)n, sizeof *t);
  long* ret = calloc((size_t)n, sizeof *ret);
  pthread_barrier_init(&start, NULL, (unsigned)n);
  for (int i = 0; i < n; ++i) pthread_create(&t[i], NULL, worker, &ret[i]);
  int ok = 0;
  for (int i = 0; i < n; ++i) {
    pthread_join(t[i], NULL);
    ok += ret[i] == 0;
  }
  printf("calls %d ok %d\n", n, ok);
  pthread_barrier_destroy(&start);
  free(ret);
  free(t);
  return 0;
}
