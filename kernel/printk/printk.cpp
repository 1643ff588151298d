// printk and the ring buffer behind dmesg.
#include <unistd.h>

#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <deque>
#include <mutex>

#include <fmt/format.h>

#include "kernel/printk/log.h"
#include "kernel/sched/clock.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

constexpr size_t kMaxRecords = 8192;
constexpr int kDefaultLevel = 4;

struct Ring {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<LogRecord> records;
  uint64_t next_seq = 0;
  int console_fd = -1;
};

Ring& ring() {
  static Ring* r = new Ring;  // outlives every thread that logs at exit
  return *r;
}

}  // namespace

void log_set_console(int fd) {
  std::lock_guard g(ring().mu);
  ring().console_fd = fd;
}

void log_append(int level, std::string text) {
  Ring& r = ring();
  LogRecord rec{0, clock_now_ns(), level, std::move(text)};
  std::string line;
  {
    std::lock_guard g(r.mu);
    rec.seq = r.next_seq++;
    if (r.console_fd >= 0) line = log_format(rec) + "\n";
    r.records.push_back(std::move(rec));
    if (r.records.size() > kMaxRecords) r.records.pop_front();
    if (!line.empty()) (void)!write(r.console_fd, line.data(), line.size());
  }
  r.cv.notify_all();
}

std::vector<LogRecord> log_read(uint64_t from, uint64_t* next) {
  Ring& r = ring();
  std::lock_guard g(r.mu);
  std::vector<LogRecord> out;
  for (const auto& rec : r.records)
    if (rec.seq >= from) out.push_back(rec);
  *next = r.next_seq;
  return out;
}

bool log_wait(uint64_t from, std::chrono::milliseconds timeout) {
  Ring& r = ring();
  std::unique_lock g(r.mu);
  return r.cv.wait_for(g, timeout, [&] { return r.next_seq > from; });
}

std::string log_format(const LogRecord& r) {
  return fmt::format("[{:5}.{:06}] {}", r.ts_ns / 1'000'000'000, (r.ts_ns / 1000) % 1'000'000, r.text);
}

bool RateLimit::allow() {
  // A tiny spin lock: call sites are rare and never hold it for long.
  while (__atomic_exchange_n(&lock_, 1, __ATOMIC_ACQUIRE)) {
  }
  int64_t now = clock_now_ns();
  bool ok;
  int missed = 0;
  if (window_start_ns_ < 0 || now - window_start_ns_ >= int64_t{interval_ms_} * 1'000'000) {
    missed = missed_;
    window_start_ns_ = now;
    printed_ = 0;
    missed_ = 0;
  }
  ok = printed_ < burst_;
  if (ok) ++printed_;
  else ++missed_;
  __atomic_store_n(&lock_, 0, __ATOMIC_RELEASE);
  if (missed > 0) log_append(kDefaultLevel, fmt::format("printk: {} callbacks suppressed", missed));
  return ok;
}

}  // namespace ukern

extern "C" int printk(const char* fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) return n;
  const char* p = buf;
  int level = 4;
  while (p[0] == '\001' && p[1] != '\0') {  // KERN_SOH + level (or 'c' for KERN_CONT)
    if (p[1] >= '0' && p[1] <= '7') level = p[1] - '0';
    p += 2;
  }
  // The older form of a level: "<0>" .. "<7>" at the start (Linux 2.6 era code).
  if (p[0] == '<' && p[1] >= '0' && p[1] <= '7' && p[2] == '>') {
    level = p[1] - '0';
    p += 3;
  }
  std::string text(p);
  // One record per line; a trailing newline ends the message.
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    ukern::log_append(level, std::move(line));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return n;
}
