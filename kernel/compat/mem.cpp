// The C face of kmalloc (one accounting for both dialects: a C module's
// allocations are charged to it, listed in /proc/meminfo, and reported as
// leaks at rmmod), plus random numbers and clocks for <linux/...>.
#include <sys/random.h>

#include <cstdint>

#include "kernel/compat/compat.h"
#include "ukern/ktime.h"
#include "ukern/slab.h"
#include "ukern/timekeeping.h"

extern "C" {

void* ukern_c_kmalloc(size_t size, gfp_t flags) { return kmalloc(size, flags); }
void* ukern_c_kzalloc(size_t size, gfp_t flags) { return kzalloc(size, flags); }
void* ukern_c_kcalloc(size_t n, size_t size, gfp_t flags) { return kcalloc(n, size, flags); }
void* ukern_c_kmalloc_array(size_t n, size_t size, gfp_t flags) { return kmalloc_array(n, size, flags); }
void* ukern_c_krealloc(const void* p, size_t new_size, gfp_t flags) { return krealloc(p, new_size, flags); }
void ukern_c_kfree(const void* p) { kfree(p); }
size_t ukern_c_ksize(const void* p) { return ksize(p); }
void* ukern_c_vmalloc(unsigned long size) { return kmalloc(size, GFP_KERNEL); }
void* ukern_c_vzalloc(unsigned long size) { return kzalloc(size, GFP_KERNEL); }

void ukern_c_get_random_bytes(void* buf, size_t len) {
  auto* p = static_cast<unsigned char*>(buf);
  while (len > 0) {
    ssize_t n = getrandom(p, len, 0);
    if (n <= 0) continue;  // EINTR; the entropy pool is long initialised
    p += n;
    len -= static_cast<size_t>(n);
  }
}
uint32_t ukern_c_get_random_u32(void) {
  uint32_t v;
  ukern_c_get_random_bytes(&v, sizeof v);
  return v;
}
uint64_t ukern_c_get_random_u64(void) {
  uint64_t v;
  ukern_c_get_random_bytes(&v, sizeof v);
  return v;
}
uint32_t ukern_c_get_random_u32_below(uint32_t ceil) {
  if (ceil == 0) return ukern_c_get_random_u32();
  // Rejection sampling: uniform, no modulo bias.
  uint32_t limit = UINT32_MAX - (UINT32_MAX % ceil);
  for (;;) {
    uint32_t v = ukern_c_get_random_u32();
    if (v < limit) return v % ceil;
  }
}

void ukern_c_ktime_get_real_ts64(ukern::timespec64* ts) { *ts = ukern::ktime_get_real_ts64(); }
void ukern_c_ktime_get_ts64(ukern::timespec64* ts) {
  int64_t ns = ktime_get();
  ts->tv_sec = ns / NSEC_PER_SEC;
  ts->tv_nsec = static_cast<long>(ns % NSEC_PER_SEC);
}
int64_t ukern_c_ktime_get_real(void) {
  ukern::timespec64 ts = ukern::ktime_get_real_ts64();
  return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}
int64_t ukern_c_ktime_get_real_seconds(void) { return ukern::ktime_get_real_ts64().tv_sec; }

}  // extern "C"
