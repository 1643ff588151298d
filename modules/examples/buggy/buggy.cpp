// buggy: a deliberately broken module, for learning ukern's kernel
// debugging (README, "Debugging a module"). Not loaded by default.
//
//   ukern insmod buggy
//   echo oops        > $RUNTIME_DIR/proc/buggy   # null dereference -> oops report, the write fails (EIO)
//   echo kthread-oops > ...                      # a kthread divides by zero -> oops, the thread ends
//   echo leak        > ...                       # kmalloc without kfree -> leak report at rmmod
//   echo double-free > ...                       # kfree twice -> "BUG: kfree ... double free"
//   echo deadlock    > ...                       # lock A->B, then B->A -> lockdep report (no real deadlock)
//   echo spin-sleep  > ...                       # msleep under a spinlock -> "sleeping function called from invalid context"
//   echo list-corrupt > ...                      # list_del twice -> "list_del corruption"
//   echo hang        > ...                       # a kthread blocks uninterruptibly -> hung-task report
//   cat $RUNTIME_DIR/proc/buggy                  # what was triggered so far
//   ukern rmmod buggy
#include <cstring>

#include "ukern/delay.h"
#include "ukern/kthread.h"
#include "ukern/list.h"
#include "ukern/module.h"
#include "ukern/mutex.h"
#include "ukern/printk.h"
#include "ukern/proc_fs.h"
#include "ukern/seq_file.h"
#include "ukern/slab.h"
#include "ukern/spinlock.h"
#include "ukern/wait.h"

namespace {

DEFINE_MUTEX(buggy_lock_a);
DEFINE_MUTEX(buggy_lock_b);
DEFINE_SPINLOCK(buggy_spin);
DECLARE_WAIT_QUEUE_HEAD(buggy_never);

ukern::proc_dir_entry* proc_entry;
task_struct* hang_thread;
task_struct* oops_thread;
char triggered[512];  // under buggy_lock_a

struct item {
  int value;
  list_head node;
};

void note(const char* what) {
  ukern::MutexGuard g(buggy_lock_a);
  if (std::strlen(triggered) + std::strlen(what) + 2 < sizeof triggered) {
    std::strcat(triggered, what);
    std::strcat(triggered, "\n");
  }
}

// The pointer itself is volatile: with a pointer GCC knows to be null it
// would delete the store (undefined behaviour) instead of faulting.
int* volatile buggy_ptr = nullptr;

// no_sanitize: a sanitizer build must let the fault happen, to show the oops.
__attribute__((noinline, no_sanitize("undefined"))) void buggy_null_deref() { *buggy_ptr = 1; }

__attribute__((no_sanitize("undefined"))) int buggy_oops_thread(void*) {
  volatile int zero = 0, one = 1;
  return one / zero;
}

int buggy_hang_thread(void*) {
  // Uninterruptible, on a condition nobody makes true: a hung task (it still
  // honours kthread_stop, so rmmod works).
  wait_event(buggy_never, kthread_should_stop());
  return 0;
}

void buggy_deadlock() {
  {
    ukern::MutexGuard a(buggy_lock_a);
    ukern::MutexGuard b(buggy_lock_b);
  }
  {
    ukern::MutexGuard b(buggy_lock_b);
    ukern::MutexGuard a(buggy_lock_a);  // the inverted order: lockdep reports it here
  }
}

void buggy_list_corrupt() {
  LIST_HEAD(items);
  auto* it = static_cast<item*>(kmalloc(sizeof(item), GFP_KERNEL));
  if (it == nullptr) return;
  it->value = 1;
  list_add(&it->node, &items);
  list_del(&it->node);
  list_del(&it->node);  // already deleted: its pointers are poison
  kfree(it);
}

ssize_t buggy_write(const char* buf, size_t count, off_t, void*) {
  std::string cmd(buf, count);
  while (!cmd.empty() && (cmd.back() == '\n' || cmd.back() == ' ')) cmd.pop_back();
  if (cmd == "oops") {
    note("oops");
    buggy_null_deref();
  } else if (cmd == "kthread-oops") {
    if (oops_thread) return -EBUSY;
    oops_thread = kthread_run(buggy_oops_thread, nullptr, "buggy_oops");
  } else if (cmd == "leak") {
    kmalloc(128, GFP_KERNEL);  // never freed
  } else if (cmd == "double-free") {
    void* p = kmalloc(16, GFP_KERNEL);
    kfree(p);
    kfree(p);
  } else if (cmd == "deadlock") {
    buggy_deadlock();
  } else if (cmd == "spin-sleep") {
    ukern::SpinGuard g(buggy_spin);
    msleep(1);
  } else if (cmd == "list-corrupt") {
    buggy_list_corrupt();
  } else if (cmd == "hang") {
    if (hang_thread) return -EBUSY;
    hang_thread = kthread_run(buggy_hang_thread, nullptr, "buggy_hang");
  } else {
    pr_warn("buggy: unknown bug '%s'\n", cmd.c_str());
    return -EINVAL;
  }
  note(cmd.c_str());
  return static_cast<ssize_t>(count);
}

int buggy_show(ukern::seq_file* m, void*) {
  ukern::MutexGuard g(buggy_lock_a);
  seq_printf(m, "bugs: oops kthread-oops leak double-free deadlock spin-sleep list-corrupt hang\ntriggered:\n%s",
             triggered);
  return 0;
}

const ukern::proc_ops buggy_ops = {buggy_show, buggy_write};

int __init buggy_init() {
  proc_entry = ukern::proc_create("buggy", 0644, nullptr, &buggy_ops);
  if (proc_entry == nullptr) return -ENOMEM;
  pr_info("buggy: loaded; write a bug's name to /proc/buggy\n");
  return 0;
}

void __exit buggy_exit() {
  if (hang_thread) kthread_stop(hang_thread);
  if (oops_thread) kthread_stop(oops_thread);
  ukern::proc_remove(proc_entry);
}

}  // namespace

module_init(buggy_init);
module_exit(buggy_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("deliberately broken: one bug per kernel debugging tool");
