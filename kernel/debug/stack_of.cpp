#include "kernel/debug/stack_of.h"

#include <execinfo.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <mutex>
#include <string>
#include <vector>

#include "kernel/debug/symbolize.h"

namespace ukern {
namespace {

constexpr int kMaxFrames = 48;

struct Request {
  std::atomic<pid_t> target{0};  // the thread asked; the handler claims it by swapping in -1
  std::atomic<bool> done{false};
  void* frames[kMaxFrames];
  int n = 0;
};
Request g_req;
std::mutex g_req_mu;  // one request at a time
std::once_flag g_install_once;

int signal_number() { return SIGRTMIN + 3; }

void on_signal(int, siginfo_t*, void*) {
  int saved = errno;
  pid_t me = static_cast<pid_t>(syscall(SYS_gettid));
  pid_t want = me;
  if (g_req.target.compare_exchange_strong(want, -1)) {
    g_req.n = backtrace(g_req.frames, kMaxFrames);
    g_req.done.store(true, std::memory_order_release);
  }
  errno = saved;
}

void install() {
  void* warm[2];
  (void)backtrace(warm, 2);  // loads the unwinder now, not inside a handler
  struct sigaction sa {};
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(signal_number(), &sa, nullptr);
}

}  // namespace

std::string stack_of(pid_t tid, int timeout_ms, const char* indent) {
  if (tid == static_cast<pid_t>(syscall(SYS_gettid))) {
    void* frames[kMaxFrames];
    int n = backtrace(frames, kMaxFrames);
    return format_frames(frames + 1, n - 1, indent);
  }
  std::call_once(g_install_once, install);
  std::lock_guard g(g_req_mu);
  g_req.done.store(false);
  g_req.target.store(tid);
  if (syscall(SYS_tgkill, getpid(), tid, signal_number()) != 0) {
    g_req.target.store(0);
    return std::string(indent) + "(no stack: thread is gone)\n";
  }
  for (int waited = 0; waited < timeout_ms * 10; ++waited) {
    if (g_req.done.load(std::memory_order_acquire)) break;
    timespec ts{0, 100'000};
    nanosleep(&ts, nullptr);
  }
  pid_t expected = tid;
  if (g_req.target.compare_exchange_strong(expected, 0))  // the handler never ran
    return std::string(indent) + "(no stack: thread did not answer)\n";
  while (!g_req.done.load(std::memory_order_acquire)) {  // claimed: it is writing now
    timespec ts{0, 100'000};
    nanosleep(&ts, nullptr);
  }
  g_req.target.store(0);
  std::vector<std::string> names;
  for (int i = 0; i < g_req.n; ++i) names.push_back(symbolize(g_req.frames[i]));
  std::string out;
  for (size_t i = first_frame_after_signal(names, "on_signal"); i < names.size(); ++i)
    out += std::string(indent) + names[i] + "\n";
  return out;
}

}  // namespace ukern
