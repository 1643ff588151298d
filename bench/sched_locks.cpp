// Cost of ukern's checked locks (lockdep on every acquisition) next to the
// plain std::mutex they wrap, and of a wait-queue wake-up round trip, in the
// same run. Usage: sched_locks [iterations]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "ukern/mutex.h"
#include "ukern/spinlock.h"
#include "ukern/wait.h"

namespace {
template <class F>
double ns_per_op(long n, F&& f) {
  auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < n; ++i) f();
  auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(n);
}
DEFINE_MUTEX(bench_outer);
DEFINE_MUTEX(bench_m);
DEFINE_SPINLOCK(bench_s);
DECLARE_WAIT_QUEUE_HEAD(ping_wq);
DECLARE_WAIT_QUEUE_HEAD(pong_wq);
}  // namespace

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 2'000'000;
  std::mutex plain;
  double base = ns_per_op(n, [&] { std::lock_guard g(plain); });
  double mutex = ns_per_op(n, [] { ukern::MutexGuard g(bench_m); });
  double spin = ns_per_op(n, [] { ukern::SpinGuard g(bench_s); });
  double nested = ns_per_op(n, [] {
    ukern::MutexGuard a(bench_outer);
    ukern::MutexGuard b(bench_m);
  });
  std::printf("std::mutex lock+unlock              %7.1f ns\n", base);
  std::printf("ukern mutex lock+unlock (lockdep)   %7.1f ns\n", mutex);
  std::printf("ukern spinlock lock+unlock          %7.1f ns\n", spin);
  std::printf("ukern mutex pair, nested (1 edge)   %7.1f ns\n", nested);

  // Wake-up round trip between two threads through two wait queues.
  std::atomic<long> turn{0};
  long rounds = n / 100;
  std::thread other([&] {
    for (long i = 0; i < rounds; ++i) {
      wait_event(ping_wq, turn.load() == 2 * i + 1);
      turn.store(2 * i + 2);
      wake_up(&pong_wq);
    }
  });
  double rt = ns_per_op(rounds, [&, i = 0L]() mutable {
    turn.store(2 * i + 1);
    wake_up(&ping_wq);
    wait_event(pong_wq, turn.load() == 2 * i + 2);
    ++i;
  });
  other.join();
  std::printf("wait_event/wake_up round trip       %7.1f us\n", rt / 1000);
  return 0;
}
