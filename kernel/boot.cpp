#include "kernel/boot.h"

#include <algorithm>
#include <vector>

namespace ukern {
namespace {
struct Subsystem {
  const char* name;
  int order;
  SubsystemBoot boot;
  SubsystemShutdown shutdown;
};
std::vector<Subsystem>& subsystems() {
  static auto* v = new std::vector<Subsystem>;
  return *v;
}
std::vector<Subsystem> g_booted;
}  // namespace

void subsystem_register(const char* name, int order, SubsystemBoot boot, SubsystemShutdown shutdown) {
  subsystems().push_back({name, order, boot, shutdown});
}

Result<void> boot_subsystems(const RuntimePaths& paths, std::string* why) {
  auto all = subsystems();
  std::stable_sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.order < b.order; });
  for (auto& s : all) {
    if (s.boot) {
      if (auto r = s.boot(paths, why); !r) return r;
    }
    g_booted.push_back(s);
  }
  return {};
}

void shutdown_subsystems() {
  for (auto it = g_booted.rbegin(); it != g_booted.rend(); ++it)
    if (it->shutdown) it->shutdown();
  g_booted.clear();
}

}  // namespace ukern
