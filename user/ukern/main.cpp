// ukern: the command that starts and stops a kernel, runs programs against
// it, and talks to it over its control socket.
#include <fcntl.h>
#include <limits.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kernel/ctl/protocol.h"
#include "kernel/ctl/runtime_dir.h"
#include "kernel/entry/filter.h"
#include "user/ukern/kbuild.h"

namespace {

ukern::RuntimePaths g_paths;

bool g_dir_named = false;

// Refuses a runtime dir another user could have planted (see runtime_dir.h).
void check_runtime_dir_or_die() {
  std::string why;
  if (access(g_paths.dir.c_str(), F_OK) != 0) return;  // nothing there: "no kernel" below
  if (!ukern::runtime_dir_check_client(g_paths.dir, g_dir_named, &why)) {
    std::fprintf(stderr, "ukern: %s\n", why.c_str());
    std::exit(1);
  }
}

int connect_or_die() {
  check_runtime_dir_or_die();
  int s = ukern::ctl::connect_socket(g_paths.socket());
  if (s < 0) {
    std::fprintf(stderr, "ukern: no kernel is running in %s (start one with 'ukern up')\n", g_paths.dir.c_str());
    std::exit(1);
  }
  return s;
}

// Sends one request and relays the reply; returns the command's status.
// With `capture`, stdout text is returned in it instead of printed.
int call(const std::vector<std::string>& argv, int fd = -1, std::string* capture = nullptr) {
  int s = connect_or_die();
  if (!ukern::ctl::send_request(s, argv, fd)) {
    std::fprintf(stderr, "ukern: cannot send the request to the kernel\n");
    return 1;
  }
  for (;;) {
    auto f = ukern::ctl::recv_frame(s);
    if (!f) {
      close(s);
      std::fprintf(stderr, "ukern: connection to the kernel lost\n");
      return 1;
    }
    if (f->kind == 'O') {
      if (capture) *capture += f->data;
      else std::fwrite(f->data.data(), 1, f->data.size(), stdout), std::fflush(stdout);
    } else if (f->kind == 'E') {
      std::fwrite(f->data.data(), 1, f->data.size(), stderr);
    } else if (f->kind == 'X' && f->data.size() == 4) {
      int status;
      std::memcpy(&status, f->data.data(), 4);
      close(s);
      return status;
    }
  }
}

bool lock_free() {
  int fd = open(g_paths.lock().c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return true;
  bool free = flock(fd, LOCK_SH | LOCK_NB) == 0;
  close(fd);
  return free;
}

int cmd_up(double scale, const std::string& table, const std::string& builtin, bool foreground) {
  std::vector<std::string> args = {ukern::executable_dir() + "/ukernd", "--runtime-dir", g_paths.dir};
  if (scale != 1.0) args.insert(args.end(), {"--time-scale", fmt::format("{}", scale)});
  if (!builtin.empty()) {
    // Compiled here, so that its diagnostics reach the terminal; linked by the kernel at boot.
    std::string obj = ukern::kbuild_builtin_object(builtin, g_paths.dir + "/builtin/obj");
    if (obj.empty()) return 1;
    args.insert(args.end(), {"--builtin-object", obj});
  }
  if (!table.empty()) {
    char real[PATH_MAX];
    args.insert(args.end(), {"--syscall-table", realpath(table.c_str(), real) ? real : table});
  }
  auto exec_kernel = [&](const std::vector<std::string>& a) {
    std::vector<char*> cargs;
    for (auto& s : a) cargs.push_back(const_cast<char*>(s.c_str()));
    cargs.push_back(nullptr);
    execv(cargs[0], cargs.data());
    std::fprintf(stderr, "ukern: cannot run %s: %s\n", cargs[0], strerror(errno));
    _exit(1);
  };
  if (foreground) exec_kernel(args);
  if (std::string why; !ukern::runtime_dir_prepare(g_paths.dir, &why)) {
    std::fprintf(stderr, "ukern: up: %s\n", why.c_str());
    return 1;
  }
  int p[2];
  if (pipe2(p, O_CLOEXEC) != 0) return 1;
  pid_t child = fork();
  if (child == 0) {
    // A process group of its own (Ctrl-C in the terminal does not reach
    // it), but not a session of its own: with autogroup scheduling (on by
    // default) a new session is a scheduling group of its own, and every
    // call from the user's programs would then cross groups (p99 30x the
    // floor on a busy machine; see README, Speed).
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDONLY);
    int log = open(g_paths.log().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
    dup2(devnull, 0);
    if (log >= 0) dup2(log, 1), dup2(log, 2);
    int wfd = dup(p[1]);  // without CLOEXEC: ukernd writes "ready" on it
    args.insert(args.end(), {"--ready-fd", std::to_string(wfd)});
    exec_kernel(args);
  }
  close(p[1]);
  std::string got;
  char buf[512];
  for (ssize_t n; (n = read(p[0], buf, sizeof buf)) > 0;) got.append(buf, static_cast<size_t>(n));
  close(p[0]);
  if (got.rfind("ready", 0) == 0) {
    std::printf("ukern: kernel up (pid %d), runtime dir %s\n", child, g_paths.dir.c_str());
    return 0;
  }
  if (got.rfind("error: ", 0) == 0) {
    std::fprintf(stderr, "ukern: up: %s", got.substr(7).c_str());
  } else {
    std::fprintf(stderr, "ukern: up: the kernel exited while booting; see %s\n", g_paths.log().c_str());
  }
  waitpid(child, nullptr, WNOHANG);
  return 1;
}

int cmd_down() {
  if (lock_free()) {
    std::fprintf(stderr, "ukern: no kernel is running in %s\n", g_paths.dir.c_str());
    return 1;
  }
  int rc = call({"down"});
  if (rc != 0) return rc;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!lock_free()) {
    if (std::chrono::steady_clock::now() > deadline) {
      std::fprintf(stderr, "ukern: down: the kernel did not stop within 15 s\n");
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

int cmd_run(const std::vector<std::string>& prog) {
  if (prog.empty()) {
    std::fprintf(stderr, "usage: ukern run PROGRAM [ARGS...]\n");
    return 2;
  }
  std::string table;
  if (int rc = call({"table"}, -1, &table); rc != 0) return 1;
  std::vector<int> numbers;
  std::istringstream in(table);
  for (int nr; in >> nr;) numbers.push_back(nr);
  // Connect before the filter exists; from here on, only calls the filter
  // lets through (sendmsg, recvmsg, close, execve) may be made.
  int s = connect_or_die();
  auto fd = ukern::install_notify_filter(numbers);
  if (!fd) {
    std::fprintf(stderr, "ukern: run: cannot install the seccomp filter: %s\n", strerror(fd.error()));
    return 1;
  }
  bool sent = ukern::ctl::send_request(s, {"attach"}, *fd);
  close(*fd);
  int status = 1;
  for (auto f = sent ? ukern::ctl::recv_frame(s) : std::nullopt; f; f = ukern::ctl::recv_frame(s)) {
    if (f->kind == 'E') std::fwrite(f->data.data(), 1, f->data.size(), stderr);
    if (f->kind == 'X' && f->data.size() == 4) {
      std::memcpy(&status, f->data.data(), 4);
      break;
    }
  }
  close(s);
  if (status != 0) {
    std::fprintf(stderr, "ukern: run: the kernel did not take the program\n");
    return 1;
  }
  std::vector<char*> argv;
  for (auto& a : prog) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execvp(argv[0], argv.data());
  std::fprintf(stderr, "ukern: run: %s: %s\n", argv[0], strerror(errno));
  return 127;
}

std::string find_module(const std::string& name) {
  if (name.find('/') != std::string::npos || name.ends_with(".so") || name.ends_with(".ko")) {
    char real[PATH_MAX];
    return realpath(name.c_str(), real) ? real : name;
  }
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("UKERN_MODULE_PATH")) {
    std::istringstream in(env);
    for (std::string d; std::getline(in, d, ':');)
      if (!d.empty()) dirs.push_back(d);
  }
  dirs.push_back(ukern::executable_dir() + "/../modules");
  dirs.push_back(ukern::executable_dir() + "/../lib/ukern/modules");
  for (const auto& d : dirs) {
    std::string p = d + "/" + name + ".so";
    char real[PATH_MAX];
    if (access(p.c_str(), R_OK) == 0 && realpath(p.c_str(), real)) return real;
  }
  std::string searched;
  for (const auto& d : dirs) searched += " " + d;
  std::fprintf(stderr, "ukern: insmod: module '%s' not found (searched:%s)\n", name.c_str(), searched.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ukern: a kernel that runs as a process, for writing system calls and kernel modules"};
  app.require_subcommand(1);
  std::string runtime_dir;
  app.add_option("--runtime-dir", runtime_dir, "runtime directory (default $UKERN_RUNTIME_DIR, /run/ukern)");

  double scale = 1.0;
  std::string table;
  bool foreground = false;
  auto* up = app.add_subcommand("up", "start a kernel in the background; returns when it is ready");
  up->add_option("--time-scale", scale, "the kernel clock runs F times as fast")->check(CLI::PositiveNumber);
  up->add_option("--syscall-table", table, "syscall table file (Linux syscall_64.tbl format)");
  up->add_flag("--foreground", foreground, "run ukernd in the foreground instead");
  std::string builtin;
  up->add_option("--builtin", builtin,
                 "a C file built into the kernel (obj-y, e.g. sys_call.c): its SYSCALL_DEFINEn / asmlinkage "
                 "sys_NAME functions become the wrappers of the table rows of that name");

  std::string kbuild_dir = ".";
  ukern::KbuildOptions kbuild_opts;
  auto* kbuild = app.add_subcommand(
      "kbuild", "build a Linux module directory as it is (its Makefile's obj-m, NAME-objs, ccflags-y) into NAME.ko");
  kbuild->add_option("dir", kbuild_dir, "the module's directory (default: .)");
  kbuild->add_flag("-v,--verbose", kbuild_opts.verbose, "print the compiler commands");
  kbuild->add_flag("--clean", kbuild_opts.clean, "remove the .ko files and intermediate files instead");

  app.add_subcommand("down", "stop the kernel (unloads every module)");

  // `run PROGRAM ARGS...`: no positional option, so that prefix_command()
  // hands over PROGRAM and all its arguments, its own options included, in
  // their order (a positional option would take the plain words and leave
  // the program's options behind it, reordered).
  auto* run = app.add_subcommand("run", "run a program (and its children) against the kernel: run PROGRAM [ARGS...]");
  run->prefix_command();

  std::vector<std::string> rest;
  auto* insmod = app.add_subcommand("insmod", "load a module by name or file: insmod NAME [key=value ...]");
  insmod->add_option("module", rest, "module name or .so file, then parameters")->required();

  // Commands the kernel serves as they are.
  const std::vector<std::pair<const char*, const char*>> passthrough = {
      {"rmmod", "unload a module: rmmod NAME [--timeout-ms=N]"},
      {"lsmod", "list loaded modules"},
      {"modinfo", "show a loaded module's information and parameters"},
      {"dmesg", "print the kernel log (-w: follow)"},
      {"syscalls", "the syscall table: number, name, module, calls"},
      {"ping", "is the kernel up?"},
      {"ps", "kernel threads and system calls in flight"},
      {"cat", "print a /proc entry: cat NAME"},
      {"sysrq", "magic SysRq: t (tasks), w (blocked), l (locks), m (memory)"},
      {"sysctl", "kernel tunables: sysctl [NAME[=VALUE] ...]"},
  };
  std::vector<CLI::App*> pass_cmds;
  for (auto& [name, help] : passthrough) {
    auto* sc = app.add_subcommand(name, help);
    sc->allow_extras();
    sc->prefix_command();
    pass_cmds.push_back(sc);
  }

  // `ukern run -- PROGRAM ...`: the "--" only says where PROGRAM starts.
  std::vector<char*> args(argv, argv + argc);
  for (size_t i = 1; i + 1 < args.size(); ++i) {
    if (std::strcmp(args[i], "run") != 0) continue;
    if (std::strcmp(args[i + 1], "--") == 0) args.erase(args.begin() + static_cast<long>(i) + 1);
    break;
  }
  CLI11_PARSE(app, static_cast<int>(args.size()), args.data());
  g_paths.dir = ukern::resolve_runtime_dir(runtime_dir);
  g_dir_named = ukern::runtime_dir_named(runtime_dir);

  if (*up) return cmd_up(scale, table, builtin, foreground);
  if (*kbuild) return ukern::kbuild_directory(kbuild_dir, kbuild_opts);
  if (app.got_subcommand("down")) return cmd_down();
  if (*run) {
    return cmd_run(run->remaining());
  }
  if (*insmod) {
    std::vector<std::string> req = {"insmod", find_module(rest.at(0))};
    req.insert(req.end(), rest.begin() + 1, rest.end());
    return call(req);
  }
  for (auto* sc : pass_cmds) {
    if (!*sc) continue;
    std::vector<std::string> req = {sc->get_name()};
    for (auto& r : sc->remaining()) req.push_back(r);
    return call(req);
  }
  return 2;
}
