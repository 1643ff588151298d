// The kernel log: a bounded ring of records that printk appends to and
// `ukern dmesg` reads (kernel-internal).
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ukern {

struct LogRecord {
  uint64_t seq;
  int64_t ts_ns;  // kernel clock
  int level;      // 0 (emerg) .. 7 (debug)
  std::string text;
};

/// Appends one record (the text of one line, without its newline).
void log_append(int level, std::string text);
/// Appends one record per line, all at once (a reader sees all or none).
void log_append_lines(int level, std::vector<std::string> lines);
/// `text` cut at newlines (a trailing newline adds no empty line).
std::vector<std::string> log_split_lines(const std::string& text);
/// Records with seq >= `from` still in the ring, oldest first; `next` is set
/// to the seq after the last one returned.
std::vector<LogRecord> log_read(uint64_t from, uint64_t* next);
/// Waits until a record with seq >= `from` exists or `timeout` passes.
bool log_wait(uint64_t from, std::chrono::milliseconds timeout);
/// "[    5.123456] text", as dmesg prints a record.
std::string log_format(const LogRecord& r);
/// Mirrors every record to `fd` (the daemon's console, usually stderr)
/// as well, asynchronously, from a console thread; -1 stops. If `fd` is the
/// file `path`, the file is rotated past kConsoleMaxBytes (to `path`.1).
void log_set_console(int fd, const std::string& path = {});
/// Writes every record logged so far to the console before returning
/// (oopses, reports, `ukern dmesg`, shutdown).
void log_flush_console();
/// The console file's cap; the previous part is kept as FILE.1.
constexpr size_t kConsoleMaxBytes = 8u << 20;

}  // namespace ukern
