// Capturing the stack of another thread of ukernd (for the hung-task report
// and sysrq t/w): a real-time signal (SIGRTMIN+3) whose handler records
// backtrace() into a shared buffer while the requester waits.
#pragma once
#include <sys/types.h>

#include <string>

namespace ukern {
/// The call trace of thread `tid` of this process, one frame per line
/// (each prefixed by `indent`); "(no stack: ...)" when the thread does not
/// answer within `timeout_ms` (it blocks the signal, or it is gone).
/// Requests are serialised. The calling thread's own stack works too.
std::string stack_of(pid_t tid, int timeout_ms = 200, const char* indent = " ");
}  // namespace ukern
