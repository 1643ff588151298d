#include "kernel/ctl/server.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <thread>

#include "kernel/ctl/protocol.h"

namespace ukern {
namespace {

std::map<std::string, CtlCommand>& commands() {
  static auto* m = new std::map<std::string, CtlCommand>;
  return *m;
}

uid_t g_owner = 0;
int g_shutdown_fd = -1;
// Set while this thread serves a request: a shutdown it asks for waits until
// the reply is sent, or `ukern down` would lose its answer to the exit.
thread_local bool t_serving = false;
thread_local bool t_shutdown_after_reply = false;

void trigger_shutdown() {
  uint64_t one = 1;
  if (g_shutdown_fd >= 0) (void)!write(g_shutdown_fd, &one, sizeof one);
}

void serve_connection(int sock) {
  ucred peer{};
  socklen_t len = sizeof peer;
  getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &peer, &len);
  auto req = ctl::recv_request(sock);
  if (!req || req->argv.empty()) {
    close(sock);
    return;
  }
  CtlContext ctx(sock, peer, req->argv, req->fd);
  int status;
  auto it = commands().find(req->argv[0]);
  if (it == commands().end()) {
    ctx.errf("ukern: unknown command '{}'\n", req->argv[0]);
    status = 2;
  } else {
    t_serving = true;
    status = it->second(ctx);
    t_serving = false;
  }
  if (int fd = ctx.take_fd(); fd >= 0) close(fd);
  ctl::send_exit(sock, status);
  close(sock);
  if (t_shutdown_after_reply) trigger_shutdown();
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

bool ctl_serve(const std::string& socket_path, uid_t owner, const std::function<void()>& ready, std::string* why) {
  g_owner = owner;
  g_shutdown_fd = eventfd(0, EFD_CLOEXEC);
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  int sigfd = signalfd(-1, &sigs, SFD_CLOEXEC);

  int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof addr.sun_path) {
    *why = "socket path too long: " + socket_path;
    return false;
  }
  std::strcpy(addr.sun_path, socket_path.c_str());
  unlink(socket_path.c_str());  // a stale socket of a dead kernel (we hold the lock)
  if (bind(lfd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(lfd, 128) != 0) {
    *why = "cannot listen on " + socket_path + ": " + strerror(errno);
    return false;
  }
  // Anyone who can reach the directory may run programs and read the log;
  // loading and unloading modules is checked per request (SO_PEERCRED).
  chmod(socket_path.c_str(), 0666);
  ready();
  for (;;) {
    pollfd fds[3] = {{lfd, POLLIN, 0}, {g_shutdown_fd, POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(fds, 3, -1) < 0) continue;
    if (fds[1].revents || fds[2].revents) break;
    if (fds[0].revents & POLLIN) {
      int c = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
      if (c >= 0) std::thread(serve_connection, c).detach();
    }
  }
  close(lfd);
  unlink(socket_path.c_str());
  return true;
}

}  // namespace ukern
