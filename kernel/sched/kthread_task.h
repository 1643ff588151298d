// The kernel-internal side of a kernel thread (include/ukern/kthread.h).
#pragma once
#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kernel/module/module.h"
#include "ukern/current.h"

namespace ukern {
class ThreadState;
}

struct task_struct final : public ukern::Task {
  bool is_kthread() const override { return true; }
  pid_t tid() const override { return tid_.load(); }
  pid_t pid() const override;
  uid_t uid() const override { return 0; }
  std::string comm() const override { return name; }
  bool interrupted() const override { return should_stop.load(); }

  std::string name;
  std::string what;  // "kthread NAME", for run_module_code
  ukern::Module* owner = nullptr;
  int (*fn)(void*) = nullptr;
  void* data = nullptr;
  int64_t start_ns = 0;  // kernel clock

  std::atomic<bool> should_stop{false};
  std::atomic<bool> exited{false};
  std::atomic<pid_t> tid_{0};
  std::atomic<bool> stopping{false};  // kthread_stop claimed it
  std::thread thread;
  int result = 0;  // fn's result; read after join

  std::mutex ts_mu;                          // guards ts
  ukern::ThreadState* ts = nullptr;          // the thread's state while it runs
};

namespace ukern {

struct KthreadInfo {
  std::string name;
  pid_t tid;
  std::string owner;  // module name, "" for the kernel
  std::string state;  // "S (wait_event_interruptible q)", "R", "exited"
  int64_t sleeping_ns;
  int64_t cpu_ns;      // host CPU time of the thread
  int64_t age_ns;      // kernel clock since kthread_run
};
/// Every kernel thread not yet reaped by kthread_stop.
std::vector<KthreadInfo> kthread_list();
/// The text `ukern ps` prints for kernel threads (also /proc/kthreads).
std::string kthreads_report();
/// Number of kernel threads not yet reaped.
size_t kthread_count();

}  // namespace ukern
