// Oops bookkeeping: how many, and the last report (for tests and sysrq).
#pragma once
#include <string>

namespace ukern {
/// Oopses since boot.
int oops_count();
/// Keeps `report` as the last oops.
void oops_record(const std::string& report);
std::string oops_last();
}  // namespace ukern
