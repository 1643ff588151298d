#include "kernel/debug/sysctl.h"

#include <map>
#include <mutex>

#include "kernel/ctl/server.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

std::mutex& mu() {
  static std::mutex m;
  return m;
}
std::map<std::string, Sysctl>& table() {
  static std::map<std::string, Sysctl> t;
  return t;
}

// ukern sysctl                   list every tunable and its value
// ukern sysctl NAME              print one
// ukern sysctl NAME=VALUE ...    set (privileged)
int cmd_sysctl(CtlContext& c) {
  const auto& argv = c.argv();
  std::lock_guard g(mu());
  if (argv.size() <= 1) {
    for (auto& [name, s] : table()) c.outf("{} = {}\n", name, s.get());
    return 0;
  }
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    size_t eq = a.find('=');
    std::string name = a.substr(0, eq);
    auto it = table().find(name);
    if (it == table().end()) {
      c.errf("ukern: sysctl: unknown key '{}'\n", name);
      return 1;
    }
    if (eq == std::string::npos) {
      c.outf("{} = {}\n", name, it->second.get());
      continue;
    }
    if (!c.require_privileged()) return 1;
    long v;
    try {
      size_t used = 0;
      v = std::stol(a.substr(eq + 1), &used);
      if (used != a.size() - eq - 1) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      c.errf("ukern: sysctl: '{}' is not a number\n", a.substr(eq + 1));
      return 1;
    }
    if (!it->second.set(v)) {
      c.errf("ukern: sysctl: {}: value {} out of range\n", name, v);
      return 1;
    }
    printk(KERN_INFO "sysctl: %s = %ld\n", name.c_str(), v);
    c.outf("{} = {}\n", name, it->second.get());
  }
  return 0;
}

}  // namespace

void sysctl_register(const std::string& name, Sysctl s) {
  std::lock_guard g(mu());
  table()[name] = std::move(s);
}

UKERN_CTL_COMMAND("sysctl", cmd_sysctl);

}  // namespace ukern
