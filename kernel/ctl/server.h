// The control server: ukernd's end of RUNTIME_DIR/ctl.sock. Each subsystem
// registers the `ukern` subcommands it serves with UKERN_CTL_COMMAND.
#pragma once
#include <sys/socket.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace ukern {

/// One request being served.
class CtlContext {
 public:
  CtlContext(int sock, ucred peer, std::vector<std::string> argv, int fd)
      : sock_(sock), peer_(peer), argv_(std::move(argv)), fd_(fd) {}
  const std::vector<std::string>& argv() const { return argv_; }
  const ucred& peer() const { return peer_; }
  /// The descriptor sent with the request (-1 if none); the command owns it.
  int take_fd() {
    int f = fd_;
    fd_ = -1;
    return f;
  }
  int sock() const { return sock_; }
  /// Root, or the user who started this kernel.
  bool privileged() const;
  /// Writes to the user's stdout / stderr; false once the client is gone.
  bool out(std::string_view s);
  bool err(std::string_view s);
  template <class... A>
  bool outf(fmt::format_string<A...> f, A&&... a) { return out(fmt::format(f, std::forward<A>(a)...)); }
  template <class... A>
  bool errf(fmt::format_string<A...> f, A&&... a) { return err(fmt::format(f, std::forward<A>(a)...)); }
  /// Prints "ukern: <cmd>: permission denied" and returns false unless privileged.
  bool require_privileged();
  /// True once the client has hung up (for commands that follow, like dmesg -w).
  bool client_gone() const;

 private:
  int sock_;
  ucred peer_;
  std::vector<std::string> argv_;
  int fd_;
};

/// A command returns its exit status.
using CtlCommand = std::function<int(CtlContext&)>;
void ctl_register(const std::string& name, CtlCommand fn);

struct CtlRegistrar {
  CtlRegistrar(const char* name, CtlCommand fn) { ctl_register(name, std::move(fn)); }
};
#define UKERN_CTL_COMMAND(name, fn) static ::ukern::CtlRegistrar UKERN_CTL_CAT(ukern_ctl_, __LINE__)(name, fn)
#define UKERN_CTL_CAT2(a, b) a##b
#define UKERN_CTL_CAT(a, b) UKERN_CTL_CAT2(a, b)

/// Listens on `socket_path` and serves until ctl_shutdown() or SIGTERM,
/// SIGINT or SIGHUP (which the caller must have blocked in every thread).
/// Calls `ready` once the socket accepts connections. False if it cannot bind.
bool ctl_serve(const std::string& socket_path, uid_t owner, const std::function<void()>& ready, std::string* why);
void ctl_shutdown();
/// Why ctl_serve returned: "ukern down" or "signal Terminated", ...
std::string ctl_shutdown_reason();
/// Threads serving control requests right now (for tests and `ping`).
int ctl_worker_threads();

}  // namespace ukern
