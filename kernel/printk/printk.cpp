// printk and the ring buffer behind dmesg, and the console that mirrors the
// ring into the daemon's log file.
//
// As in Linux, printk only stores the record in the ring (a short critical
// section, no I/O) and returns; a console thread writes records to the
// console file afterwards, in batches. If printk outruns the console so far
// that records leave the ring before they were written, the console skips
// them and writes "console: N lines suppressed" instead: the ring (what
// `ukern dmesg` reads) never waits for the file. Records of level KERN_CRIT
// or more urgent (an oops) are written before printk returns, and
// log_flush_console() writes everything pending (dmesg, reports, shutdown).
//
// The console file is capped: past kConsoleMaxBytes it is renamed to
// FILE.1 (replacing the previous one) and a new FILE is started, so the
// log takes at most twice the cap on disk.
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "kernel/printk/log.h"
#include "kernel/sched/clock.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

constexpr size_t kMaxRecords = 8192;
constexpr int kDefaultLevel = 4;
constexpr int kSyncConsoleLevel = 2;  // KERN_CRIT and more urgent: written at once
constexpr size_t kConsoleBatch = 512;  // records formatted per write

struct Ring {
  std::mutex mu;
  std::condition_variable cv;  // dmesg -w followers
  std::deque<LogRecord> records;
  uint64_t next_seq = 0;

  // The console. Guarded by mu: fd, path, next seq to write, the writer's
  // sleep. Guarded by console_mu (held while writing, never by printk):
  // bytes written to the current file.
  int console_fd = -1;
  std::string console_path;
  uint64_t console_seq = 0;
  bool console_waiting = false;
  bool console_thread = false;
  std::condition_variable console_cv;
  std::mutex console_mu;
  size_t console_bytes = 0;
};

Ring& ring() {
  static Ring* r = new Ring;  // outlives every thread that logs at exit
  return *r;
}

// Starts a new console file once the current one passed the cap. Called
// with console_mu held. The new file takes over the old descriptor number
// (dup2), so whatever else writes to it (stderr: sanitizer reports) follows.
void rotate_console_locked(Ring& r, int fd, const std::string& path) {
  if (path.empty() || r.console_bytes < kConsoleMaxBytes) return;
  std::string old = path + ".1";
  if (rename(path.c_str(), old.c_str()) != 0) return;
  int nfd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (nfd < 0) return;
  struct stat a {}, b {};
  // stdout usually shares the file with stderr: move it along.
  if (fstat(STDOUT_FILENO, &a) == 0 && fstat(fd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino &&
      fd != STDOUT_FILENO)
    dup2(nfd, STDOUT_FILENO);
  dup2(nfd, fd);
  close(nfd);
  r.console_bytes = 0;
  std::string note = fmt::format("console: log rotated at {} bytes; the previous part is {}\n", kConsoleMaxBytes, old);
  r.console_bytes += static_cast<size_t>(std::max<ssize_t>(0, write(fd, note.data(), note.size())));
}

// Writes one batch of pending records. False when there was nothing to write.
bool console_write_batch(Ring& r) {
  std::lock_guard w(r.console_mu);
  std::string out;
  int fd;
  std::string path;
  {
    std::lock_guard g(r.mu);
    fd = r.console_fd;
    path = r.console_path;
    if (fd < 0 || r.console_seq >= r.next_seq) {
      r.console_seq = r.next_seq;
      return false;
    }
    uint64_t oldest = r.records.empty() ? r.next_seq : r.records.front().seq;
    if (r.console_seq < oldest) {
      out = fmt::format("console: {} lines suppressed (printk outran the console; ukern dmesg has the ring)\n",
                        oldest - r.console_seq);
      r.console_seq = oldest;
    }
    size_t i = static_cast<size_t>(r.console_seq - oldest);
    for (size_t n = 0; i < r.records.size() && n < kConsoleBatch; ++i, ++n) {
      out += log_format(r.records[i]);
      out += '\n';
    }
    r.console_seq = oldest + i;
  }
  for (size_t done = 0; done < out.size();) {
    ssize_t n = write(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // a full disk loses console lines, never the ring
    done += static_cast<size_t>(n);
  }
  r.console_bytes += out.size();
  rotate_console_locked(r, fd, path);
  return true;
}

void console_thread_main() {
  pthread_setname_np(pthread_self(), "printk-console");
  Ring& r = ring();
  for (;;) {
    {
      std::unique_lock g(r.mu);
      while (r.console_seq >= r.next_seq) {
        r.console_waiting = true;
        r.console_cv.wait(g);
      }
    }
    while (console_write_batch(r)) {
    }
  }
}

}  // namespace

void log_set_console(int fd, const std::string& path) {
  Ring& r = ring();
  size_t size = 0;
  struct stat st {};
  struct stat named {};
  // Rotate only the runtime dir's log file, and only when fd is that file.
  std::string rotatable;
  if (fd >= 0 && !path.empty() && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && stat(path.c_str(), &named) == 0 &&
      st.st_dev == named.st_dev && st.st_ino == named.st_ino) {
    rotatable = path;
    size = static_cast<size_t>(st.st_size);
  }
  {
    std::lock_guard w(r.console_mu);
    r.console_bytes = size;
  }
  bool start = false;
  {
    std::lock_guard g(r.mu);
    r.console_fd = fd;
    r.console_path = rotatable;
    start = fd >= 0 && !r.console_thread;
    if (start) r.console_thread = true;
  }
  if (start) {
    try {
      std::thread(console_thread_main).detach();
    } catch (const std::system_error&) {
      std::lock_guard g(r.mu);
      r.console_thread = false;  // printk writes the console itself, then
    }
  }
}

void log_flush_console() {
  Ring& r = ring();
  uint64_t until;
  {
    std::lock_guard g(r.mu);
    until = r.next_seq;
  }
  for (;;) {
    {
      std::lock_guard g(r.mu);
      if (r.console_seq >= until || r.console_fd < 0) return;
    }
    console_write_batch(r);
  }
}

void log_append(int level, std::string text) {
  std::vector<std::string> one;
  one.push_back(std::move(text));
  log_append_lines(level, std::move(one));
}

void log_append_lines(int level, std::vector<std::string> lines) {
  Ring& r = ring();
  int64_t now = clock_now_ns();
  bool wake_console = false, write_now = false;
  {
    std::lock_guard g(r.mu);
    for (auto& text : lines) {
      r.records.push_back(LogRecord{r.next_seq++, now, level, std::move(text)});
      if (r.records.size() > kMaxRecords) r.records.pop_front();
    }
    if (r.console_fd >= 0) {
      write_now = level <= kSyncConsoleLevel || !r.console_thread;
      if (r.console_waiting) {
        r.console_waiting = false;
        wake_console = true;
      }
    }
  }
  if (wake_console) r.console_cv.notify_one();
  r.cv.notify_all();
  if (write_now) log_flush_console();
}

std::vector<std::string> log_split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
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
  // One record per line, appended together; a trailing newline ends the message.
  ukern::log_append_lines(level, ukern::log_split_lines(p));
  return n;
}
