// fuzz_proc DIR SEED ITERATIONS: odd reads and writes on every file under
// DIR (a ukern /proc mount): reads at odd offsets and sizes, writes of
// random bytes and lengths, truncation, seeks, reopening, directory reads.
// Prints "ops N errors N".
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t state;
static uint64_t next_rand(void) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 2685821657736338717ULL;
}

static char* paths[512];
static int npaths;

static int collect(const char* p, const struct stat* st, int type, struct FTW* f) {
  (void)st;
  (void)type;
  (void)f;
  if (npaths < 512) paths[npaths++] = strdup(p);
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: fuzz_proc DIR SEED ITERATIONS\n");
    return 2;
  }
  state = strtoull(argv[2], NULL, 0) * 0x9E3779B97F4A7C15ULL + 3;
  long iterations = strtol(argv[3], NULL, 0);
  static const char* skip = "/slow";  // test_proc's slow entry only sleeps
  static char buf[70000];
  long ops = 0, errors = 0;
  for (long it = 0; it < iterations; ++it) {
    if (it % 200 == 0) {  // entries come and go: look again now and then
      for (int i = 0; i < npaths; ++i) free(paths[i]);
      npaths = 0;
      nftw(argv[1], collect, 8, FTW_PHYS);
      if (npaths == 0) return 1;
    }
    const char* p = paths[next_rand() % (uint64_t)npaths];
    if (strstr(p, skip)) continue;
    uint64_t r = next_rand();
    static const size_t sizes[] = {0, 1, 7, 4095, 4096, 4097, 65536, 69999};
    static const off_t offs[] = {0, 1, 5, 4096, 1 << 20, INT64_MAX / 2, -1};
    size_t size = sizes[(r >> 4) % 8];
    off_t off = offs[(r >> 8) % 7];
    int rc = 0;
    ++ops;
    switch (r % 6) {
      case 0: {
        int fd = open(p, O_RDONLY | O_CLOEXEC);
        if (fd < 0) { rc = -1; break; }
        rc = (int)pread(fd, buf, size, off);
        close(fd);
        break;
      }
      case 1: {
        int fd = open(p, ((r >> 12) & 1 ? O_WRONLY : O_RDWR) | O_CLOEXEC | ((r >> 13) & 1 ? O_TRUNC : 0));
        if (fd < 0) { rc = -1; break; }
        size_t n = size > 5000 ? 5000 : size;
        for (size_t i = 0; i < n; ++i) buf[i] = (char)next_rand();
        rc = (int)pwrite(fd, buf, n, off < 0 ? 0 : off);
        close(fd);
        break;
      }
      case 2: {
        int fd = open(p, O_RDONLY | O_CLOEXEC);
        if (fd < 0) { rc = -1; break; }
        rc = (int)lseek(fd, off, (r >> 14) % 3);
        for (int i = 0; i < 3 && read(fd, buf, 1000) > 0; ++i) {
        }
        close(fd);
        break;
      }
      case 3:
        rc = truncate(p, (off_t)((r >> 16) % 10));
        break;
      case 4: {
        DIR* d = opendir(p);
        if (!d) { rc = -1; break; }
        while (readdir(d)) {
        }
        closedir(d);
        break;
      }
      default: {
        struct stat st;
        rc = stat(p, &st);
        break;
      }
    }
    if (rc < 0) ++errors;
  }
  printf("ops %ld errors %ld\n", ops, errors);
  return 0;
}
