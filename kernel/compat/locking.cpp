// The C face of ukern's locks and wait queues: struct mutex, spinlock_t and
// wait_queue_head_t of <linux/...> hold the kernel's own objects (built in
// place on first use), so lockdep, the hung-task detector and `ukern ps`
// see C modules' locks and sleeps as they see C++ ones.
#include <sched.h>

#include <atomic>
#include <new>

#include "compat/ukern_compat.h"
#include "ukern/mutex.h"
#include "ukern/printk.h"
#include "ukern/spinlock.h"
#include "ukern/wait.h"

namespace {

static_assert(sizeof(mutex) <= sizeof(ukern_compat_mutex::storage), "struct mutex storage too small");
static_assert(sizeof(spinlock) <= sizeof(ukern_compat_spinlock::storage), "spinlock_t storage too small");
static_assert(sizeof(wait_queue_head) <= sizeof(ukern_compat_waitqueue::storage), "wait queue storage too small");
static_assert(sizeof(ukern::detail::WaitScope) <= sizeof(ukern_compat_wait::storage), "wait storage too small");

// Builds the kernel object T in `storage` once (the first caller builds,
// others wait for it), and returns it. Memory that was never initialised
// (a kmalloc'ed lock without its *_init call) is built too, with a warning.
template <class T, class Build>
T* built(ukern_compat_site& site, void* storage, const char* kind, Build build) {
  std::atomic_ref<int> state(site.state);
  int s = state.load(std::memory_order_acquire);
  if (s == UKERN_COMPAT_READY) return static_cast<T*>(storage);
  if (s != 0 && s != UKERN_COMPAT_BUILDING) {
    printk(KERN_WARNING "%s at %p used without its init call (kmalloc'ed memory?); initialised now\n", kind,
           storage);
    site.name = kind;
    site.file = "?";
    site.line = 0;
    state.store(0, std::memory_order_relaxed);
    s = 0;
  }
  if (s == 0 && state.compare_exchange_strong(s, UKERN_COMPAT_BUILDING, std::memory_order_acq_rel)) {
    build(storage);
    state.store(UKERN_COMPAT_READY, std::memory_order_release);
    return static_cast<T*>(storage);
  }
  while (state.load(std::memory_order_acquire) != UKERN_COMPAT_READY) sched_yield();
  return static_cast<T*>(storage);
}

mutex* mutex_of(ukern_compat_mutex* m) {
  return built<mutex>(m->site, m->storage, "mutex",
                      [m](void* p) { new (p) mutex(m->site.name, m->site.file, m->site.line); });
}
spinlock* spin_of(ukern_compat_spinlock* l) {
  return built<spinlock>(l->site, l->storage, "spinlock",
                         [l](void* p) { new (p) spinlock(l->site.name, l->site.file, l->site.line); });
}
wait_queue_head* wq_of(ukern_compat_waitqueue* w) {
  return built<wait_queue_head>(w->site, w->storage, "wait_queue_head",
                                [w](void* p) { new (p) wait_queue_head(w->site.name); });
}
ukern::detail::WaitScope* scope_of(ukern_compat_wait* w) {
  return std::launder(reinterpret_cast<ukern::detail::WaitScope*>(w->storage));
}

// (Re)initialises a site and builds the object now (the *_init functions).
void init_site(ukern_compat_site& site, const char* name, const char* file, int line) {
  site.name = name;
  site.file = file;
  site.line = line;
  std::atomic_ref<int>(site.state).store(0, std::memory_order_release);
}

}  // namespace

extern "C" {

// The C layouts of <linux/mutex.h> and <linux/spinlock.h> are exactly these.
void ukern_c_mutex_init(ukern_compat_mutex* m, const char* name, const char* file, int line) {
  init_site(m->site, name, file, line);
  (void)mutex_of(m);
}
void ukern_c_mutex_lock(ukern_compat_mutex* m) { mutex_lock(mutex_of(m)); }
int ukern_c_mutex_lock_interruptible(ukern_compat_mutex* m) { return mutex_lock_interruptible(mutex_of(m)); }
int ukern_c_mutex_trylock(ukern_compat_mutex* m) { return mutex_trylock(mutex_of(m)); }
void ukern_c_mutex_unlock(ukern_compat_mutex* m) { mutex_unlock(mutex_of(m)); }
bool ukern_c_mutex_is_locked(ukern_compat_mutex* m) { return mutex_is_locked(mutex_of(m)); }

void ukern_c_spin_lock_init(ukern_compat_spinlock* l, const char* name, const char* file, int line) {
  init_site(l->site, name, file, line);
  (void)spin_of(l);
}
void ukern_c_spin_lock(ukern_compat_spinlock* l) { spin_lock(spin_of(l)); }
void ukern_c_spin_unlock(ukern_compat_spinlock* l) { spin_unlock(spin_of(l)); }
int ukern_c_spin_trylock(ukern_compat_spinlock* l) { return spin_trylock(spin_of(l)); }
int ukern_c_spin_is_locked(ukern_compat_spinlock* l) { return spin_is_locked(spin_of(l)) ? 1 : 0; }

void ukern_c_init_waitqueue_head(ukern_compat_waitqueue* wq, const char* name, const char* file, int line) {
  init_site(wq->site, name, file, line);
  (void)wq_of(wq);
}
void ukern_c_wake_up(ukern_compat_waitqueue* wq) { __wake_up(wq_of(wq)); }
int ukern_c_waitqueue_active(ukern_compat_waitqueue* wq) { return waitqueue_active(wq_of(wq)) ? 1 : 0; }

void ukern_c_wait_begin(ukern_compat_wait* w, ukern_compat_waitqueue* wq, int interruptible, long timeout,
                        const char* what) {
  // MAX_SCHEDULE_TIMEOUT (and anything that would overflow the deadline) is no timeout.
  constexpr long kNoTimeoutFrom = 1L << 40;
  new (w->storage) ukern::detail::WaitScope(wq_of(wq), interruptible != 0, timeout >= kNoTimeoutFrom ? static_cast<long>(MAX_SCHEDULE_TIMEOUT) : timeout,
                                            what);
}
void ukern_c_wait_prepare(ukern_compat_wait* w) { scope_of(w)->prepare(); }
int ukern_c_wait_sleep(ukern_compat_wait* w) { return scope_of(w)->sleep(); }
long ukern_c_wait_remaining(ukern_compat_wait* w) { return scope_of(w)->remaining(); }
void ukern_c_wait_end(ukern_compat_wait* w) { scope_of(w)->~WaitScope(); }

}  // extern "C"
