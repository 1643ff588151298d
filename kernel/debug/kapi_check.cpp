#include "kernel/debug/kapi_check.h"

#include "kernel/debug/guard.h"
#include "ukern/printk.h"

namespace ukern {

bool kapi_warn_if(bool bad, const char* api, const char* what) {
  if (!bad) return false;
  printk_ratelimited(KERN_WARNING "WARNING: %s: %s (from module %s); refused\n", api, what,
                     module_name(current_module()));
  return true;
}

}  // namespace ukern
