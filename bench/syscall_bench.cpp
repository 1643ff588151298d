// syscall_bench: the cost of a null ukern system call next to its floor, the
// host's own seccomp user-notification round trip, and a native call.
//
//   floor        a minimal supervisor written here: a forked child traps one
//                number (SECCOMP_RET_USER_NOTIF), one thread of this process
//                answers it (SYNC_WAKE_UP set, reply 0). No kernel can do a
//                trapped call for less on this machine.
//   ukern-null   syscall(601, 2): test_count's null op, through ukernd (a
//                child started with `ukern run syscall_bench --worker`)
//   getppid      a native system call, made here
//
// Latency: each call timed on its own (vDSO clock), in blocks of 1000 calls,
// the three kinds taking turns block by block so drift on a shared machine
// hits all alike. Throughput: 1, 2, 8, 64 threads calling for a while, floor
// and ukern in turn, several rounds; the median of the rounds is printed.
//
// Usage (scripts/bench.sh runs it against a private kernel with test_count):
//   syscall_bench --ukern=PATH [--calls=N] [--rounds=R] [--ms=M]
//   syscall_bench --worker          (internal: the ukern side, under `ukern run`)
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr long kNullNr = 601;  // test_count in ukern; the floor traps the same number
constexpr long kNullOp = 2;
constexpr long kBlock = 1000;
constexpr unsigned long kWaitKillableRecv = 1UL << 5;   // SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
constexpr unsigned long long kSyncWakeUp = 1;           // SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif

inline uint64_t now_ns() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<uint64_t>(t.tv_sec) * 1'000'000'000ull + static_cast<uint64_t>(t.tv_nsec);
}

long null_call() { return syscall(kNullNr, kNullOp); }

bool read_all(int fd, void* p, size_t n) {
  auto* c = static_cast<char*>(p);
  while (n > 0) {
    ssize_t r = read(fd, c, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    c += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

bool write_all(int fd, const void* p, size_t n) {
  auto* c = static_cast<const char*>(p);
  while (n > 0) {
    ssize_t r = write(fd, c, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    c += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

// ---- the worker: makes the trapped calls it is told to, reports back ----

enum Op : int32_t { kLatency = 1, kThroughput = 2, kQuit = 3 };
struct Command {
  int32_t op;
  int32_t arg;  // calls (latency) or threads (throughput)
  int32_t ms;   // throughput: how long
};

// Times `calls` null calls one by one into `out`.
void time_calls(int calls, std::vector<uint32_t>& out, long (*fn)()) {
  out.resize(static_cast<size_t>(calls));
  for (auto& x : out) {
    uint64_t a = now_ns();
    fn();
    x = static_cast<uint32_t>(std::min<uint64_t>(now_ns() - a, UINT32_MAX));
  }
}

// `threads` threads make null calls for `ms` milliseconds: total calls.
uint64_t count_calls(int threads, int ms) {
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> total{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < threads; ++i)
    ts.emplace_back([&] {
      uint64_t n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        null_call();
        ++n;
      }
      total += n;
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  stop = true;
  for (auto& t : ts) t.join();
  return total.load();
}

int worker_loop(int in, int out) {
  if (null_call() != 0) {
    std::fprintf(stderr, "syscall_bench: worker: syscall(601, 2) answered -1 (%s): is test_count loaded?\n",
                 std::strerror(errno));
    return 1;
  }
  std::vector<uint32_t> ns;
  for (Command c; read_all(in, &c, sizeof c);) {
    if (c.op == kLatency) {
      time_calls(c.arg, ns, null_call);
      if (!write_all(out, ns.data(), ns.size() * sizeof ns[0])) return 1;
    } else if (c.op == kThroughput) {
      uint64_t n = count_calls(c.arg, c.ms);
      if (!write_all(out, &n, sizeof n)) return 1;
    } else {
      break;
    }
  }
  return 0;
}

// ---- the floor: a minimal supervisor ----

int install_floor_filter() {
  sock_filter prog[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 3),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kNullNr, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog fprog{static_cast<unsigned short>(sizeof prog / sizeof prog[0]), prog};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
  return static_cast<int>(
      syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER | kWaitKillableRecv, &fprog));
}

void send_fd(int sock, int fd) {
  char byte = 0;
  iovec iov{&byte, 1};
  alignas(cmsghdr) char buf[CMSG_SPACE(sizeof(int))] = {};
  msghdr m{};
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = buf;
  m.msg_controllen = sizeof buf;
  cmsghdr* c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
  (void)sendmsg(sock, &m, 0);
}

int recv_fd(int sock) {
  char byte;
  iovec iov{&byte, 1};
  alignas(cmsghdr) char buf[CMSG_SPACE(sizeof(int))] = {};
  msghdr m{};
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = buf;
  m.msg_controllen = sizeof buf;
  if (recvmsg(sock, &m, MSG_CMSG_CLOEXEC) <= 0) return -1;
  cmsghdr* c = CMSG_FIRSTHDR(&m);
  if (c == nullptr || c->cmsg_type != SCM_RIGHTS) return -1;
  int fd;
  std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
  return fd;
}

// The supervisor's one thread: receive, answer 0, until the child is gone.
void floor_supervisor(int listener) {
  for (;;) {
    seccomp_notif req{};
    if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) {
      if (errno == EINTR || errno == ENOENT) continue;
      return;
    }
    seccomp_notif_resp resp{};
    resp.id = req.id;
    (void)ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
  }
}

struct Worker {
  pid_t pid = -1;
  int cmd = -1;
  int res = -1;
};

// The floor's caller: a forked child that installs the filter, hands the
// listener over, then runs the worker loop. Called before any thread exists.
Worker start_floor_worker(int* listener) {
  int sv[2], c[2], r[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0 || pipe2(c, O_CLOEXEC) != 0 ||
      pipe2(r, O_CLOEXEC) != 0) {
    std::perror("syscall_bench");
    std::exit(1);
  }
  pid_t pid = fork();
  if (pid == 0) {
    int fd = install_floor_filter();
    if (fd < 0) {
      std::perror("syscall_bench: floor filter");
      _exit(1);
    }
    send_fd(sv[1], fd);
    close(fd);
    _exit(worker_loop(c[0], r[1]));
  }
  close(sv[1]);
  close(c[0]);
  close(r[1]);
  *listener = recv_fd(sv[0]);
  close(sv[0]);
  if (*listener < 0) {
    std::fprintf(stderr, "syscall_bench: the floor child sent no listener\n");
    std::exit(1);
  }
  if (ioctl(*listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, kSyncWakeUp) != 0)
    std::perror("syscall_bench: SYNC_WAKE_UP (the floor is measured without it)");
  return {pid, c[1], r[0]};
}

// The ukern side: `ukern run syscall_bench --worker`, talking over pipes
// on its stdin and stdout.
Worker start_ukern_worker(const std::string& ukern, const std::string& self) {
  int c[2], r[2];
  if (pipe2(c, O_CLOEXEC) != 0 || pipe2(r, O_CLOEXEC) != 0) std::exit(1);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(c[0], 0);
    dup2(r[1], 1);
    execl(ukern.c_str(), ukern.c_str(), "run", self.c_str(), "--worker", static_cast<char*>(nullptr));
    std::perror("syscall_bench: exec ukern");
    _exit(127);
  }
  close(c[0]);
  close(r[1]);
  return {pid, c[1], r[0]};
}

bool latency_block(const Worker& w, int calls, std::vector<uint32_t>& into) {
  Command cmd{kLatency, calls, 0};
  std::vector<uint32_t> ns(static_cast<size_t>(calls));
  if (!write_all(w.cmd, &cmd, sizeof cmd) || !read_all(w.res, ns.data(), ns.size() * sizeof ns[0])) return false;
  into.insert(into.end(), ns.begin(), ns.end());
  return true;
}

uint64_t throughput(const Worker& w, int threads, int ms) {
  Command cmd{kThroughput, threads, ms};
  uint64_t n = 0;
  if (!write_all(w.cmd, &cmd, sizeof cmd) || !read_all(w.res, &n, sizeof n)) {
    std::fprintf(stderr, "syscall_bench: a worker died\n");
    std::exit(1);
  }
  return n;
}

void stop(Worker& w) {
  Command cmd{kQuit, 0, 0};
  (void)write_all(w.cmd, &cmd, sizeof cmd);
  close(w.cmd);
  close(w.res);
  waitpid(w.pid, nullptr, 0);
}

double percentile(std::vector<uint32_t>& v, double p) {
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
  return v[i];
}

template <class T>
T median(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string ukern;
  long calls = 100000;
  int rounds = 3, ms = 500;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--worker") return worker_loop(0, 1);
    if (a.rfind("--ukern=", 0) == 0) ukern = a.substr(8);
    else if (a.rfind("--calls=", 0) == 0) calls = std::atol(a.c_str() + 8);
    else if (a.rfind("--rounds=", 0) == 0) rounds = std::max(1, std::atoi(a.c_str() + 9));
    else if (a.rfind("--ms=", 0) == 0) ms = std::max(10, std::atoi(a.c_str() + 5));
    else {
      std::fprintf(stderr, "usage: syscall_bench --ukern=PATH [--calls=N] [--rounds=R] [--ms=M]\n");
      return 2;
    }
  }
  if (ukern.empty()) {
    std::fprintf(stderr, "syscall_bench: --ukern=PATH is needed (scripts/bench.sh passes it)\n");
    return 2;
  }
  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return 1;
  self[n] = '\0';

  int listener = -1;
  Worker floor = start_floor_worker(&listener);  // before any thread exists
  std::thread(floor_supervisor, listener).detach();
  Worker uk = start_ukern_worker(ukern, self);

  // Latency, the three kinds taking turns block by block.
  std::vector<uint32_t> f_ns, u_ns, g_ns, local;
  for (int i = 0; i < 3; ++i) {  // warm up
    if (!latency_block(floor, kBlock, local) || !latency_block(uk, kBlock, local)) {
      std::fprintf(stderr, "syscall_bench: a worker failed to start (see above)\n");
      return 1;
    }
  }
  for (long done = 0; done < calls; done += kBlock) {
    int b = static_cast<int>(std::min(kBlock, calls - done));
    bool ok = latency_block(floor, b, f_ns) && latency_block(uk, b, u_ns);
    if (!ok) {
      std::fprintf(stderr, "syscall_bench: a worker died\n");
      return 1;
    }
    time_calls(b, local, [] { return syscall(SYS_getppid); });
    g_ns.insert(g_ns.end(), local.begin(), local.end());
  }
  double f50 = percentile(f_ns, 0.5), f99 = percentile(f_ns, 0.99);
  std::printf("latency: %ld calls each, in alternating blocks of %ld\n", calls, kBlock);
  std::printf("%-34s %9s %9s %10s %9s %9s\n", "call", "p50 ns", "p99 ns", "p99.9 ns", "p50/floor", "p99/floor");
  auto row = [&](const char* name, std::vector<uint32_t>& v) {
    double p50 = percentile(v, 0.5), p99 = percentile(v, 0.99), p999 = percentile(v, 0.999);
    std::printf("%-34s %9.0f %9.0f %10.0f %8.2fx %8.2fx\n", name, p50, p99, p999, p50 / f50, p99 / f99);
  };
  row("floor (bare user notification)", f_ns);
  row("ukern null call (601, op 2)", u_ns);
  row("getppid (native)", g_ns);
  std::fflush(stdout);

  std::printf("\nthroughput: calls/s, median of %d rounds of %d ms, floor and ukern in turn\n", rounds, ms);
  std::printf("%8s %12s %12s %12s\n", "threads", "floor", "ukern", "ukern/floor");
  for (int threads : {1, 2, 8, 64}) {
    std::vector<double> f, u;
    for (int r = 0; r < rounds; ++r) {
      f.push_back(static_cast<double>(throughput(floor, threads, ms)) * 1000.0 / ms);
      u.push_back(static_cast<double>(throughput(uk, threads, ms)) * 1000.0 / ms);
    }
    double fm = median(f), um = median(u);
    std::printf("%8d %12.0f %12.0f %11.2fx\n", threads, fm, um, fm > 0 ? um / fm : 0.0);
    std::fflush(stdout);
  }
  stop(uk);
  stop(floor);
  return 0;
}
