/* elevator_do OP...: makes the elevator's system calls, one line per OP:
 *   start | stop            -> "RET ERRNAME"  (ERRNAME "-" when RET >= 0)
 *   issue:A,B,C             -> "RET ERRNAME"  (the three arguments as given)
 *   flood:N:A,B,C[:T]       -> "ok X invalid Y EAGAIN Z other W"
 *                              N requests in total, over T threads (default 1)
 *   ms:N                    -> sleeps N host milliseconds, prints nothing
 * Raw syscall(2): a result -1 means errno holds the error. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct flood {
  long n;
  int a, b, c;
  long ok, invalid, eagain, other;
};

static void *flood_thread(void *arg) {
  struct flood *f = arg;
  for (long i = 0; i < f->n; ++i) {
    long r = syscall(549, f->a, f->b, f->c);
    if (r == 0) f->ok++;
    else if (r == 1) f->invalid++;
    else if (errno == EAGAIN) f->eagain++;
    else f->other++;
  }
  return NULL;
}

static void print_result(long r) { printf("%ld %s\n", r, r < 0 ? strerrorname_np(errno) : "-"); }

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    const char *op = argv[i];
    int a, b, c, threads = 1;
    long n;
    errno = 0;
    if (strcmp(op, "start") == 0) {
      print_result(syscall(548));
    } else if (strcmp(op, "stop") == 0) {
      print_result(syscall(550));
    } else if (sscanf(op, "issue:%d,%d,%d", &a, &b, &c) == 3) {
      print_result(syscall(549, a, b, c));
    } else if (sscanf(op, "flood:%ld:%d,%d,%d:%d", &n, &a, &b, &c, &threads) >= 4) {
      if (threads < 1 || threads > 64) threads = 1;
      struct flood f[64];
      pthread_t t[64];
      for (int k = 0; k < threads; ++k) {
        f[k] = (struct flood){n / threads + (k < n % threads), a, b, c, 0, 0, 0, 0};
        pthread_create(&t[k], NULL, flood_thread, &f[k]);
      }
      long ok = 0, invalid = 0, eagain = 0, other = 0;
      for (int k = 0; k < threads; ++k) {
        pthread_join(t[k], NULL);
        ok += f[k].ok, invalid += f[k].invalid, eagain += f[k].eagain, other += f[k].other;
      }
      printf("ok %ld invalid %ld EAGAIN %ld other %ld\n", ok, invalid, eagain, other);
    } else if (sscanf(op, "ms:%ld", &n) == 1) {
      struct timespec ts = {n / 1000, (n % 1000) * 1000000};
      nanosleep(&ts, NULL);
    } else {
      fprintf(stderr, "elevator_do: unknown op '%s'\n", op);
      return 2;
    }
    fflush(stdout);
  }
  return 0;
}
