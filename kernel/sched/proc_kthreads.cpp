// /proc/kthreads: the kernel threads, as the kthread half of `ukern ps`.
#include "kernel/procfs/builtin.h"
#include "kernel/sched/kthread_task.h"
#include "ukern/seq_file.h"

namespace ukern {
namespace {
[[maybe_unused]] const bool g_registered =
    procfs_set_builtin_renderer("kthreads", [](seq_file& m) { seq_puts(&m, kthreads_report().c_str()); });
}  // namespace
}  // namespace ukern
