/* Random numbers (linux/random.h), from the host's getrandom. */
#ifndef _UKERN_LINUX_RANDOM_H
#define _UKERN_LINUX_RANDOM_H

#include <linux/types.h>

void get_random_bytes(void *buf, size_t len) __asm__("ukern_c_get_random_bytes");
u32 get_random_u32(void) __asm__("ukern_c_get_random_u32");
u64 get_random_u64(void) __asm__("ukern_c_get_random_u64");
static inline u8 get_random_u8(void) { return (u8)get_random_u32(); }
static inline u16 get_random_u16(void) { return (u16)get_random_u32(); }
static inline unsigned long get_random_long(void) { return (unsigned long)get_random_u64(); }
/* Older names. */
static inline unsigned int get_random_int(void) { return get_random_u32(); }
static inline u32 prandom_u32(void) { return get_random_u32(); }
/* A value in [0, ceil): uniform. */
u32 get_random_u32_below(u32 ceil) __asm__("ukern_c_get_random_u32_below");
static inline u32 prandom_u32_max(u32 ceil) { return get_random_u32_below(ceil); }
/* A value in [floor, ceil]. */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil) {
  return floor + get_random_u32_below(ceil - floor + 1);
}

#endif
