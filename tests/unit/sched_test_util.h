// Reading the kernel log from unit tests.
#pragma once
#include <string>

#include "kernel/printk/log.h"

namespace ukern::test {
/// The log's sequence number now: pass it to log_since later.
inline uint64_t log_mark() {
  uint64_t next = 0;
  (void)log_read(UINT64_MAX, &next);
  return next;
}
/// The text of every record logged since `mark`, one per line.
inline std::string log_since(uint64_t mark) {
  uint64_t next = 0;
  std::string out;
  for (auto& r : log_read(mark, &next)) out += r.text + "\n";
  return out;
}
}  // namespace ukern::test
