/* Atomic integers (linux/atomic.h): sequentially consistent, as Linux's
 * value-returning operations are. atomic_t is in linux/types.h. */
#ifndef _UKERN_LINUX_ATOMIC_H
#define _UKERN_LINUX_ATOMIC_H

#include <linux/types.h>

#define ATOMIC_INIT(i) { (i) }
#define ATOMIC64_INIT(i) { (i) }

#define __UKERN_ATOMIC_OPS(prefix, atype, ctype)                                                         \
  static inline ctype prefix##_read(const atype *v) { return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); } \
  static inline void prefix##_set(atype *v, ctype i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); } \
  static inline void prefix##_add(ctype i, atype *v) { __atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED); } \
  static inline void prefix##_sub(ctype i, atype *v) { __atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED); } \
  static inline void prefix##_inc(atype *v) { prefix##_add(1, v); }                                     \
  static inline void prefix##_dec(atype *v) { prefix##_sub(1, v); }                                     \
  static inline ctype prefix##_add_return(ctype i, atype *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
  static inline ctype prefix##_sub_return(ctype i, atype *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
  static inline ctype prefix##_fetch_add(ctype i, atype *v) { return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
  static inline ctype prefix##_fetch_sub(ctype i, atype *v) { return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); } \
  static inline ctype prefix##_inc_return(atype *v) { return prefix##_add_return(1, v); }               \
  static inline ctype prefix##_dec_return(atype *v) { return prefix##_sub_return(1, v); }               \
  static inline bool prefix##_dec_and_test(atype *v) { return prefix##_sub_return(1, v) == 0; }         \
  static inline bool prefix##_inc_and_test(atype *v) { return prefix##_add_return(1, v) == 0; }         \
  static inline bool prefix##_sub_and_test(ctype i, atype *v) { return prefix##_sub_return(i, v) == 0; } \
  static inline ctype prefix##_xchg(atype *v, ctype i) { return __atomic_exchange_n(&v->counter, i, __ATOMIC_SEQ_CST); } \
  static inline ctype prefix##_cmpxchg(atype *v, ctype old, ctype new_value) {                         \
    __atomic_compare_exchange_n(&v->counter, &old, new_value, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);   \
    return old;                                                                                         \
  }

__UKERN_ATOMIC_OPS(atomic, atomic_t, int)
__UKERN_ATOMIC_OPS(atomic64, atomic64_t, long)

#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define mb() smp_mb()
#define rmb() smp_rmb()
#define wmb() smp_wmb()

#endif
