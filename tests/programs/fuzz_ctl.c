// fuzz_ctl SOCKET SEED ITERATIONS: malformed and random requests to ukernd's
// control socket: random bytes, bad lengths, huge counts, truncated frames,
// well-formed requests of random commands and arguments (some with a
// descriptor attached). Replies are read for a short while, then dropped.
// Prints "requests N replies N".
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static uint64_t state;
static uint64_t next_rand(void) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 2685821657736338717ULL;
}

static const char* kCommands[] = {"ping", "cat", "dmesg", "ps", "lsmod", "modinfo", "syscalls", "table", "sysctl",
                                  "sysrq", "attach", "insmod", "rmmod", "down", "bogus", ""};
static const char* kArgs[] = {"timed", "modules", "/proc/syscalls", "kthreads", "test_proc/echo", "show_mult",
                              "-w", "dmesg_restrict=0", "hung_task_timeout_secs", "t", "c", "..", "/", "",
                              "--timeout-ms=1", "/etc/passwd", "xtime", "a=b", "%s%n%s"};

static int connect_to(const char* path) {
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  strncpy(a.sun_path, path, sizeof a.sun_path - 1);
  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s >= 0 && connect(s, (struct sockaddr*)&a, sizeof a) != 0) {
    close(s);
    return -1;
  }
  return s;
}

static void put32(char* p, uint32_t v) { memcpy(p, &v, 4); }

// Sends buf, the first byte with a descriptor when fd >= 0.
static void send_with_fd(int s, const char* buf, size_t n, int fd) {
  if (n == 0) return;
  struct iovec iov = {(void*)buf, 1};
  char ctrl[CMSG_SPACE(sizeof(int))] = {0};
  struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
  if (fd >= 0) {
    mh.msg_control = ctrl;
    mh.msg_controllen = sizeof ctrl;
    struct cmsghdr* c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
  }
  if (sendmsg(s, &mh, MSG_NOSIGNAL) != 1) return;
  if (n > 1) (void)!send(s, buf + 1, n - 1, MSG_NOSIGNAL);
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: fuzz_ctl SOCKET SEED ITERATIONS\n");
    return 2;
  }
  state = strtoull(argv[2], NULL, 0) * 0x9E3779B97F4A7C15ULL + 7;
  long iterations = strtol(argv[3], NULL, 0);
  long requests = 0, replies = 0;
  static char buf[1 << 16];
  for (long it = 0; it < iterations; ++it) {
    int s = connect_to(argv[1]);
    if (s < 0) {
      usleep(1000);
      continue;
    }
    ++requests;
    uint64_t r = next_rand();
    int pipefd[2] = {-1, -1};
    int fd = -1;
    if ((r >> 8) % 4 == 0 && pipe(pipefd) == 0) fd = pipefd[0];
    size_t n = 0;
    int well_formed = r % 7 >= 5;
    switch (r % 7) {
      case 0:  // random bytes
        n = 1 + (next_rand() % 64);
        for (size_t i = 0; i < n; ++i) buf[i] = (char)next_rand();
        break;
      case 1: {  // a plausible length, garbage body
        uint32_t len = 4 + (uint32_t)(next_rand() % 200);
        put32(buf, len);
        n = 4 + (next_rand() % (len + 1));
        for (size_t i = 4; i < n; ++i) buf[i] = (char)next_rand();
        break;
      }
      case 2:  // a huge length
        put32(buf, (uint32_t)next_rand() | 0x80000000u);
        n = 4;
        break;
      case 3: {  // a huge argc or argument length
        put32(buf, 12);
        put32(buf + 4, (uint32_t)next_rand());
        put32(buf + 8, (uint32_t)next_rand());
        put32(buf + 12, 0);
        n = 16;
        break;
      }
      case 4:  // a truncated header
        n = 1 + next_rand() % 3;
        memset(buf, 1, n);
        break;
      default: {  // a well-formed request of a random command
        int argc2 = 1 + (int)(next_rand() % 4);
        size_t off = 8;
        put32(buf + 4, (uint32_t)argc2);
        for (int i = 0; i < argc2; ++i) {
          const char* a = i == 0 ? kCommands[next_rand() % (sizeof kCommands / sizeof *kCommands)]
                                 : kArgs[next_rand() % (sizeof kArgs / sizeof *kArgs)];
          uint32_t l = (uint32_t)strlen(a);
          put32(buf + off, l);
          memcpy(buf + off + 4, a, l);
          off += 4 + l;
        }
        put32(buf, (uint32_t)(off - 4));
        n = off;
        break;
      }
    }
    send_with_fd(s, buf, n, fd);
    // Read what comes for a moment (a malformed request gets no answer),
    // then hang up (a follower is cut off).
    struct pollfd p = {s, POLLIN, 0};
    while (poll(&p, 1, well_formed ? 200 : 0) == 1) {
      ssize_t got = recv(s, buf, sizeof buf, 0);
      if (got <= 0) break;
      ++replies;
    }
    close(s);
    if (pipefd[0] >= 0) close(pipefd[0]), close(pipefd[1]);
  }
  printf("requests %ld replies %ld\n", requests, replies);
  return 0;
}
