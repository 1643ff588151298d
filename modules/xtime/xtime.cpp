// xtime: /proc/timed. The first read prints the current time; every later
// read also prints the time elapsed since the previous read, to the
// nanosecond:
//
//   current time: 1234572.456123987
//   elapsed time: 5.456012765
//
// "A read" is one rendering of the file (one open and read of its whole
// text), whoever the reader is; the previous-read time lives here, under a
// mutex, so concurrent readers each see a distinct interval.
#include <cinttypes>
#include <mutex>

#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/proc_fs.h"
#include "ukern/timekeeping.h"

namespace {

std::mutex g_lock;
bool g_have_previous = false;        // under g_lock
ukern::timespec64 g_previous{0, 0};  // under g_lock

// a - b, normalised so that 0 <= tv_nsec < 1e9.
ukern::timespec64 timespec_sub(ukern::timespec64 a, ukern::timespec64 b) {
  ukern::timespec64 d{a.tv_sec - b.tv_sec, a.tv_nsec - b.tv_nsec};
  if (d.tv_nsec < 0) {
    d.tv_nsec += 1000000000;
    d.tv_sec -= 1;
  }
  return d;
}

int timed_show(ukern::seq_file* m, void*) {
  std::lock_guard g(g_lock);
  ukern::timespec64 now = ukern::ktime_get_real_ts64();
  seq_printf(m, "current time: %" PRId64 ".%09ld\n", now.tv_sec, now.tv_nsec);
  if (g_have_previous) {
    ukern::timespec64 d = timespec_sub(now, g_previous);
    if (d.tv_sec < 0) {  // cannot happen with the kernel clock; printed as a signed value if it did
      ukern::timespec64 neg = timespec_sub(g_previous, now);
      seq_printf(m, "elapsed time: -%" PRId64 ".%09ld\n", neg.tv_sec, neg.tv_nsec);
    } else {
      seq_printf(m, "elapsed time: %" PRId64 ".%09ld\n", d.tv_sec, d.tv_nsec);
    }
  }
  g_previous = now;
  g_have_previous = true;
  return 0;
}

const ukern::proc_ops timed_ops = {.proc_show = timed_show};

int __init xtime_init() {
  if (!ukern::proc_create("timed", 0444, nullptr, &timed_ops)) return -ENOMEM;
  printk(KERN_INFO "xtime: /proc/timed created\n");
  return 0;
}

void __exit xtime_exit() { ukern::remove_proc_entry("timed", nullptr); }

}  // namespace

module_init(xtime_init);
module_exit(xtime_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("xtime: /proc/timed shows the current time and the time since the previous read");
