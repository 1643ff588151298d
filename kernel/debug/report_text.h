// Logging a long multi-line report (printk truncates a message at 1 KiB):
// one log record per line, at `level` (0-7).
#pragma once
#include <string>

#include "kernel/printk/log.h"

namespace ukern {
inline void log_report(int level, const std::string& text) {
  ukern::log_append_lines(level, log_split_lines(text));
  log_flush_console();  // a report is on the console before the reporter goes on
}
}  // namespace ukern
