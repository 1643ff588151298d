// Magic SysRq, as `ukern sysrq KEY`: t (every thread with its stack), w
// (blocked threads with stacks), l (locks held, from lockdep), m (memory).
// Each report goes to the kernel log and to the command's stdout.
#pragma once
#include <string>

namespace ukern {
/// The text of one sysrq key ("" for an unknown key); also logged.
std::string sysrq_handle(char key);
/// The memory report of sysrq m. A weak placeholder here; the allocator
/// provides the real one.
std::string sysrq_memory_report();
}  // namespace ukern
