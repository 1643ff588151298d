// Counts per entry vector, for /proc/interrupts.
#pragma once
#include <atomic>
#include <cstdint>

namespace ukern {
struct InterruptCounters {
  std::atomic<uint64_t> syscall{0};    // trapped system calls received
  std::atomic<uint64_t> timer{0};      // timer callbacks fired
  std::atomic<uint64_t> exception{0};  // faults caught in module code (oopses)
};
InterruptCounters& interrupt_counters();
}  // namespace ukern
