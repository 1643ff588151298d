// Turning code addresses into names, as a Linux call trace prints them.
#pragma once
#include <string>
#include <vector>

namespace ukern {
/// "show_mult_handler+0x1a/0x40 [show_mult]" for an address in a module,
/// "ukern::syscall_dispatch(...)+0x5c" in the kernel, "0x7f..." if unknown.
std::string symbolize(const void* pc);
/// The calling thread's stack, innermost first, `skip` frames dropped.
/// Not async-signal-safe (it allocates); see stack_capture for handlers.
std::vector<std::string> stack_trace(int skip = 0);
/// Index of the interrupted code's frame in a trace (symbolized names)
/// captured inside a signal handler named `handler`: past the handler, any
/// sanitizer frames that called it (TSan's sighandler), and the signal
/// trampoline. 0 when the handler is not in the trace.
size_t first_frame_after_signal(const std::vector<std::string>& names, const char* handler);
/// Formats frames captured by backtrace() (safe to call in a signal
/// handler) one per line, each indented by `indent`.
std::string format_frames(void* const* frames, int n, const char* indent = " ");
}  // namespace ukern
