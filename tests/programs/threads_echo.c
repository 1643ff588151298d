// threads_echo N: N threads each echo their own string through test_echo
// (603) 50 times and check what came back. Prints "threads N ok K": K
// threads got every answer right.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void* worker(void* arg) {
  long id = (long)arg;
  char src[64], dst[64];
  snprintf(src, sizeof src, "thread-%ld-says-hello", id);
  for (int i = 0; i < 50; ++i) {
    memset(dst, 0, sizeof dst);
    long r = syscall(603, src, dst, sizeof dst);
    if (r != (long)strlen(src) || strcmp(src, dst) != 0) return (void*)0;
  }
  return (void*)1;
}

int main(int argc, char** argv) {
  int n = argc > 1 ? atoi(argv[1]) : 8;
  pthread_t t[256];
  if (n < 1 || n > 256) return 2;
  for (long i = 0; i < n; ++i) pthread_create(&t[i], NULL, worker, (void*)i);
  int ok = 0;
  for (int i = 0; i < n; ++i) {
    void* r;
    pthread_join(t[i], &r);
    ok += r != NULL;
  }
  printf("threads %d ok %d\n", n, ok);
  return 0;
}
