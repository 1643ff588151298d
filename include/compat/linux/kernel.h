/*
 * The kernel's everyday helpers: printk (linux/printk.h), sprintf and
 * friends, kstrto*, min/max/clamp, container_of, ARRAY_SIZE, BUG_ON/WARN_ON
 * (linux/bug.h), might_sleep.
 */
#ifndef _UKERN_LINUX_KERNEL_H
#define _UKERN_LINUX_KERNEL_H

#include <stdarg.h>
#include <ukern_compat.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/printk.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/types.h>

int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsprintf(char *buf, const char *fmt, va_list args);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
/* Like snprintf, but returns the bytes written into buf (without the NUL),
 * never more than size - 1: safe to add to an offset into buf. */
int scnprintf(char *buf, size_t size, const char *fmt, ...) __asm__("ukern_c_scnprintf") __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args) __asm__("ukern_c_vscnprintf");
int sscanf(const char *buf, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
/* A kmalloc'ed formatted string (free with kfree). */
char *kasprintf(gfp_t gfp, const char *fmt, ...) __asm__("ukern_c_kasprintf") __printf(2, 3);

/* Parse a whole string (one trailing newline allowed) as a number in `base`
 * (0: C prefixes). 0, -EINVAL for junk, -ERANGE when out of range. */
int kstrtoint(const char *s, unsigned int base, int *res) __asm__("ukern_c_kstrtoint");
int kstrtouint(const char *s, unsigned int base, unsigned int *res) __asm__("ukern_c_kstrtouint");
int kstrtol(const char *s, unsigned int base, long *res) __asm__("ukern_c_kstrtol");
int kstrtoul(const char *s, unsigned int base, unsigned long *res) __asm__("ukern_c_kstrtoul");
int kstrtoll(const char *s, unsigned int base, long long *res) __asm__("ukern_c_kstrtoll");
int kstrtoull(const char *s, unsigned int base, unsigned long long *res) __asm__("ukern_c_kstrtoull");
int kstrtobool(const char *s, bool *res) __asm__("ukern_c_kstrtobool");
long simple_strtol(const char *cp, char **endp, unsigned int base) __asm__("ukern_c_simple_strtol");
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base) __asm__("ukern_c_simple_strtoul");

/* The struct that contains `ptr`, a pointer to its `member`. */
#define container_of(ptr, type, member)                   \
  ({                                                      \
    void *__ukern_mptr = (void *)(ptr);                   \
    ((type *)(__ukern_mptr - offsetof(type, member)));    \
  })

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

/* min/max of two values of the same type (a mismatch warns, as in Linux). */
#define min(x, y)                                 \
  ({                                              \
    __typeof__(x) __ukern_a = (x);                \
    __typeof__(y) __ukern_b = (y);                \
    (void)(&__ukern_a == &__ukern_b);             \
    __ukern_a < __ukern_b ? __ukern_a : __ukern_b; \
  })
#define max(x, y)                                 \
  ({                                              \
    __typeof__(x) __ukern_a = (x);                \
    __typeof__(y) __ukern_b = (y);                \
    (void)(&__ukern_a == &__ukern_b);             \
    __ukern_a > __ukern_b ? __ukern_a : __ukern_b; \
  })
#define min3(x, y, z) min((__typeof__(x))min(x, y), z)
#define max3(x, y, z) max((__typeof__(x))max(x, y), z)
#define min_t(type, x, y) min((type)(x), (type)(y))
#define max_t(type, x, y) max((type)(x), (type)(y))
#define clamp(val, lo, hi) min((__typeof__(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi) clamp_t(__typeof__(val), val, lo, hi)
#define swap(a, b)                    \
  do {                                \
    __typeof__(a) __ukern_tmp = (a);  \
    (a) = (b);                        \
    (b) = __ukern_tmp;                \
  } while (0)
#define abs(x)                                        \
  ({                                                  \
    __typeof__(x) __ukern_x = (x);                    \
    __ukern_x < 0 ? -__ukern_x : __ukern_x;           \
  })

#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_CLOSEST(x, d) (((x) + ((d) / 2)) / (d))
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y) ((x) - ((x) % (y)))
#define round_up(x, y) ((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define round_down(x, y) ((x) & ~((__typeof__(x))((y) - 1)))
#define BIT(nr) (1UL << (nr))
#define BIT_ULL(nr) (1ULL << (nr))
#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))

/* Reports (once per place) a call that may sleep made under a spinlock. */
#define might_sleep() ukern_c_might_sleep(__FILE__, __LINE__)

#endif
