// test_echo (603) from a user program, one line per case:
// "CASE RET ERRNAME DST" where DST is what the destination buffer holds
// after the call ("untouched" when it still holds its fill bytes).
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char dst[64];

static long echo(const char* src, char* d, size_t len) {
  errno = 0;
  return syscall(603, src, d, len);
}

static void fill(char* d, size_t n) { memset(d, '#', n); }

static void report(const char* name, long r, const char* d, size_t n) {
  int untouched = 1;
  for (size_t i = 0; i < n; ++i) untouched &= d[i] == '#';
  printf("%s %ld %s %s\n", name, r, r < 0 ? strerrorname_np(errno) : "-", untouched ? "untouched" : d);
}

int main(void) {
  long page = sysconf(_SC_PAGESIZE);

  fill(dst, sizeof dst);
  long r = echo("hello", dst, sizeof dst);
  report("hello", r, dst, sizeof dst);

  fill(dst, sizeof dst);
  r = echo("", dst, sizeof dst);
  printf("empty %ld %s %d\n", r, r < 0 ? strerrorname_np(errno) : "-", dst[0]);

  fill(dst, sizeof dst);
  r = echo("abc", dst, 4);  // exactly fits with its NUL
  report("exact", r, dst, 4);

  fill(dst, sizeof dst);
  r = echo("abcd", dst, 4);  // one byte too long
  report("toolong", r, dst, sizeof dst);

  fill(dst, sizeof dst);
  r = echo(NULL, dst, sizeof dst);
  report("nullsrc", r, dst, sizeof dst);

  r = echo("hello", NULL, 16);
  printf("nulldst %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "-");

  fill(dst, sizeof dst);
  r = echo("hello", dst, 0);
  report("zerolen", r, dst, sizeof dst);

  // Two pages, the second unmapped.
  char* two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(two + page, page);

  // A string whose NUL is the last byte before the unmapped page.
  memset(two, 'x', page);
  strcpy(two + page - 6, "edge!");
  fill(dst, sizeof dst);
  r = echo(two + page - 6, dst, sizeof dst);
  report("edge", r, dst, sizeof dst);

  // No NUL before the unmapped page: the string runs into it.
  memset(two + page - 6, 'y', 6);
  fill(dst, sizeof dst);
  r = echo(two + page - 6, dst, sizeof dst);
  report("runs_off", r, dst, sizeof dst);

  // An unmapped source.
  fill(dst, sizeof dst);
  r = echo(two + page, dst, sizeof dst);
  report("unmapped_src", r, dst, sizeof dst);

  // A read-only destination: EFAULT, and it keeps its bytes.
  char* ro = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  fill(ro, 64);
  mprotect(ro, page, PROT_READ);
  r = echo("hello", ro, 64);
  report("readonly_dst", r, ro, 64);

  // A long string over several pages comes back whole.
  size_t n = 3 * (size_t)page + 123;
  char* big = malloc(n + 1);
  char* back = malloc(n + 1);
  for (size_t i = 0; i < n; ++i) big[i] = (char)('a' + i % 26);
  big[n] = '\0';
  r = echo(big, back, n + 1);
  printf("long %ld %s %s\n", r, r < 0 ? strerrorname_np(errno) : "-",
         r == (long)n && memcmp(big, back, n + 1) == 0 ? "same" : "differs");
  r = echo(big, back, n);  // one byte short
  printf("long_short %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "-");
  free(big);
  free(back);
  return 0;
}
