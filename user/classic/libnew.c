/* libnew.a: wrapper functions for the classic calls, as in the slides. */
#include <sys/syscall.h>
#include <unistd.h>

#include "ukern/classic.h"

long test_newsyscall(int n) { return syscall(__NR_test_newsyscall, n); }
long newsyscall(void) { return syscall(__NR_newsyscall); }
long show_mult(int x, int y, int *res) { return syscall(__NR_show_mult, x, y, res); }
long gettaskinfo(pid_t pid, struct mystat *buf) { return syscall(__NR_gettaskinfo, pid, buf); }
long va2pa(unsigned long addr) { return syscall(__NR_va2pa, addr); }
