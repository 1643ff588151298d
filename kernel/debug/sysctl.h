// Kernel tunables, set with `ukern sysctl NAME=VALUE` and listed by
// `ukern sysctl` (like /proc/sys/kernel/*).
#pragma once
#include <functional>
#include <string>

namespace ukern {
struct Sysctl {
  std::function<long()> get;
  /// Returns false (value rejected) when out of range.
  std::function<bool(long)> set;
  std::string help;
};
void sysctl_register(const std::string& name, Sysctl s);
}  // namespace ukern
