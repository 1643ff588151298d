#include "kernel/entry/listener.h"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "kernel/boot.h"
#include "kernel/debug/interrupts.h"
#include "kernel/entry/seccomp_compat.h"
#include "kernel/entry/task.h"
#include "kernel/sched/clock.h"
#include "kernel/syscalls/table.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

// One thread waits in RECV per listener while nobody calls. With
// SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP the host kernel then wakes it on the
// caller's CPU; a second waiting thread would cost about 2 us a call
// (measured: 4.6 vs 6.7 us round trip). More threads are added only when
// needed, so a blocking handler never holds up other callers:
//   - burst: a thread that takes a call while more are queued and no other
//     thread waits starts one at once;
//   - a handler about to sleep in a kernel primitive (wait_event, msleep,
//     mutex_lock) starts one (entry_before_sleep);
//   - the watchdog starts one when calls are queued and every thread has
//     been busy for a tick (a handler blocked in plain host code).
constexpr int kIdleReceivers = 1;
constexpr int kMaxThreadsPerListener = 1024;
constexpr auto kWatchdogTick = std::chrono::milliseconds(20);

class Listener;
std::mutex g_registry_mu;
// Attached listeners, registered once fully constructed (never from the
// constructor: the watchdog may take a reference at any time).
std::map<Listener*, std::weak_ptr<Listener>> g_listeners;
std::set<CallerTask*> g_inflight;  // guarded by g_registry_mu
std::atomic<int> g_threads{0};
std::condition_variable g_watchdog_cv;  // signalled when the first listener attaches

// The listener whose call this thread is handling, and whether it already
// started a replacement receiver for it.
thread_local Listener* t_listener = nullptr;
thread_local bool t_replaced = false;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(int fd, pid_t client) : fd_(fd), client_(client) {}
  ~Listener() {
    {
      std::lock_guard g(g_registry_mu);
      g_listeners.erase(this);
    }
    close(fd_);
  }

  /// Starts one more receiving thread if no thread is waiting and calls are
  /// queued (the watchdog's rule).
  void spawn_if_starved() {
    if (waiting_.load() == 0 && pending()) spawn();
  }

  /// Called by a thread handling a call of this listener that is about to
  /// block: makes sure another thread receives meanwhile.
  void before_handler_blocks() {
    if (waiting_.load() == 0) spawn();
  }

  /// Starts one more receiving thread (counted as waiting from the start).
  bool spawn() {
    if (threads_.fetch_add(1) >= kMaxThreadsPerListener) {
      threads_.fetch_sub(1);
      printk_ratelimited(KERN_WARNING "entry: listener of pid %d is at %d threads\n", client_, kMaxThreadsPerListener);
      return false;
    }
    waiting_.fetch_add(1);
    g_threads.fetch_add(1);
    std::thread([self = shared_from_this()] { self->receive_loop(); }).detach();
    return true;
  }

 private:
  bool pending() const {
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
  }

  bool orphaned() const {
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
  }

  void receive_loop() {
    pthread_setname_np(pthread_self(), "ukern-entry");
    for (;;) {
      seccomp_notif req{};
      if (ioctl(fd_, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) {
        // ENOENT: the caller died before we got its call, or nobody is left.
        if ((errno == EINTR || errno == ENOENT) && !orphaned()) continue;
        break;
      }
      interrupt_counters().syscall.fetch_add(1, std::memory_order_relaxed);
      if (waiting_.fetch_sub(1) - 1 < kIdleReceivers && pending()) spawn();  // a burst
      t_listener = this;
      t_replaced = false;
      handle(req);
      t_listener = nullptr;
      // Leave if enough others are waiting; otherwise wait again.
      if (waiting_.load() >= kIdleReceivers) {
        threads_.fetch_sub(1);
        g_threads.fetch_sub(1);
        return;
      }
      waiting_.fetch_add(1);
    }
    waiting_.fetch_sub(1);
    threads_.fetch_sub(1);
    g_threads.fetch_sub(1);
  }

  void handle(const seccomp_notif& req) {
    CallerTask task(static_cast<pid_t>(req.pid), fd_, req.id, req.data.nr);
    SyscallArgs args{req.data.nr, {}};
    for (int i = 0; i < 6; ++i) args.arg[i] = req.data.args[i];
    long ret;
    {
      CurrentScope scope(&task);
      {
        std::lock_guard g(g_registry_mu);
        g_inflight.insert(&task);
      }
      ret = req.data.arch == AUDIT_ARCH_X86_64 ? syscall_dispatch(args) : -ENOSYS;
      std::lock_guard g(g_registry_mu);
      g_inflight.erase(&task);
    }
    seccomp_notif_resp resp{};
    resp.id = req.id;
    if (ret < 0 && ret >= -4095) resp.error = static_cast<int32_t>(ret);
    else resp.val = ret;
    // ENOENT here means the caller was killed meanwhile: nothing to answer.
    (void)ioctl(fd_, SECCOMP_IOCTL_NOTIF_SEND, &resp);
  }

  int fd_;
  pid_t client_;
  std::atomic<int> threads_{0};
  std::atomic<int> waiting_{0};
};

// Starts a receiver for listeners whose threads are all busy while calls
// wait. Ticks only while listeners exist.
void watchdog_loop() {
  pthread_setname_np(pthread_self(), "ukern-entrywd");
  for (;;) {
    std::vector<std::shared_ptr<Listener>> live;
    {
      std::unique_lock g(g_registry_mu);
      if (g_listeners.empty()) {
        g_watchdog_cv.wait(g);
        continue;
      }
      g_watchdog_cv.wait_for(g, kWatchdogTick);
      for (auto& [raw, weak] : g_listeners)
        if (auto sp = weak.lock()) live.push_back(std::move(sp));
    }
    // Outside the lock: dropping the last reference destroys a listener,
    // which takes the lock itself.
    for (auto& l : live) l->spawn_if_starved();
  }
}

}  // namespace

void entry_before_sleep() {
  if (t_listener == nullptr || t_replaced) return;
  t_replaced = true;
  t_listener->before_handler_blocks();
}

namespace {
Result<void> entry_boot(const RuntimePaths&, std::string*) {
  std::thread(watchdog_loop).detach();
  return {};
}
UKERN_SUBSYSTEM(entry, 10, entry_boot, nullptr);
}  // namespace

Result<void> listener_attach(int fd, pid_t client_pid) {
  unsigned long long flags = kSeccompUserNotifFdSyncWakeUp;
  if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS, flags) != 0)
    printk(KERN_WARNING "entry: cannot set SYNC_WAKE_UP on the listener of pid %d: %m\n", client_pid);
  auto l = std::make_shared<Listener>(fd, client_pid);
  {
    std::lock_guard g(g_registry_mu);
    g_listeners.emplace(l.get(), l);
  }
  for (int i = 0; i < kIdleReceivers; ++i)
    if (!l->spawn()) return Error{EAGAIN};
  g_watchdog_cv.notify_all();
  return {};
}

std::vector<InflightCall> listener_inflight() {
  std::vector<CallerTask*> tasks;
  std::vector<InflightCall> out;
  std::lock_guard g(g_registry_mu);
  int64_t now = clock_now_ns();
  for (CallerTask* t : g_inflight) out.push_back({t->tid(), t->pid(), t->comm(), t->nr(), now - t->start_ns()});
  return out;
}

int listener_count() {
  std::lock_guard g(g_registry_mu);
  return static_cast<int>(g_listeners.size());
}

int listener_thread_count() { return g_threads.load(); }

}  // namespace ukern
