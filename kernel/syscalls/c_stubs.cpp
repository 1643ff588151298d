#include "kernel/syscalls/c_stubs.h"

#include <condition_variable>
#include <mutex>

#include "kernel/debug/guard.h"
#include "kernel/module/module.h"

namespace ukern {
namespace {

// One C call in flight, on the caller's stack, linked into the tracker's
// list in the order the calls started.
struct CCall {
  uint64_t ticket = 0;
  // The module the call holds a reference on (nullptr: none, the call may
  // run any module's code). Written by the call, read by synchronize.
  std::atomic<Module*> held{nullptr};
  CCall* prev = nullptr;
  CCall* next = nullptr;
};

class Tracker {
 public:
  void enter(CCall& c) {
    std::lock_guard g(mu_);
    c.ticket = next_ticket_++;
    c.prev = tail_;
    if (tail_) tail_->next = &c;
    else head_ = &c;
    tail_ = &c;
    ++count_;
  }
  void leave(CCall& c) {
    std::lock_guard g(mu_);
    (c.prev ? c.prev->next : head_) = c.next;
    (c.next ? c.next->prev : tail_) = c.prev;
    --count_;
    if (waiters_) cv_.notify_all();
  }
  bool synchronize(Module* m, std::chrono::milliseconds timeout) {
    std::unique_lock g(mu_);
    const uint64_t before = next_ticket_;
    auto blocking = [&] {
      for (CCall* c = head_; c && c->ticket < before; c = c->next) {
        Module* h = c->held.load();
        if (h == nullptr || h == m) return true;
      }
      return false;
    };
    ++waiters_;
    bool done = cv_.wait_for(g, timeout, [&] { return !blocking(); });
    --waiters_;
    return done;
  }
  long count() {
    std::lock_guard g(mu_);
    return count_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ticket_ = 1;
  CCall* head_ = nullptr;
  CCall* tail_ = nullptr;
  long count_ = 0;
  int waiters_ = 0;
};

Tracker g_tracker;

std::mutex g_stubs_mu;
std::vector<std::pair<std::string, void**>> g_stubs;

}  // namespace

long c_stub_call(CSyscallEntry entry, void* const* stub, const SyscallArgs& args) {
  CCall call;
  g_tracker.enter(call);
  Module* owner = nullptr;
  if (stub) {
    if (void* fn = __atomic_load_n(stub, __ATOMIC_ACQUIRE)) owner = module_of_code(fn);
  }
  if (owner && !try_module_get(owner)) {
    // Being loaded or unloaded: as for a C++ stub, no call enters it.
    g_tracker.leave(call);
    return -ENOSYS;
  }
  call.held.store(owner);
  struct Ctx {
    CSyscallEntry entry;
    const SyscallArgs* a;
  } ctx{entry, &args};
  std::string what = "syscall " + std::to_string(args.nr);
  long ret = run_module_code(
      owner, what.c_str(),
      [](void* p) -> long {
        auto* c = static_cast<Ctx*>(p);
        const uint64_t* r = c->a->arg;
        return c->entry(static_cast<long>(r[0]), static_cast<long>(r[1]), static_cast<long>(r[2]),
                        static_cast<long>(r[3]), static_cast<long>(r[4]), static_cast<long>(r[5]));
      },
      &ctx, -EFAULT);
  if (owner) module_put(owner);
  g_tracker.leave(call);
  return ret;
}

void c_stub_register(const std::string& name, void** where) {
  std::lock_guard g(g_stubs_mu);
  g_stubs.emplace_back(name, where);
}

std::vector<std::string> c_stubs_clear_pointing_into(Module* m) {
  std::lock_guard g(g_stubs_mu);
  std::vector<std::string> cleared;
  for (auto& [name, where] : g_stubs) {
    void* v = __atomic_load_n(where, __ATOMIC_ACQUIRE);
    if (v && module_contains(m, v)) {
      __atomic_store_n(where, nullptr, __ATOMIC_RELEASE);
      cleared.push_back(name);
    }
  }
  return cleared;
}

bool c_calls_synchronize(Module* m, std::chrono::milliseconds timeout) { return g_tracker.synchronize(m, timeout); }

long c_calls_in_flight() { return g_tracker.count(); }

}  // namespace ukern
