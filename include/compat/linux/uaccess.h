/*
 * User memory (linux/uaccess.h). In a system call, a __user pointer is an
 * address in the calling program: copy_to_user/copy_from_user reach it
 * (checked: an unmapped address is -EFAULT, never a crash). In a /proc read
 * or write callback it is the reader's (writer's) buffer of that call.
 *
 * copy_to_user and copy_from_user return the number of bytes NOT copied
 * (0 on success); get_user/put_user return 0 or -EFAULT.
 */
#ifndef _UKERN_LINUX_UACCESS_H
#define _UKERN_LINUX_UACCESS_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/types.h>

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n) __asm__("ukern_c_copy_to_user");
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n) __asm__("ukern_c_copy_from_user");
#define __copy_to_user(to, from, n) copy_to_user(to, from, n)
#define __copy_from_user(to, from, n) copy_from_user(to, from, n)
/* Copies a NUL-terminated string of at most `count` bytes: its length, or
 * -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long count) __asm__("ukern_c_strncpy_from_user");
/* Zeroes user memory: the bytes not cleared. */
unsigned long clear_user(void __user *to, unsigned long n) __asm__("ukern_c_clear_user");

/* Whether [addr, addr + size) can be user memory (not whether it is
 * mapped: the copies tell that). Takes (addr, size), or the pre-5.0 form
 * (type, addr, size). */
int ukern_c_access_ok(const void __user *addr, unsigned long size);
#define VERIFY_READ 0
#define VERIFY_WRITE 1
#define __ukern_access_ok2(addr, size) ukern_c_access_ok((const void __user *)(addr), (size))
#define __ukern_access_ok3(type, addr, size) ((void)(type), __ukern_access_ok2(addr, size))
#define __ukern_access_ok_pick(_1, _2, _3, name, ...) name
#define access_ok(...) __ukern_access_ok_pick(__VA_ARGS__, __ukern_access_ok3, __ukern_access_ok2, )(__VA_ARGS__)

#define put_user(x, ptr)                                                         \
  ({                                                                             \
    __typeof__(*(ptr)) __ukern_pu = (x);                                         \
    copy_to_user((ptr), &__ukern_pu, sizeof(__ukern_pu)) ? -EFAULT : 0;          \
  })
#define get_user(x, ptr)                                                         \
  ({                                                                             \
    unsigned char __ukern_gu[sizeof(*(ptr))] __attribute__((aligned(8)));        \
    int __ukern_gr = copy_from_user(__ukern_gu, (ptr), sizeof(*(ptr))) ? -EFAULT : 0; \
    if (__ukern_gr) __builtin_memset(__ukern_gu, 0, sizeof(*(ptr)));             \
    (x) = *(__typeof__(*(ptr)) *)(void *)__ukern_gu;                             \
    __ukern_gr;                                                                  \
  })
#define __put_user(x, ptr) put_user(x, ptr)
#define __get_user(x, ptr) get_user(x, ptr)

/* Reads from `from` (available bytes) at *ppos into the user buffer:
 * the bytes copied (0 at or past the end), *ppos advanced; -EFAULT when
 * nothing could be copied, -EINVAL for a negative *ppos. */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from, size_t available)
    __asm__("ukern_c_simple_read_from_buffer");
/* The write-side counterpart: from the user buffer into `to` (available
 * bytes) at *ppos. */
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void __user *from, size_t count)
    __asm__("ukern_c_simple_write_to_buffer");

#endif
