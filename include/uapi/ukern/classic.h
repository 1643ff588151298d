/* The classic teaching system calls: numbers, struct mystat, and the
 * wrappers of libnew.a. For C and C++ user programs. */
#ifndef UKERN_UAPI_CLASSIC_H
#define UKERN_UAPI_CLASSIC_H

#include <sys/types.h>

#define __NR_test_newsyscall 337
#define __NR_newsyscall 387
#define __NR_show_mult 388
#define __NR_gettaskinfo 389
#define __NR_va2pa 390

struct mystat {
  pid_t pid;
  pid_t ppid;
  int stat;
  int priority;
  int policy;
  long utime;
  long stime;
  long starttime;
  unsigned long min_flt;
  unsigned long maj_flt;
  long open_files;
};

#ifdef __cplusplus
extern "C" {
#endif

/* Each returns the call's result, or -1 with errno set (like syscall(2)). */
long test_newsyscall(int n);
long newsyscall(void);
long show_mult(int x, int y, int *res);
long gettaskinfo(pid_t pid, struct mystat *buf);
long va2pa(unsigned long addr);

#ifdef __cplusplus
}
#endif

#endif
