/* The kernel's basic types (linux/types.h). */
#ifndef _UKERN_LINUX_TYPES_H
#define _UKERN_LINUX_TYPES_H

#include <linux/compiler.h>
#include <linux/stddef.h>

typedef signed char s8;
typedef unsigned char u8;
typedef short s16;
typedef unsigned short u16;
typedef int s32;
typedef unsigned int u32;
typedef long long s64;
typedef unsigned long long u64;
typedef s8 __s8;
typedef u8 __u8;
typedef s16 __s16;
typedef u16 __u16;
typedef s32 __s32;
typedef u32 __u32;
typedef s64 __s64;
typedef u64 __u64;

typedef _Bool bool;
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef long ssize_t;
typedef unsigned long uintptr_t;
typedef long intptr_t;
typedef long long loff_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned short umode_t;
typedef unsigned int fmode_t;
typedef long long time64_t;
typedef long long ktime_t;
typedef unsigned int gfp_t;
typedef unsigned int __poll_t;
typedef u8 uint8_t;
typedef u16 uint16_t;
typedef u32 uint32_t;
typedef u64 uint64_t;
typedef s8 int8_t;
typedef s16 int16_t;
typedef s32 int32_t;
typedef s64 int64_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;

/* An int that is read and written whole (see linux/atomic.h). */
typedef struct {
  int counter;
} atomic_t;
typedef struct {
  long counter;
} atomic64_t;

/* The list link embedded in your own structs (see linux/list.h). */
struct list_head {
  struct list_head *next, *prev;
};

#endif
