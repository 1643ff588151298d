// sleep_signals MS: calls test_sleep(MS) (600) while another thread sends
// the calling thread SIGUSR1 (which has a handler) every 20 ms. Prints
// "ret R errno E sent S handled H" once, after the call returned.
//
// The signals start once the module reports the call in progress
// (test_count op 1): a signal that comes before ukernd has received the
// call interrupts it legitimately (EINTR, and the module never sees it), as
// any interrupted system call; the point here is the signals after that.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_int handled;
static atomic_int done;
static pthread_t caller;

static void on_usr1(int sig) {
  (void)sig;
  atomic_fetch_add(&handled, 1);
}

static void* pester(void* arg) {
  int* sent = arg;
  struct timespec d = {0, 20 * 1000 * 1000};
  struct timespec poll = {0, 1000 * 1000};
  while (!atomic_load(&done) && syscall(601, 1) < 1) nanosleep(&poll, NULL);
  while (!atomic_load(&done)) {
    pthread_kill(caller, SIGUSR1);
    ++*sent;
    nanosleep(&d, NULL);
  }
  return NULL;
}

int main(int argc, char** argv) {
  long ms = argc > 1 ? atol(argv[1]) : 300;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;  // no SA_RESTART: a restart would be visible
  sigaction(SIGUSR1, &sa, NULL);
  caller = pthread_self();
  int sent = 0;
  pthread_t t;
  pthread_create(&t, NULL, pester, &sent);
  errno = 0;
  long r = syscall(600, ms);
  int e = errno;
  atomic_store(&done, 1);
  pthread_join(t, NULL);
  printf("ret %ld errno %s sent %d handled %d\n", r, r < 0 ? strerrorname_np(e) : "-", sent,
         atomic_load(&handled));
  return 0;
}
