#include "kernel/debug/interrupts.h"

namespace ukern {
InterruptCounters& interrupt_counters() {
  static InterruptCounters c;
  return c;
}
}  // namespace ukern
