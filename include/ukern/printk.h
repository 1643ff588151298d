// printk: the kernel log. Messages go to a ring buffer that `ukern dmesg`
// reads. A message may start with a level, as in Linux:
//   printk(KERN_EMERG "hello Linux, I'm in Kernel\n");
// A message without one is logged at KERN_DEFAULT (warning, 4).
#pragma once
#include <cstdint>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"

/// Formats like printf and appends one record to the kernel log.
/// Safe from any thread; never blocks on a reader. Returns the bytes logged.
extern "C" int printk(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

#define pr_emerg(fmt, ...) printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG fmt, ##__VA_ARGS__)

/// printk at most `burst` times per `interval_ms` of kernel time from one call site;
/// the suppressed count is logged when it prints again.
#define printk_ratelimited(fmt, ...)                                       \
  do {                                                                     \
    static ::ukern::RateLimit ukern_rl_{5000, 10};                         \
    if (ukern_rl_.allow()) printk(fmt, ##__VA_ARGS__);                     \
  } while (0)

namespace ukern {
/// Rate limiting state of one call site (see printk_ratelimited).
class RateLimit {
 public:
  RateLimit(int interval_ms, int burst) : interval_ms_(interval_ms), burst_(burst) {}
  /// True when this call may print. Thread-safe.
  bool allow();

 private:
  int interval_ms_;
  int burst_;
  int printed_ = 0;
  int missed_ = 0;
  int64_t window_start_ns_ = -1;
  int lock_ = 0;
};
}  // namespace ukern
