#include "kernel/ctl/server.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include "kernel/ctl/protocol.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

// The control server is bounded whatever clients do:
//   - one event loop (the thread in ctl_serve) receives every request; a
//     connection that has not sent its whole request costs a descriptor,
//     not a thread, and is closed after kRequestTimeout;
//   - at most kMaxPending such connections: the oldest is dropped for a new one;
//   - complete requests are served by at most kMaxWorkers threads (a
//     request queues when all are busy: `dmesg -w` holds one for as long as
//     it follows); a worker that cannot be created is not an error unless
//     none exists, then the request gets "out of threads" (EAGAIN);
//   - out of descriptors (EMFILE), the loop drops its oldest pending
//     connection and stops accepting for kAcceptBackoff instead of spinning.
constexpr auto kRequestTimeout = std::chrono::seconds(5);
constexpr size_t kMaxPending = 256;
constexpr int kMaxWorkers = 16;
constexpr int kIdleWorkers = 2;
constexpr auto kWorkerIdleExit = std::chrono::seconds(2);
constexpr int kAcceptBackoffMs = 100;
constexpr int kReplySendTimeoutSec = 10;

std::map<std::string, CtlCommand>& commands() {
  static auto* m = new std::map<std::string, CtlCommand>;
  return *m;
}

uid_t g_owner = 0;
int g_shutdown_fd = -1;
std::string g_shutdown_reason = "ukern down";
// Set while this thread serves a request: a shutdown it asks for waits until
// the reply is sent, or `ukern down` would lose its answer to the exit.
thread_local bool t_serving = false;
thread_local bool t_shutdown_after_reply = false;

void trigger_shutdown() {
  uint64_t one = 1;
  if (g_shutdown_fd >= 0) (void)!write(g_shutdown_fd, &one, sizeof one);
}

void serve_request(int sock, ctl::Request req) {
  ucred peer{};
  socklen_t len = sizeof peer;
  getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &peer, &len);
  if (req.argv.empty()) {
    if (req.fd >= 0) close(req.fd);
    close(sock);
    return;
  }
  CtlContext ctx(sock, peer, req.argv, req.fd);
  int status;
  auto it = commands().find(req.argv[0]);
  if (it == commands().end()) {
    ctx.errf("ukern: unknown command '{}'\n", req.argv[0]);
    status = 2;
  } else {
    t_serving = true;
    status = it->second(ctx);
    t_serving = false;
  }
  if (int fd = ctx.take_fd(); fd >= 0) close(fd);
  ctl::send_exit(sock, status);
  close(sock);
  if (t_shutdown_after_reply) {
    t_shutdown_after_reply = false;
    trigger_shutdown();
  }
}

// Threads that serve complete requests, created on demand up to kMaxWorkers.
class WorkerPool {
 public:
  /// Queues a request; false (nothing queued) when no thread can serve it.
  bool submit(int sock, ctl::Request req) {
    std::unique_lock g(mu_);
    queue_.push_back({sock, std::move(req)});
    if (idle_ > 0) {
      cv_.notify_one();
      return true;
    }
    if (threads_ < kMaxWorkers) {
      try {
        std::thread([this] { worker(); }).detach();
        ++threads_;
        ++idle_;  // counted idle until it takes a request
      } catch (const std::system_error& e) {
        printk_ratelimited(KERN_WARNING "ctl: cannot start a worker thread: %s\n", e.what());
        if (threads_ == 0) {
          Job j = std::move(queue_.back());
          queue_.pop_back();
          g.unlock();
          refuse(j);
          return false;
        }
      }
    }
    return true;
  }
  int threads() {
    std::lock_guard g(mu_);
    return threads_;
  }

 private:
  struct Job {
    int sock;
    ctl::Request req;
  };

  static void refuse(Job& j) {
    if (j.req.fd >= 0) close(j.req.fd);
    ctl::send_frame(j.sock, 'E', "ukern: the kernel cannot start a thread to serve this request (EAGAIN); try again\n");
    ctl::send_exit(j.sock, 1);
    close(j.sock);
  }

  void worker() {
    pthread_setname_np(pthread_self(), "ukern-ctl");
    std::unique_lock g(mu_);
    for (;;) {
      if (queue_.empty()) {
        if (idle_ <= kIdleWorkers) {
          // A kept worker sleeps until work comes (no timed wake-ups: an
          // idle kernel wakes no thread).
          cv_.wait(g, [&] { return !queue_.empty(); });
          continue;
        }
        bool woke = cv_.wait_for(g, kWorkerIdleExit, [&] { return !queue_.empty(); });
        if (!woke && idle_ > kIdleWorkers) {
          --idle_;
          --threads_;
          return;
        }
        continue;
      }
      Job j = std::move(queue_.front());
      queue_.pop_front();
      --idle_;
      g.unlock();
      serve_request(j.sock, std::move(j.req));
      g.lock();
      ++idle_;
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  int threads_ = 0;
  int idle_ = 0;
};

WorkerPool& pool() {
  static auto* p = new WorkerPool;  // never destroyed: workers may outlive ctl_serve
  return *p;
}

// A connection whose request is still arriving.
struct Pending {
  Pending(int s, std::chrono::steady_clock::time_point t) : sock(s), since(t) {}
  int sock;
  std::chrono::steady_clock::time_point since;
  ctl::RequestReader reader;
};

// Lets ukernd use as many descriptors as it is allowed (idle clients and
// listeners each hold one).
void raise_fd_limit() {
  rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

}  // namespace

bool CtlContext::privileged() const { return peer_.uid == 0 || peer_.uid == g_owner; }
bool CtlContext::out(std::string_view s) { return ctl::send_frame(sock_, 'O', s); }
bool CtlContext::err(std::string_view s) { return ctl::send_frame(sock_, 'E', s); }

bool CtlContext::require_privileged() {
  if (privileged()) return true;
  errf("ukern: {}: permission denied (only root or uid {} may do this)\n", argv_[0], g_owner);
  return false;
}

bool CtlContext::client_gone() const {
  pollfd p{sock_, POLLRDHUP, 0};
  return poll(&p, 1, 0) == 1 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

void ctl_register(const std::string& name, CtlCommand fn) { commands()[name] = std::move(fn); }

void ctl_shutdown() {
  if (t_serving) t_shutdown_after_reply = true;
  else trigger_shutdown();
}

std::string ctl_shutdown_reason() { return g_shutdown_reason; }

int ctl_worker_threads() { return pool().threads(); }

bool ctl_serve(const std::string& socket_path, uid_t owner, const std::function<void()>& ready, std::string* why) {
  g_owner = owner;
  g_shutdown_fd = eventfd(0, EFD_CLOEXEC);
  raise_fd_limit();
  // main() blocked these before any thread started; the loop takes them.
  sigset_t sigs;
  sigemptyset(&sigs);
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&sigs, sig);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  int sigfd = signalfd(-1, &sigs, SFD_CLOEXEC);

  int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof addr.sun_path) {
    *why = "socket path too long: " + socket_path;
    return false;
  }
  std::strcpy(addr.sun_path, socket_path.c_str());
  if (struct stat st; lstat(socket_path.c_str(), &st) == 0 && !S_ISSOCK(st.st_mode)) {
    *why = socket_path + " exists and is not a socket: remove it";
    return false;
  }
  unlink(socket_path.c_str());  // a stale socket of a dead kernel (we hold the lock)
  if (bind(lfd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(lfd, 128) != 0) {
    *why = "cannot listen on " + socket_path + ": " + strerror(errno);
    return false;
  }
  // Who may do what is checked per request (SO_PEERCRED, see server.h); who
  // may reach the socket at all is the runtime dir's mode.
  chmod(socket_path.c_str(), 0666);
  ready();

  std::list<Pending> pending;  // oldest first
  auto drop = [&](std::list<Pending>::iterator it) {
    close(it->sock);
    return pending.erase(it);
  };
  auto accept_backoff_until = std::chrono::steady_clock::time_point{};
  std::vector<pollfd> fds;
  for (;;) {
    auto now = std::chrono::steady_clock::now();
    for (auto it = pending.begin(); it != pending.end();)
      it = now - it->since > kRequestTimeout ? drop(it) : std::next(it);
    bool accepting = now >= accept_backoff_until;
    fds.assign({{accepting ? lfd : -1, POLLIN, 0}, {g_shutdown_fd, POLLIN, 0}, {sigfd, POLLIN, 0}});
    for (auto& p : pending) fds.push_back({p.sock, POLLIN, 0});
    int timeout = pending.empty() ? -1 : 250;
    if (!accepting) timeout = kAcceptBackoffMs;
    if (poll(fds.data(), fds.size(), timeout) < 0) continue;
    if (fds[1].revents) break;
    if (fds[2].revents) {
      signalfd_siginfo si{};
      if (read(sigfd, &si, sizeof si) == sizeof si) g_shutdown_reason = std::string("signal ") + strsignal(si.ssi_signo);
      break;
    }
    // Requests that arrived, oldest connection first.
    size_t i = 3;
    for (auto it = pending.begin(); it != pending.end(); ++i) {
      if (fds[i].revents == 0) {
        ++it;
        continue;
      }
      auto st = it->reader.read_some(it->sock);
      if (st == ctl::RequestReader::Status::More) {
        ++it;
        continue;
      }
      if (st == ctl::RequestReader::Status::Bad) {
        it = drop(it);
        continue;
      }
      int sock = it->sock;
      ctl::Request req = it->reader.take();
      it = pending.erase(it);
      // Served by blocking writes, with a bound on a client that stops reading.
      fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) & ~O_NONBLOCK);
      timeval tv{kReplySendTimeoutSec, 0};
      setsockopt(sock, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      pool().submit(sock, std::move(req));
    }
    if (fds[0].revents & POLLIN) {
      for (int n = 0; n < 64; ++n) {
        int c = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (c < 0) {
          if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
            printk_ratelimited(KERN_WARNING "ctl: cannot accept a connection: %m; backing off\n");
            if (!pending.empty()) drop(pending.begin());
            accept_backoff_until = std::chrono::steady_clock::now() + std::chrono::milliseconds(kAcceptBackoffMs);
          }
          break;
        }
        if (pending.size() >= kMaxPending) drop(pending.begin());
        pending.emplace_back(c, std::chrono::steady_clock::now());
      }
    }
  }
  for (auto it = pending.begin(); it != pending.end();) it = drop(it);
  close(lfd);
  unlink(socket_path.c_str());
  return true;
}

}  // namespace ukern
