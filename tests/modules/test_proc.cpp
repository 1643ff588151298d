// test_proc: /proc entries for the procfs tests.
//   /proc/test_proc/lines   "line 1" .. "line 20", then "reads: N"
//   /proc/test_proc/echo    writable: shows what was last written
//   /proc/test_proc/slow    show sleeps slow_ms (logging "test_proc: slow show started") first
//   /proc/test_proc/fail    show fails with EPERM
// leak=1: exit removes nothing (the kernel must clean up and warn).
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/proc_fs.h"

namespace {

bool leak = false;
module_param(leak, bool, 0444);
int slow_ms = 500;
module_param(slow_ms, int, 0444);

std::mutex g_lock;
std::string g_echo = "(empty)\n";  // under g_lock
int g_reads = 0;                   // under g_lock
ukern::proc_dir_entry* g_dir = nullptr;

int lines_show(ukern::seq_file* m, void*) {
  for (int i = 1; i <= 20; ++i) seq_printf(m, "line %d\n", i);
  std::lock_guard g(g_lock);
  seq_printf(m, "reads: %d\n", ++g_reads);
  return 0;
}

int echo_show(ukern::seq_file* m, void*) {
  std::lock_guard g(g_lock);
  seq_puts(m, g_echo.c_str());
  return 0;
}

ssize_t echo_write(const char* buf, size_t count, off_t pos, void*) {
  std::lock_guard g(g_lock);
  if (pos == 0) g_echo.clear();
  g_echo.append(buf, count);
  return static_cast<ssize_t>(count);
}

int slow_show(ukern::seq_file* m, void*) {
  printk(KERN_INFO "test_proc: slow show started\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms));
  seq_puts(m, "slow done\n");
  return 0;
}

int fail_show(ukern::seq_file*, void*) { return -EPERM; }

const ukern::proc_ops lines_ops = {.proc_show = lines_show};
const ukern::proc_ops echo_ops = {.proc_show = echo_show, .proc_write = echo_write};
const ukern::proc_ops slow_ops = {.proc_show = slow_show};
const ukern::proc_ops fail_ops = {.proc_show = fail_show};

int __init test_proc_init() {
  g_dir = ukern::proc_mkdir("test_proc", nullptr);
  if (!g_dir) return -ENOMEM;
  if (!ukern::proc_create("lines", 0, g_dir, &lines_ops) || !ukern::proc_create("echo", 0, g_dir, &echo_ops) ||
      !ukern::proc_create("slow", 0, g_dir, &slow_ops) || !ukern::proc_create("fail", 0, g_dir, &fail_ops)) {
    ukern::proc_remove(g_dir);
    return -ENOMEM;
  }
  return 0;
}

void __exit test_proc_exit() {
  if (!leak) ukern::proc_remove(g_dir);
}

}  // namespace

module_init(test_proc_init);
module_exit(test_proc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test_proc: /proc entries for the procfs tests");
