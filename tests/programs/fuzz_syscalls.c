// fuzz_syscalls SEED MAX_CALLS MAX_SECONDS [NR...]: random system calls in
// the ranges ukern traps (337-423, 512-1023), half of them to the numbers
// given (the rows of loaded modules), with hostile arguments: null, kernel
// and unmapped addresses, a read-only page, pointers straddling into a
// PROT_NONE page, a valid buffer, small and random integers.
// Checks, per call: the read-only page never changes; when a call fails
// with EFAULT, neither the valid buffer nor the bytes before the guard page
// changed (ukern writes nothing on a failed copy of up to a page).
// Prints "calls N efault N enosys N other N violations N" and exits 1 on a
// violation.
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static uint64_t state;
static uint64_t next_rand(void) {  // xorshift64*
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 2685821657736338717ULL;
}

#define PAGE 4096
enum { kValidBytes = 256, kTail = 64 };

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: fuzz_syscalls SEED MAX_CALLS MAX_SECONDS [NR...]\n");
    return 2;
  }
  state = strtoull(argv[1], NULL, 0) * 0x9E3779B97F4A7C15ULL + 1;
  long max_calls = strtol(argv[2], NULL, 0);
  long max_seconds = strtol(argv[3], NULL, 0);
  int nrows = argc - 4;
  long rows[64];
  for (int i = 0; i < nrows && i < 64; ++i) rows[i] = strtol(argv[4 + i], NULL, 0);
  if (nrows > 64) nrows = 64;

  // [rw page][PROT_NONE page]: straddling pointers end in the guard.
  char* rw = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char* ro = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char* gone = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (rw == MAP_FAILED || ro == MAP_FAILED || gone == MAP_FAILED) return 2;
  mprotect(rw + PAGE, PAGE, PROT_NONE);
  memset(ro, 0xA5, PAGE);
  mprotect(ro, PAGE, PROT_READ);
  munmap(gone, PAGE);
  char* valid = rw + 512;               // kValidBytes of valid memory
  char* tail = rw + PAGE - kTail;       // the bytes before the guard page
  char ro_copy[PAGE];
  memcpy(ro_copy, ro, PAGE);

  long calls = 0, efault = 0, enosys = 0, other = 0, violations = 0;
  time_t start = time(NULL);
  for (; calls < max_calls; ++calls) {
    if ((calls & 1023) == 0 && max_seconds > 0 && time(NULL) - start >= max_seconds) break;
    long nr;
    uint64_t pick = next_rand();
    if (nrows > 0 && (pick & 1)) nr = rows[(pick >> 1) % (uint64_t)nrows];
    else if ((pick >> 8) & 1) nr = 337 + (long)((pick >> 9) % 87);
    else nr = 512 + (long)((pick >> 9) % 512);
    long a[6];
    for (int i = 0; i < 6; ++i) {
      uint64_t r = next_rand();
      switch (r % 10) {
        case 0: a[i] = 0; break;
        case 1: a[i] = (long)0xffff888000000000ULL; break;          // kernel
        case 2: a[i] = (long)(uintptr_t)gone + (long)(r >> 40) % PAGE; break;  // unmapped
        case 3: a[i] = (long)(uintptr_t)ro + (long)(r >> 40) % PAGE; break;    // read-only
        case 4: a[i] = (long)(uintptr_t)(rw + PAGE - 1 - (long)((r >> 40) % 16)); break;  // straddling
        case 5: a[i] = (long)(uintptr_t)valid; break;
        case 6: a[i] = (long)((r >> 32) % 12) - 2; break;           // small
        case 7: a[i] = (long)(r >> 1); break;                       // random
        case 8: a[i] = -(long)((r >> 40) % 4096); break;            // negative
        default: a[i] = (long)(int)(r >> 32); break;                // an int
      }
    }
    memset(valid, 0x5A, kValidBytes);
    memset(tail, 0x5A, kTail);
    errno = 0;
    long ret = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (ret == -1 && errno == EFAULT) {
      ++efault;
      for (int i = 0; i < kValidBytes; ++i)
        if (valid[i] != 0x5A) {
          fprintf(stderr, "violation: nr %ld returned EFAULT but wrote the valid buffer\n", nr);
          ++violations;
          break;
        }
      for (int i = 0; i < kTail; ++i)
        if (tail[i] != 0x5A) {
          fprintf(stderr, "violation: nr %ld returned EFAULT but wrote before the guard page\n", nr);
          ++violations;
          break;
        }
    } else if (ret == -1 && errno == ENOSYS) {
      ++enosys;
    } else {
      ++other;
    }
    if ((calls & 255) == 0 && memcmp(ro, ro_copy, PAGE) != 0) {
      fprintf(stderr, "violation: the read-only page changed (after nr %ld)\n", nr);
      ++violations;
      memcpy(ro_copy, ro, PAGE);
    }
  }
  if (memcmp(ro, ro_copy, PAGE) != 0) ++violations;
  printf("calls %ld efault %ld enosys %ld other %ld violations %ld\n", calls, efault, enosys, other, violations);
  return violations ? 1 : 0;
}
