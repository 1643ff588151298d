#include "kernel/ctl/runtime_dir.h"

#include <limits.h>
#include <unistd.h>

#include <cstdlib>

namespace ukern {

std::string executable_dir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  buf[n] = '\0';
  std::string p(buf);
  return p.substr(0, p.find_last_of('/'));
}

std::string resolve_runtime_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("UKERN_RUNTIME_DIR"); env && *env) return env;
  if (geteuid() == 0) return "/run/ukern";
  if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg) return std::string(xdg) + "/ukern";
  return "/tmp/ukern-" + std::to_string(geteuid());
}

}  // namespace ukern
