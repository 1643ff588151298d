#include "kernel/debug/guard.h"

namespace ukern {
namespace {
thread_local Module* t_module = nullptr;
}

long run_module_code(Module* owner, const char*, long (*fn)(void*), void* arg, long) {
  Module* prev = t_module;
  t_module = owner;
  long r = fn(arg);
  t_module = prev;
  return r;
}

Module* current_module() { return t_module; }

}  // namespace ukern
