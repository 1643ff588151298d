// Allocation accounting behind kmalloc (kernel-internal).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace ukern {

struct ModuleMemory {
  std::string owner;  // module name, "kernel", or "unloaded:NAME" for leaks
  uint64_t live_objects, live_bytes, allocs, frees, peak_bytes;
};

/// Per-owner counters, kernel first.
std::vector<ModuleMemory> kmalloc_stats();
/// The text of /proc/meminfo and `ukern sysrq m`.
std::string meminfo_report();

}  // namespace ukern
