#include "kernel/ctl/runtime_dir.h"

#include <unistd.h>

#include <cstdlib>

namespace ukern {

std::string resolve_runtime_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("UKERN_RUNTIME_DIR"); env && *env) return env;
  if (geteuid() == 0) return "/run/ukern";
  if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg) return std::string(xdg) + "/ukern";
  return "/tmp/ukern-" + std::to_string(geteuid());
}

}  // namespace ukern
