// Loaded modules (kernel-internal): state, reference counts, the registry.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ukern/module.h"
#include "ukern/result.h"

namespace ukern {

enum class ModuleState { Coming, Live, Going };

class Module {
 public:
  struct Param {
    std::string name;
    void* where;
    ParamKind kind;
    unsigned perm;
  };

  std::string name;
  std::string path;
  std::map<std::string, std::string> info;  // license, description, author, parm:NAME
  void* handle = nullptr;
  size_t size = 0;
  int (*init)() = nullptr;
  void (*exit)() = nullptr;
  std::vector<Param> params;
  std::map<std::string, void*> exports;
  std::vector<std::unique_ptr<std::string>> charp_storage;  // backing for charp params

  std::atomic<ModuleState> state{ModuleState::Coming};
  /// System calls running in this module right now.
  std::atomic<long> inflight{0};
  /// Modules holding symbols of this one (symbol_get), by user name; under the registry lock.
  std::map<std::string, int> holders;
  /// Why the module taints the kernel at load ("" when it does not): a missing
  /// or proprietary license. Set before the module is live.
  std::string taint;
  /// Set when code of this module oopsed (lock-free: the fault path may not wait).
  std::atomic<bool> oopsed{false};
  /// Its exit function ran, but C calls that may run its code were still in
  /// flight at rmmod's timeout: the code stays mapped until a later rmmod.
  bool exit_ran = false;
};

/// Takes a call reference; false when the module is not live (being loaded
/// or unloaded). Lock-free.
bool try_module_get(Module* m);
void module_put(Module* m);

enum class ModuleEvent { Live, Going, Gone };
/// Called for every module when it becomes live, when its exit is about to
/// run, and after its exit ran (before its code is unmapped). procfs, kthreads
/// and the allocator use it to clean up after a module.
using ModuleNotifier = std::function<void(Module&, ModuleEvent)>;
void module_notifier_add(ModuleNotifier fn);

struct ModuleSummary {
  std::string name;
  size_t size;
  long users;
  std::vector<std::string> used_by;
  std::string state;
  std::string taint;
  std::string description;
};

/// Loads the shared object at `path`, applies `key=value` params, runs init.
/// Errors (with `*why` set): ENOENT missing file, ENOEXEC not a module,
/// EEXIST already loaded, EINVAL bad parameter, or init's own error.
Result<void> module_load(const std::string& path, const std::vector<std::string>& params, std::string* why);
/// Unloads `name`: refuses new calls, waits up to `timeout` for calls in flight,
/// runs exit. ENOENT unknown, EBUSY still in use or being unloaded (the
/// module stays live). The wait does not hold the registry lock.
Result<void> module_unload(const std::string& name, std::chrono::milliseconds timeout, std::string* why);
/// The registry's name for `name`: '-' and '_' are alike, as in Linux
/// (`rmmod my-mod` unloads my_mod).
std::string module_canonical_name(std::string name);
/// Unloads every module, newest first (kernel shutdown).
void module_unload_all();
std::vector<ModuleSummary> module_list();
/// Runs `fn` on the module named `name` under the registry lock; false if none.
bool module_with(const std::string& name, const std::function<void(Module&)>& fn);
/// Space-separated names, as "Modules linked in:" prints them.
std::string module_names_linked();
/// The module whose code contains `addr`, or nullptr (for oops reports).
Module* module_containing(const void* addr);
/// The module whose mapped segments (code or data) contain `addr`, or
/// nullptr. Known from dlopen until the code is unmapped, so also while the
/// module loads and unloads; the Module stays valid only as long as the
/// caller keeps it from being unmapped (a reference, or a C call in flight,
/// see kernel/syscalls/c_stubs.h). Never blocks on insmod or rmmod.
Module* module_of_code(const void* addr);
/// The name of the module whose segments contain `addr` ("" if none); safe
/// without a reference.
std::string module_name_at(const void* addr);
/// True when `addr` lies in `m`'s mapped segments.
bool module_contains(const Module* m, const void* addr);

}  // namespace ukern
