// The hung-task detector ("khungtaskd"): every few seconds of kernel time it
// looks at the threads sleeping uninterruptibly in ukern (kernel threads and
// system calls in wait_event, msleep, mutex_lock, ...) and reports each one
// blocked longer than hung_task_timeout_secs of kernel time, once per sleep,
// with its call trace:
//   INFO: task NAME:TID blocked for more than N seconds.
// `ukern sysctl hung_task_timeout_secs=N` sets the limit (0 disables);
// the default is 120, as in Linux.
#pragma once
#include <cstdint>

namespace ukern {
long hung_task_timeout_secs();
/// Reports printed since boot.
uint64_t hung_task_reports();
}  // namespace ukern
