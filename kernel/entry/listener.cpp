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
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <system_error>
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

// The receivers of a listener and what they cost per call.
//
// Exactly one thread waits in SECCOMP_IOCTL_NOTIF_RECV per listener. With
// SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP the host kernel wakes it on the
// caller's CPU; a second waiting thread would cost about 2 us a call (all
// waiters wake). The thread that receives a call runs it and replies, then
// receives again: a null call costs ukernd exactly two host system calls
// (RECV, SEND) and no lock, wake-up or thread. Calls that arrive while the
// receiver is busy queue in the host kernel and are taken one after the
// other without sleeping, as the bare floor does.
//
// A busy receiver is replaced only when it would hold others up:
//   - a handler about to sleep in a kernel primitive (wait_event, msleep,
//     contended mutex_lock) hands the receiving role on at once
//     (entry_before_sleep), and the thread that next receives a call looks
//     (one poll) whether more are queued and if so hands it on at once too
//     (a burst of blocking calls is not served one thread start at a time);
//   - the watchdog, awake only while calls are in flight, hands it on when
//     no thread receives, calls are queued (one poll per tick, never per
//     call) and a handler has run for more than a tick (computing, or
//     blocked in plain host code);
// in both cases to a parked thread if there is one, else to a new thread.
// A thread that finishes its call while another one receives parks; parked
// threads are kept while calls keep coming and leave after kParkedLinger
// without work. So a steady load runs on a stable set of threads.
constexpr int kMaxThreadsPerListener = 1024;
constexpr auto kWatchdogTick = std::chrono::milliseconds(20);
// The watchdog goes back to sleep after this many ticks without any call.
constexpr int kWatchdogIdleTicks = 50;
constexpr auto kParkedLinger = std::chrono::seconds(10);

// What a receiving thread is serving right now, for `ukern ps`. Written
// with plain atomic stores per call (no lock); read under g_registry_mu,
// which only guards the set of slots (changed when threads come and go).
struct ServingSlot {
  const void* listener;
  std::atomic<pid_t> tid{0};  // 0: not serving
  std::atomic<int> nr{0};
  std::atomic<int64_t> start_ns{0};
};

class Listener;
std::mutex g_registry_mu;
// Attached listeners, registered once fully constructed (never from the
// constructor: the watchdog may take a reference at any time).
std::map<Listener*, std::weak_ptr<Listener>> g_listeners;
std::set<ServingSlot*> g_slots;  // guarded by g_registry_mu
std::atomic<int> g_threads{0};

// The watchdog's sleep: asleep while no call is in flight. A call that
// starts while it sleeps wakes it (one host call, rare: the watchdog stays
// awake kWatchdogIdleTicks after the last call).
std::atomic<int> g_calls_in_flight{0};
std::atomic<bool> g_watchdog_asleep{false};
std::mutex g_watchdog_mu;
std::condition_variable g_watchdog_cv;

void wake_watchdog() {
  bool asleep = true;
  if (g_watchdog_asleep.compare_exchange_strong(asleep, false)) {
    std::lock_guard g(g_watchdog_mu);
    g_watchdog_cv.notify_one();
  }
}

// The listener whose call this thread is handling, and whether it already
// handed the receiving role on during this call.
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

  /// Makes sure some thread receives this listener's calls: wakes a parked
  /// thread or starts one. False if neither was possible.
  bool ensure_receiver() {
    if (receivers_.load() > 0) return true;
    return add_receiver();
  }

  /// One more receiving thread: a parked one, else a new one.
  bool add_receiver() {
    {
      std::lock_guard g(mu_);
      if (parked_ > 0) {
        --parked_;
        ++wanted_;
        receivers_.fetch_add(1);
        cv_.notify_one();
        return true;
      }
    }
    return spawn();
  }

  /// A handler of this listener is about to block: another thread receives
  /// meanwhile, and the next one to receive a call checks for a burst.
  void before_handler_blocks() {
    burst_check_.store(true, std::memory_order_relaxed);
    ensure_receiver();
  }

  /// The first receiver, at attach.
  bool start() { return spawn(); }

  /// The watchdog's look at this listener, once a tick. `busy`: threads
  /// handling a call; `stuck`: those whose call is older than a tick. When
  /// nobody receives, calls are queued and some thread is stuck, adds as
  /// many receivers as threads are busy (a burst of blocked calls is served
  /// in log2(N) ticks). If no thread can be had, one queued call gets EAGAIN.
  ///
  /// Also replaces a receiver that was lost: nobody receives and nobody
  /// works, on two ticks in a row (a thread could not be started when one
  /// was needed). Returns false while this listener has no receiver.
  bool watchdog_tick(int busy, int stuck) {
    if (receivers_.load() > 0) {
      lost_ticks_ = 0;
      return true;
    }
    if (busy == 0) {
      if (++lost_ticks_ >= 2) {
        lost_ticks_ = 0;
        if (!ensure_receiver() && pending()) refuse_one_call();
      }
      return false;
    }
    lost_ticks_ = 0;
    if (stuck == 0 || !pending()) return true;
    bool added = false;
    for (int i = 0; i < std::max(1, busy); ++i) {
      if (!add_receiver()) break;
      added = true;
    }
    if (!added) refuse_one_call();
    return true;
  }

 private:
  // Starts one more receiving thread (counted as receiving from the start).
  bool spawn() {
    if (threads_.fetch_add(1) >= kMaxThreadsPerListener) {
      threads_.fetch_sub(1);
      printk_ratelimited(KERN_WARNING "entry: listener of pid %d is at %d threads\n", client_,
                         kMaxThreadsPerListener);
      return false;
    }
    receivers_.fetch_add(1);
    g_threads.fetch_add(1);
    try {
      std::thread([self = shared_from_this()] { self->thread_main(); }).detach();
    } catch (const std::system_error& e) {
      // Out of threads, memory or address space: the kernel lives on; the
      // watchdog answers queued calls with EAGAIN while no thread receives.
      receivers_.fetch_sub(1);
      threads_.fetch_sub(1);
      g_threads.fetch_sub(1);
      printk_ratelimited(KERN_WARNING "entry: cannot start a receiving thread for pid %d: %s\n", client_,
                         e.what());
      return false;
    }
    return true;
  }

  bool pending() const {
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
  }

  bool orphaned() const {
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
  }

  // Takes one queued call and answers EAGAIN (no thread could be started to
  // run it). Claims the receiving role meanwhile, so that no other thread
  // waits in RECV: the call that poll saw is then ours, and RECV returns at
  // once (with ENOENT if its caller died since).
  void refuse_one_call() {
    int expected = 0;
    if (!receivers_.compare_exchange_strong(expected, 1)) return;
    seccomp_notif req{};
    // Look again now that nobody else can receive: a thread that finished
    // since the first look may have taken the call.
    if (pending() && ioctl(fd_, SECCOMP_IOCTL_NOTIF_RECV, &req) == 0) {
      seccomp_notif_resp resp{};
      resp.id = req.id;
      resp.error = -EAGAIN;
      (void)ioctl(fd_, SECCOMP_IOCTL_NOTIF_SEND, &resp);
    }
    receivers_.fetch_sub(1);
  }

  void thread_main() {
    pthread_setname_np(pthread_self(), "ukern-entry");
    ServingSlot slot{this};
    {
      std::lock_guard g(g_registry_mu);
      g_slots.insert(&slot);
    }
    receive_loop(slot);
    {
      std::lock_guard g(g_registry_mu);
      g_slots.erase(&slot);
    }
    threads_.fetch_sub(1);
    g_threads.fetch_sub(1);
  }

  // Runs while this thread holds the receiving role or is parked. Returns
  // when the listener is orphaned or the thread was parked too long.
  void receive_loop(ServingSlot& slot) {
    for (;;) {
      seccomp_notif req{};
      if (ioctl(fd_, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) {
        // ENOENT: the caller died before we got its call, or nobody is left.
        if ((errno == EINTR || errno == ENOENT) && !orphaned()) continue;
        receivers_.fetch_sub(1);
        close_down();
        return;
      }
      receivers_.fetch_sub(1);
      // The burst rule, right after a handler blocked: if more calls wait,
      // the next receiver starts now rather than when this call blocks too.
      // Two at once: a burst of N blocking calls then takes log2(N) thread
      // starts, not N; the surplus parks and leaves.
      if (burst_check_.load(std::memory_order_relaxed) && burst_check_.exchange(false) && pending()) {
        add_receiver();
        add_receiver();
      }
      handle(req, slot);
      // Receive again unless another thread took the role meanwhile. The
      // slot shows the call until then, so that the watchdog never sees
      // this thread neither busy nor receiving.
      int none = 0;
      bool again = receivers_.compare_exchange_strong(none, 1);
      slot.tid.store(0, std::memory_order_release);
      if (!again && !park()) return;
    }
  }

  // Waits until the receiving role is handed to this thread (true) or
  // kParkedLinger passes without work or the listener closes (false).
  bool park() {
    std::unique_lock g(mu_);
    ++parked_;
    bool woken = cv_.wait_for(g, kParkedLinger, [this] { return wanted_ > 0 || closing_; });
    if (woken && wanted_ > 0) {
      --wanted_;  // receivers_ was raised for us by ensure_receiver
      return true;
    }
    --parked_;
    return false;
  }

  // The listener's process tree is gone: parked threads leave too.
  void close_down() {
    std::lock_guard g(mu_);
    closing_ = true;
    cv_.notify_all();
  }

  void handle(const seccomp_notif& req, ServingSlot& slot) {
    interrupt_counters().syscall.fetch_add(1, std::memory_order_relaxed);
    g_calls_in_flight.fetch_add(1);
    if (g_watchdog_asleep.load()) wake_watchdog();
    CallerTask task(static_cast<pid_t>(req.pid), fd_, req.id, req.data.nr);
    slot.nr.store(req.data.nr, std::memory_order_relaxed);
    slot.start_ns.store(task.start_ns(), std::memory_order_relaxed);
    slot.tid.store(task.tid(), std::memory_order_release);
    SyscallArgs args{req.data.nr, {}};
    for (int i = 0; i < 6; ++i) args.arg[i] = req.data.args[i];
    long ret;
    {
      CurrentScope scope(&task);
      t_listener = this;
      t_replaced = false;
      ret = req.data.arch == AUDIT_ARCH_X86_64 ? syscall_dispatch(args) : -ENOSYS;
      t_listener = nullptr;
    }
    g_calls_in_flight.fetch_sub(1);
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
  std::atomic<int> receivers_{0};  // threads in RECV, or about to be
  std::atomic<bool> burst_check_{false};  // set when a handler blocks
  int lost_ticks_ = 0;                     // the watchdog's own

  std::mutex mu_;  // guards the parking lot below
  std::condition_variable cv_;
  int parked_ = 0;
  int wanted_ = 0;  // parked threads asked to receive, not yet awake
  bool closing_ = false;
};

// Hands the receiving role on for listeners whose threads are all busy
// while calls wait. Ticks only while calls are in flight or were recently;
// otherwise sleeps until the next call starts.
void watchdog_loop() {
  pthread_setname_np(pthread_self(), "ukern-entrywd");
  uint64_t last_total = interrupt_counters().syscall.load();
  int idle_ticks = kWatchdogIdleTicks;  // asleep until the first call
  for (;;) {
    if (idle_ticks >= kWatchdogIdleTicks) {
      // Asleep first, then look: a call that started before this store is
      // seen in g_calls_in_flight; one that starts after it sees the flag.
      g_watchdog_asleep.store(true);
      if (g_calls_in_flight.load() == 0) {
        std::unique_lock g(g_watchdog_mu);
        g_watchdog_cv.wait(g, [] { return !g_watchdog_asleep.load(); });
      }
      g_watchdog_asleep.store(false);
      idle_ticks = 0;
    }
    // A plain sleep: one host call per tick (a timed condition-variable
    // wait takes two), and nothing needs to cut a tick short.
    std::this_thread::sleep_for(kWatchdogTick);
    uint64_t total = interrupt_counters().syscall.load();
    if (total == last_total && g_calls_in_flight.load() == 0) ++idle_ticks;
    else idle_ticks = 0;
    last_total = total;
    struct Look {
      std::shared_ptr<Listener> l;
      int busy = 0, stuck = 0;
    };
    std::map<const void*, Look> looks;
    {
      std::lock_guard g(g_registry_mu);
      for (auto& [raw, weak] : g_listeners)
        if (auto sp = weak.lock()) looks[raw].l = std::move(sp);
      int64_t now = clock_now_ns();
      int64_t tick_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(kWatchdogTick).count();
      for (ServingSlot* s : g_slots) {
        if (s->tid.load(std::memory_order_relaxed) == 0) continue;
        auto it = looks.find(s->listener);
        if (it == looks.end()) continue;
        ++it->second.busy;
        if (now - s->start_ns.load(std::memory_order_relaxed) > tick_ns) ++it->second.stuck;
      }
    }
    // Outside the lock: dropping the last reference destroys a listener,
    // which takes the lock itself.
    for (auto& [raw, look] : looks)
      if (look.l && !look.l->watchdog_tick(look.busy, look.stuck)) idle_ticks = 0;  // stay awake for it
    looks.clear();
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
  try {
    std::thread(watchdog_loop).detach();
  } catch (const std::system_error& e) {
    return Error{EAGAIN};
  }
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
  if (!l->start()) return Error{EAGAIN};
  return {};
}

namespace {
// Tgid from /proc/TID/status, -1 if the thread is gone.
pid_t tgid_of(pid_t tid) {
  std::ifstream in("/proc/" + std::to_string(tid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("Tgid:", 0) == 0) return std::stoi(line.substr(5));
  return -1;
}

std::string comm_of(pid_t tid) {
  std::ifstream in("/proc/" + std::to_string(tid) + "/comm");
  std::string c;
  std::getline(in, c);
  return c;
}
}  // namespace

std::vector<InflightCall> listener_inflight() {
  std::vector<InflightCall> out;
  {
    std::lock_guard g(g_registry_mu);
    for (ServingSlot* s : g_slots) {
      pid_t tid = s->tid.load(std::memory_order_acquire);
      if (tid == 0) continue;
      int nr = s->nr.load(std::memory_order_relaxed);
      int64_t start = s->start_ns.load(std::memory_order_relaxed);
      if (s->tid.load(std::memory_order_acquire) != tid) continue;  // changed under us: that call ended
      out.push_back({tid, -1, {}, nr, start});
    }
  }
  // /proc is read without any lock: the calls go on meanwhile.
  int64_t now = clock_now_ns();
  for (auto& c : out) {
    c.pid = tgid_of(c.tid);
    c.comm = comm_of(c.tid);
    c.elapsed_ns = now - c.elapsed_ns;
  }
  return out;
}

int listener_count() {
  std::lock_guard g(g_registry_mu);
  return static_cast<int>(g_listeners.size());
}

int listener_thread_count() { return g_threads.load(); }

}  // namespace ukern
