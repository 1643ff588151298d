// ukernd: the kernel process. Usually started by `ukern up`; run it in the
// foreground (under gdb, valgrind, a sanitizer) with the same options.
#include <fcntl.h>
#include <pthread.h>
#include <limits.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "kernel/boot.h"
#include "kernel/ctl/runtime_dir.h"
#include "kernel/ctl/server.h"
#include "kernel/module/module.h"
#include "kernel/printk/log.h"
#include "kernel/sched/clock.h"
#include "kernel/syscalls/builtin.h"
#include "kernel/syscalls/table.h"
#include "ukern/printk.h"

namespace {

struct Options {
  std::string runtime_dir;
  std::string table;
  std::string builtin_object;
  double time_scale = 1.0;
  int ready_fd = -1;
};

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: ukernd [--runtime-dir DIR] [--syscall-table FILE] [--builtin-object FILE.o] [--time-scale F] "
               "[--ready-fd N]\n");
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (a == "--runtime-dir") o.runtime_dir = value();
    else if (a == "--syscall-table") o.table = value();
    else if (a == "--builtin-object") o.builtin_object = value();
    else if (a == "--time-scale") o.time_scale = std::atof(value().c_str());
    else if (a == "--ready-fd") o.ready_fd = std::atoi(value().c_str());
    else usage();
  }
  if (!(o.time_scale > 0)) {
    std::fprintf(stderr, "ukernd: --time-scale must be a positive number\n");
    std::exit(2);
  }
  return o;
}

bool g_booted = false;  // subsystems started: a failure must stop them

// Reports a startup failure to `ukern up` (through the ready pipe) and
// stderr. Once subsystems run, they are stopped first (modules' exit run,
// /proc unmounted). Leaves with _Exit: static destructors must not run
// under threads that are still alive.
[[noreturn]] void fail(const Options& o, const std::string& msg) {
  if (g_booted) {
    printk(KERN_ERR "ukern: boot failed: %s; shutting down\n", msg.c_str());
    ukern::module_unload_all();
    ukern::shutdown_subsystems();
    printk(KERN_INFO "ukern: halted\n");
  }
  ukern::log_flush_console();
  std::string line = "error: " + msg + "\n";
  if (o.ready_fd >= 0) (void)!write(o.ready_fd, line.data(), line.size());
  std::fprintf(stderr, "ukernd: %s\n", msg.c_str());
  std::fflush(nullptr);
  std::_Exit(1);
}

std::string default_table() {
  const std::string dir = ukern::executable_dir();
  for (const auto& c : {dir + "/../etc/syscall_64.tbl", dir + "/../etc/ukern/syscall_64.tbl",
                        std::string("/etc/ukern/syscall_64.tbl")})
    if (access(c.c_str(), R_OK) == 0) return c;
  return dir + "/../etc/syscall_64.tbl";
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  signal(SIGPIPE, SIG_IGN);
  // SIGTERM, SIGINT and SIGHUP mean a clean shutdown. They are blocked here,
  // before any thread starts, so every thread inherits the mask and the
  // control server alone takes them (signalfd); otherwise one landing on
  // another thread would kill ukernd with /proc still mounted.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&stop_signals, sig);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ukern::RuntimePaths paths{ukern::resolve_runtime_dir(o.runtime_dir)};
  std::string why;
  if (!ukern::runtime_dir_prepare(paths.dir, &why)) fail(o, why);

  // One kernel per runtime dir: the lock is held for the kernel's lifetime
  // and released by the host kernel however ukernd ends.
  // O_NOFOLLOW: a symlink planted as the lock must not make us truncate
  // the file it points to.
  int lock = open(paths.lock().c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (lock < 0) fail(o, fmt::format("cannot open {}: {}", paths.lock(), strerror(errno)));
  if (flock(lock, LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = {};
    (void)!pread(lock, pid, sizeof pid - 1, 0);
    fail(o, fmt::format("a kernel is already running in {} (pid {})", paths.dir, std::atoi(pid)));
  }
  (void)!ftruncate(lock, 0);
  std::string pid = std::to_string(getpid()) + "\n";
  (void)!pwrite(lock, pid.data(), pid.size(), 0);

  std::string table_path = o.table.empty() ? default_table() : o.table;
  std::string err;
  ukern::ParsedTable table = ukern::load_syscall_table(table_path, &err);
  if (!err.empty()) fail(o, err);

  ukern::clock_init(o.time_scale);
  ukern::log_set_console(STDERR_FILENO, paths.log());
  ukern::syscall_table_init(table.rows);
  printk(KERN_INFO "ukern: booting pid %d, runtime dir %s, time scale %g\n", getpid(), paths.dir.c_str(),
         o.time_scale);
  printk(KERN_INFO "ukern: syscall table %s: %zu rows\n", table_path.c_str(), table.rows.size());
  for (const auto& w : table.warnings) printk(KERN_WARNING "ukern: %s\n", w.c_str());

  g_booted = true;  // from here a failure shuts down what did start
  if (!o.builtin_object.empty()) ukern::builtin_set_object(o.builtin_object);
  if (auto r = ukern::boot_subsystems(paths, &err); !r) fail(o, err);

  bool served = ukern::ctl_serve(paths.socket(), getuid(), [&] {
    printk(KERN_INFO "ukern: ready on %s\n", paths.socket().c_str());
    if (o.ready_fd >= 0) {
      (void)!write(o.ready_fd, "ready\n", 6);
      close(o.ready_fd);
    }
  }, &err);
  if (!served) fail(o, err);

  printk(KERN_INFO "ukern: shutting down (%s)\n", ukern::ctl_shutdown_reason().c_str());
  ukern::module_unload_all();
  ukern::shutdown_subsystems();
  printk(KERN_INFO "ukern: halted\n");
  ukern::log_flush_console();
  // Entry threads of still-running programs are detached: leave without
  // running destructors under them. Their calls now get ENOSYS.
  std::fflush(nullptr);
  std::_Exit(0);
}
