// Kernel timers, as in Linux (timer_list): a callback that runs once when
// `jiffies` reaches `expires` (kernel time: `--time-scale` speeds it up).
//
//   struct dev { struct timer_list tick; ... };
//   static void on_tick(struct timer_list* t) {
//     struct dev* d = from_timer(d, t, tick);
//     ...; mod_timer(&d->tick, jiffies + msecs_to_jiffies(500));   // periodic
//   }
//   init:  timer_setup(&d->tick, on_tick, 0); mod_timer(&d->tick, jiffies + HZ);
//   exit:  del_timer_sync(&d->tick);
//
// Callbacks run one at a time on the kernel's timer thread ("ktimerd"), as
// code of the module that armed the timer (a fault there is an oops, not a
// crash). A callback must not sleep. Timers a module leaves armed when it
// unloads are cancelled with a warning.
#pragma once
#include <cstdint>

#include "ukern/ktime.h"
#include "ukern/list.h"

namespace ukern {
class Module;
}

struct timer_list {
  void (*function)(struct timer_list*);
  unsigned long expires;  // in jiffies
  unsigned int flags;
  // Kernel-internal state (guarded by the timer thread's lock).
  ukern::Module* owner;
  uint64_t generation;  // bumped on every (re)arm and delete
  bool pending;
};

/// Prepares `timer` to call `fn` (unarmed). Call before any other use.
#define timer_setup(timer, fn, fl) ukern_timer_setup((timer), (fn), (fl))
extern "C" void ukern_timer_setup(struct timer_list* timer, void (*fn)(struct timer_list*), unsigned int flags);
/// Arms (or re-arms) the timer to fire at `expires` jiffies. Returns 1 if it
/// was pending before, 0 if not. Any context; never sleeps.
extern "C" int mod_timer(struct timer_list* timer, unsigned long expires);
/// Arms the timer at timer->expires.
extern "C" void add_timer(struct timer_list* timer);
/// Disarms the timer: 1 if it was pending, 0 if not. The callback may still
/// be running on the timer thread.
extern "C" int del_timer(struct timer_list* timer);
/// del_timer, then waits until its callback is not running (unless called
/// from that callback). Call it before freeing the timer or unloading.
extern "C" int del_timer_sync(struct timer_list* timer);
/// Newer Linux name of del_timer_sync (timer_delete is POSIX's, so not defined here).
inline int timer_delete_sync(struct timer_list* t) { return del_timer_sync(t); }
/// 1 while armed and not yet fired.
extern "C" int timer_pending(const struct timer_list* timer);

/// The struct containing the timer that fired (in a callback).
#define from_timer(var, callback_timer, timer_fieldname) \
  container_of(callback_timer, __typeof__(*var), timer_fieldname)
