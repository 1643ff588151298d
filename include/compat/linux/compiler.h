/* Compiler helpers of Linux's compiler.h, for ukern's C modules. */
#ifndef _UKERN_LINUX_COMPILER_H
#define _UKERN_LINUX_COMPILER_H

/* Address-space annotations: checked by sparse in Linux, nothing here. */
#define __user
#define __kernel
#define __iomem
#define __force
#define __rcu
#define __percpu
#define __must_check __attribute__((warn_unused_result))
#define __always_inline inline __attribute__((always_inline))
#define noinline __attribute__((noinline))
#define __maybe_unused __attribute__((unused))
#define __always_unused __attribute__((unused))
#define __used __attribute__((used))
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noreturn __attribute__((noreturn))
#define __cold __attribute__((cold))
#define fallthrough __attribute__((fallthrough))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" : : : "memory")

/* One access the compiler may not tear, merge or repeat. */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))

#endif
