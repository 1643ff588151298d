#include "kernel/kbuild/compiler.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "kernel/ctl/runtime_dir.h"

extern char** environ;

namespace ukern::kbuild {
namespace {

bool has_module_h(const std::string& dir) { return access((dir + "/linux/module.h").c_str(), R_OK) == 0; }

// gcc's own header directory (stddef.h, stdarg.h, stdbool.h): the only
// system headers a kernel compile sees, as with Kbuild's
// `-nostdinc -isystem $(gcc -print-file-name=include)`.
std::string gcc_include_dir() {
  static const std::string dir = [] {
    CommandResult r = run_command({c_compiler(), "-print-file-name=include"});
    std::string d = r.output;
    while (!d.empty() && (d.back() == '\n' || d.back() == '\r')) d.pop_back();
    return r.status == 0 ? d : std::string();
  }();
  return dir;
}

}  // namespace

std::string compat_include_dir() {
  if (const char* env = std::getenv("UKERN_COMPAT_INCLUDE"); env && *env) return env;
  for (const std::string& d : {executable_dir() + "/../share/ukern/include/compat", std::string(UKERN_COMPAT_INCLUDE)})
    if (has_module_h(d)) return d;
  // No module.h yet: still the source tree's include dir, so that a file
  // that needs only <linux/linkage.h> or <linux/syscalls.h> compiles.
  return UKERN_COMPAT_INCLUDE;
}

std::string c_compiler() {
  if (const char* cc = std::getenv("CC"); cc && *cc) return cc;
  return "gcc";
}

std::vector<std::string> kernel_cflags(const std::string& modname, const std::string& basename, bool module) {
  std::vector<std::string> f = {
      "-std=gnu11", "-O2", "-g", "-fPIC", "-fno-common", "-fno-strict-aliasing", "-fno-omit-frame-pointer",
      "-fno-stack-protector", "-fdiagnostics-color=never",
      // Linux's own warning set (top-level Makefile of 6.x).
      "-Wall", "-Wundef", "-Werror=implicit-function-declaration", "-Werror=implicit-int",
      "-Werror=return-type", "-Werror=strict-prototypes", "-Werror=incompatible-pointer-types",
      "-Werror=designated-init", "-Wno-format-security", "-Wno-trigraphs", "-Wno-pointer-sign",
      "-Wdeclaration-after-statement", "-Wvla", "-Wno-unused-but-set-variable", "-Wno-unused-const-variable",
      "-D__KERNEL__", "-D__UKERN__"};
  if (module) f.push_back("-DMODULE");
  f.push_back("-DKBUILD_MODNAME=\"" + modname + "\"");
  f.push_back("-DKBUILD_BASENAME=\"" + basename + "\"");
  f.push_back("-nostdinc");
  if (std::string g = gcc_include_dir(); !g.empty()) f.insert(f.end(), {"-isystem", g});
  f.insert(f.end(), {"-I", compat_include_dir()});
  return f;
}

std::vector<std::string> kernel_ldflags() {
  // A module's own definitions come first (-Bsymbolic), as in a Linux
  // module; undefined names are resolved by the kernel at insmod.
  return {"-shared", "-nostdlib", "-Wl,-Bsymbolic", "-Wl,-z,now", "-Wl,--build-id"};
}

bool is_c_identifier(const std::string& s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

CommandResult run_command(const std::vector<std::string>& argv, const std::string& cwd) {
  CommandResult res;
  int p[2];
  if (argv.empty() || pipe2(p, O_CLOEXEC) != 0) return res;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, p[1], 1);
  posix_spawn_file_actions_adddup2(&fa, p[1], 2);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  // The child gets default signal dispositions and an empty mask (ukernd
  // blocks some signals in its threads).
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  // A parent make's jobserver settings would make a child make wait on
  // pipes it does not have.
  std::vector<char*> env;
  for (char** e = environ; *e; ++e) {
    std::string_view v(*e);
    if (v.starts_with("MAKEFLAGS=") || v.starts_with("MFLAGS=") || v.starts_with("MAKELEVEL=") ||
        v.starts_with("MAKEFILES="))
      continue;
    env.push_back(*e);
  }
  env.push_back(nullptr);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawnp(&pid, args[0], &fa, &attr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  close(p[1]);
  if (rc != 0) {
    close(p[0]);
    res.output = argv[0] + ": " + std::strerror(rc) + "\n";
    return res;
  }
  char buf[4096];
  for (;;) {
    ssize_t n = read(p[0], buf, sizeof buf);
    if (n > 0) res.output.append(buf, static_cast<size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  close(p[0]);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  res.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return res;
}

}  // namespace ukern::kbuild
