/*
 * BUG_ON / WARN_ON. WARN_ON(cond) logs a "WARNING: at file:line" report with
 * a call trace and evaluates to cond; the kernel serves on. BUG_ON(cond)
 * logs "kernel BUG at file:line" and ends the current entry with an oops
 * (the system call, kthread or /proc read that hit it fails; the module is
 * marked as having oopsed), as a BUG does in Linux.
 */
#ifndef _UKERN_LINUX_BUG_H
#define _UKERN_LINUX_BUG_H

#include <ukern_compat.h>
#include <linux/compiler.h>

#define BUG() ukern_c_bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(condition)                                  \
  do {                                                     \
    if (unlikely(condition)) ukern_c_bug(__FILE__, __LINE__, #condition); \
  } while (0)

#define WARN_ON(condition)                                        \
  ({                                                              \
    int __ukern_warn = !!(condition);                             \
    if (unlikely(__ukern_warn)) ukern_c_warn(__FILE__, __LINE__, #condition); \
    unlikely(__ukern_warn);                                       \
  })
#define WARN_ON_ONCE(condition)                                   \
  ({                                                              \
    static bool __ukern_warned;                                   \
    int __ukern_warn = !!(condition);                             \
    if (unlikely(__ukern_warn) && !__ukern_warned) {              \
      __ukern_warned = 1;                                         \
      ukern_c_warn(__FILE__, __LINE__, #condition);               \
    }                                                             \
    unlikely(__ukern_warn);                                       \
  })
#define WARN(condition, fmt, ...)                                 \
  ({                                                              \
    int __ukern_warn = !!(condition);                             \
    if (unlikely(__ukern_warn)) {                                 \
      printk(KERN_WARNING fmt, ##__VA_ARGS__);                    \
      ukern_c_warn(__FILE__, __LINE__, #condition);               \
    }                                                             \
    unlikely(__ukern_warn);                                       \
  })
#define WARN_ONCE(condition, fmt, ...) WARN(condition, fmt, ##__VA_ARGS__)

/* Compile-time checks. */
#define BUILD_BUG_ON(condition) _Static_assert(!(condition), "BUILD_BUG_ON(" #condition ")")
#define BUILD_BUG_ON_MSG(condition, msg) _Static_assert(!(condition), msg)

#endif
