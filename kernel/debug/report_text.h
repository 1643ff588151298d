// Logging a long multi-line report (printk truncates a message at 1 KiB):
// one log record per line, at `level` (0-7).
#pragma once
#include <string>

#include "kernel/printk/log.h"

namespace ukern {
inline void log_report(int level, const std::string& text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    ukern::log_append(level, text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  log_flush_console();  // a report is on the console before the reporter goes on
}
}  // namespace ukern
