#include "kernel/debug/oops.h"

#include <mutex>

namespace ukern {
namespace {
std::mutex g_mu;
std::string g_last;
}  // namespace

void oops_record(const std::string& report) {
  std::lock_guard g(g_mu);
  g_last = report;
}

std::string oops_last() {
  std::lock_guard g(g_mu);
  return g_last;
}
}  // namespace ukern
