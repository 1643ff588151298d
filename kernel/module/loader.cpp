// insmod / rmmod: opening a module's shared object, running its init and
// exit, and the registry of live modules.
#include <dlfcn.h>
#include <link.h>
#include <sys/stat.h>

#include <elf.h>

#include <algorithm>
#include <condition_variable>
#include <fstream>
#include <list>
#include <shared_mutex>
#include <thread>

#include <fmt/format.h>

#include "kernel/debug/guard.h"
#include "kernel/module/module.h"
#include "kernel/module/params.h"
#include "kernel/syscalls/builtin.h"
#include "kernel/syscalls/c_stubs.h"
#include "kernel/syscalls/table.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

// Serialises insmod and rmmod; guards the list and every module's holders.
std::recursive_mutex g_registry_lock;
std::list<std::unique_ptr<Module>> g_modules;  // load order
// Modules dropped while calls were still running their code (shutdown, a
// failed init): never unmapped nor freed.
std::vector<std::unique_ptr<Module>> g_abandoned;
// Wakes rmmod when a call reference is dropped on a going module.
std::mutex g_put_mu;
std::condition_variable g_put_cv;
std::vector<ModuleNotifier> g_notifiers;

// The module whose shared object is being opened: the registrars that run in
// its static constructors record into it. Only set under g_registry_lock.
Module* g_loading = nullptr;

void notify(Module& m, ModuleEvent e) {
  for (auto& fn : g_notifiers) fn(m, e);
}

std::string name_from_path(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  // NAME.so (C++ modules) or NAME.ko (C modules, as Kbuild names them).
  if (base.size() > 3 && (base.ends_with(".so") || base.ends_with(".ko"))) base.resize(base.size() - 3);
  std::replace(base.begin(), base.end(), '-', '_');
  return base;
}

size_t mapped_size(void* handle) {
  link_map* lm = nullptr;
  if (dlinfo(handle, RTLD_DI_LINKMAP, &lm) != 0 || lm == nullptr) return 0;
  struct Ctx {
    ElfW(Addr) base;
    size_t size;
  } ctx{lm->l_addr, 0};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* p) {
        auto* c = static_cast<Ctx*>(p);
        if (info->dlpi_addr != c->base) return 0;
        for (int i = 0; i < info->dlpi_phnum; ++i)
          if (info->dlpi_phdr[i].p_type == PT_LOAD) c->size += info->dlpi_phdr[i].p_memsz;
        return 1;
      },
      &ctx);
  return ctx.size;
}

Module* find_locked(const std::string& name) {
  for (auto& m : g_modules)
    if (m->name == name) return m.get();
  return nullptr;
}

// The mapped segments of every module, from dlopen until dlclose, for
// module_of_code (called on every C system call: a lock of its own, never
// held across insmod or rmmod).
struct CodeRange {
  uintptr_t start, end;
  Module* module;
};
std::shared_mutex g_ranges_mu;
std::vector<CodeRange> g_ranges;

void ranges_add(Module& m) {
  link_map* lm = nullptr;
  if (dlinfo(m.handle, RTLD_DI_LINKMAP, &lm) != 0 || lm == nullptr) return;
  struct Ctx {
    ElfW(Addr) base;
    Module* m;
    std::vector<CodeRange> found;
  } ctx{lm->l_addr, &m, {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* p) {
        auto* c = static_cast<Ctx*>(p);
        if (info->dlpi_addr != c->base) return 0;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const auto& ph = info->dlpi_phdr[i];
          if (ph.p_type == PT_LOAD) c->found.push_back({c->base + ph.p_vaddr, c->base + ph.p_vaddr + ph.p_memsz, c->m});
        }
        return 1;
      },
      &ctx);
  std::unique_lock g(g_ranges_mu);
  g_ranges.insert(g_ranges.end(), ctx.found.begin(), ctx.found.end());
}

void ranges_remove(Module& m) {
  std::unique_lock g(g_ranges_mu);
  std::erase_if(g_ranges, [&](const CodeRange& r) { return r.module == &m; });
}

// After the exit function (or a failed init): what the module left behind.
void module_gone(Module& m) {
  notify(m, ModuleEvent::Gone);
  for (const auto& stub : syscall_stubs_clear_all(&m))
    printk(KERN_WARNING "%s: exit left the stub of '%s' set; cleared\n", m.name.c_str(), stub.c_str());
  for (const auto& stub : c_stubs_clear_pointing_into(&m))
    printk(KERN_WARNING "%s: exit left %s pointing into the module; cleared\n", m.name.c_str(), stub.c_str());
}

// Waits for C calls that may still run the module's code, then unmaps it and
// forgets it. False (nothing done) when they did not finish within `timeout`.
bool module_release(std::list<std::unique_ptr<Module>>::iterator it, std::chrono::milliseconds timeout) {
  Module& m = **it;
  if (!c_calls_synchronize(&m, timeout)) return false;
  for (auto& other : g_modules) other->holders.erase(m.name);
  ranges_remove(m);
  void* h = m.handle;
  g_modules.erase(it);
  if (h) dlclose(h);
  return true;
}

// Unmaps a module that must go now (failed init, shutdown): if C calls are
// still in flight after `timeout`, its code stays mapped for good.
void drop_module(std::list<std::unique_ptr<Module>>::iterator it, std::chrono::milliseconds timeout) {
  Module& m = **it;
  if (!m.exit_ran) module_gone(m);
  if (module_release(it, timeout)) return;
  printk(KERN_ERR "%s: system calls still in flight; its code stays mapped\n", m.name.c_str());
  for (auto& other : g_modules) other->holders.erase(m.name);
  // Those calls may still use the Module (module_put): it is kept too.
  g_abandoned.push_back(std::move(*it));
  g_modules.erase(it);
}

// ET_REL: an object built for a real Linux kernel (insmod there links it).
bool is_relocatable_elf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Elf64_Ehdr eh{};
  if (!in.read(reinterpret_cast<char*>(&eh), sizeof eh)) return false;
  return std::memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_type == ET_REL;
}

}  // namespace

namespace detail {
void modinfo_record(const char* key, const char* value) {
  if (g_loading) g_loading->info[key] = value;
}
void modinfo_set_init(int (*fn)()) {
  if (g_loading) g_loading->init = fn;
}
void modinfo_set_exit(void (*fn)()) {
  if (g_loading) g_loading->exit = fn;
}
void modinfo_add_param(const char* name, void* where, ParamKind kind, unsigned perm) {
  if (g_loading) g_loading->params.push_back({name, where, kind, perm});
}
void modinfo_add_export(const char* name, void* where) {
  if (g_loading) g_loading->exports[name] = where;
}
}  // namespace detail

const char* module_name(const Module* m) { return m ? m->name.c_str() : "kernel"; }

bool try_module_get(Module* m) {
  m->inflight.fetch_add(1);
  if (m->state.load() != ModuleState::Live) {
    module_put(m);
    return false;
  }
  return true;
}

void module_put(Module* m) {
  // Never touch `m` after the decrement: once inflight is 0, a waiting rmmod
  // may free it. So wake rmmod whenever the count reaches 0 (cheap when
  // nobody waits), without looking at the state.
  if (m->inflight.fetch_sub(1) == 1) {
    std::lock_guard g(g_put_mu);
    g_put_cv.notify_all();
  }
}

void module_notifier_add(ModuleNotifier fn) {
  std::lock_guard g(g_registry_lock);
  g_notifiers.push_back(std::move(fn));
}

Result<void> module_load(const std::string& path, const std::vector<std::string>& params, std::string* why) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    *why = fmt::format("{}: no such module file", path);
    return Error{ENOENT};
  }
  std::lock_guard g(g_registry_lock);
  auto mod = std::make_unique<Module>();
  mod->name = name_from_path(path);
  mod->path = path;
  if (find_locked(mod->name)) {
    *why = fmt::format("module '{}' is already loaded", mod->name);
    return Error{EEXIST};
  }
  if (is_relocatable_elf(path)) {
    *why = fmt::format("{}: a module built for a real Linux kernel (a relocatable object); "
                       "build its directory for ukern with 'ukern kbuild'", path);
    return Error{ENOEXEC};
  }
  // A C module (.ko from `ukern kbuild`) links against the STUB_ pointers of
  // the built-in wrappers: load them first.
  if (path.ends_with(".ko")) {
    if (auto r = builtin_ensure_loaded(why); !r) return r;
  }
  g_loading = mod.get();
  void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  g_loading = nullptr;
  if (h == nullptr) {
    *why = fmt::format("{}: not a loadable module: {}", path, dlerror());
    return Error{ENOEXEC};
  }
  mod->handle = h;
  auto* self = static_cast<Module**>(dlsym(h, "__ukern_this_module"));
  if (self == nullptr || mod->init == nullptr) {
    dlclose(h);
    *why = fmt::format("{}: not a ukern module (no module_init)", path);
    return Error{ENOEXEC};
  }
  if (*self != nullptr) {
    dlclose(h);
    *why = fmt::format("{}: the image of a previous load is still mapped", path);
    return Error{EEXIST};
  }
  *self = mod.get();
  mod->size = mapped_size(h);
  if (auto lic = mod->info.find("license"); lic == mod->info.end()) {
    mod->taint = "no license";
    printk(KERN_WARNING "%s: module license unspecified taints kernel.\n", mod->name.c_str());
  } else if (lic->second.find("GPL") == std::string::npos && lic->second != "Dual MIT/GPL" &&
             lic->second != "MIT") {
    mod->taint = "proprietary";
    printk(KERN_WARNING "%s: module license '%s' taints kernel.\n", mod->name.c_str(), lic->second.c_str());
  }
  for (const auto& kv : params) {
    if (auto r = param_apply(*mod, kv, why); !r) {
      *self = nullptr;
      dlclose(h);
      return r;
    }
  }
  Module* m = mod.get();
  ranges_add(*m);
  g_modules.push_back(std::move(mod));
  // Stubs may be set during init, but calls only enter once the module is live.
  int rc = static_cast<int>(run_module_code(m, "init", [m] { return static_cast<long>(m->init()); }, -EFAULT));
  if (rc != 0) {
    *why = fmt::format("{}: init failed: {}", m->name, strerror(rc < 0 ? -rc : rc));
    m->state = ModuleState::Going;
    drop_module(std::prev(g_modules.end()), std::chrono::milliseconds(5000));
    return Error{rc < 0 ? -rc : rc};
  }
  m->state = ModuleState::Live;
  notify(*m, ModuleEvent::Live);
  return {};
}

std::string module_canonical_name(std::string name) {
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// The last step of rmmod, after the exit function: the grace period over C
// calls that may still run the module's code (waited for without the registry
// lock), then the unmap. On timeout the module stays listed (Unloading, its
// exit done) and a later rmmod comes back here.
static Result<void> finish_unload(Module* m, std::chrono::milliseconds timeout, std::string* why) {
  std::string name = m->name;
  bool quiet = c_calls_synchronize(m, timeout);
  std::lock_guard g(g_registry_lock);
  auto it = std::find_if(g_modules.begin(), g_modules.end(), [&](auto& p) { return p.get() == m; });
  if (it == g_modules.end()) return {};  // another rmmod finished it meanwhile
  if (quiet && module_release(it, std::chrono::milliseconds(0))) return {};
  *why = fmt::format("module '{}' ran its exit, but C system calls that may be running its code are still in "
                     "flight; its code stays loaded until they return (rmmod it again)", name);
  return Error{EBUSY};
}

Result<void> module_unload(const std::string& requested, std::chrono::milliseconds timeout, std::string* why) {
  const std::string name = module_canonical_name(requested);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto left = [&] {
    return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(
                                                       deadline - std::chrono::steady_clock::now()));
  };
  Module* m = nullptr;
  {
    std::lock_guard g(g_registry_lock);
    m = find_locked(name);
    if (m == nullptr) {
      *why = fmt::format("module '{}' is not loaded", name);
      return Error{ENOENT};
    }
    if (m->exit_ran) {
      // A previous rmmod ran the exit but timed out in the grace period.
    } else if (m->state != ModuleState::Live) {
      *why = fmt::format("module '{}' is {}", name, m->state == ModuleState::Going ? "being unloaded" : "loading");
      return Error{EBUSY};
    } else if (!m->holders.empty()) {
      std::string users;
      for (auto& [u, n] : m->holders) users += (users.empty() ? "" : ",") + u;
      *why = fmt::format("module '{}' is in use by {}", name, users);
      return Error{EBUSY};
    } else {
      m->state = ModuleState::Going;  // new calls now get ENOSYS; symbol_get skips it
    }
  }
  if (m->exit_ran) return finish_unload(m, left(), why);
  // Wait for the calls in flight without the registry lock: one of them may
  // need it to finish (symbol_get, an oops report, lsmod). A Going module
  // stays in the list: another rmmod gets EBUSY, insmod of it EEXIST.
  bool drained;
  {
    std::unique_lock pg(g_put_mu);
    drained = g_put_cv.wait_for(pg, timeout, [&] { return m->inflight.load() == 0; });
  }
  {
    std::lock_guard g(g_registry_lock);
    if (!drained) {
      m->state = ModuleState::Live;
      *why = fmt::format("module '{}' still has {} call(s) in flight", name, m->inflight.load());
      return Error{EBUSY};
    }
    notify(*m, ModuleEvent::Going);
    if (m->exit) (void)run_module_code(m, "exit", [m] { m->exit(); return 0L; }, -EFAULT);
    m->exit_ran = true;
    module_gone(*m);
  }
  return finish_unload(m, left(), why);
}

void module_unload_all() {
  for (;;) {
    std::string name;
    {
      std::lock_guard g(g_registry_lock);
      if (g_modules.empty()) return;
      name = g_modules.back()->name;
    }
    std::string why;
    if (module_unload(name, std::chrono::milliseconds(2000), &why)) continue;
    printk(KERN_ERR "shutdown: %s\n", why.c_str());
    std::lock_guard g(g_registry_lock);
    auto it = std::find_if(g_modules.begin(), g_modules.end(), [&](auto& p) { return p->name == name; });
    if (it == g_modules.end()) continue;
    (*it)->holders.clear();
    (*it)->state = ModuleState::Going;
    drop_module(it, std::chrono::milliseconds(1000));
  }
}

std::vector<ModuleSummary> module_list() {
  std::lock_guard g(g_registry_lock);
  std::vector<ModuleSummary> out;
  for (auto& m : g_modules) {
    std::string taint = m->oopsed ? (m->taint.empty() ? "oops" : m->taint + ", oops") : m->taint;
    ModuleSummary s{m->name, m->size, m->inflight.load(), {}, "Live", taint, ""};
    for (auto& [u, n] : m->holders) {
      s.users += n;
      s.used_by.push_back(u);
    }
    if (m->state == ModuleState::Coming) s.state = "Loading";
    if (m->state == ModuleState::Going) s.state = "Unloading";
    if (auto d = m->info.find("description"); d != m->info.end()) s.description = d->second;
    out.push_back(std::move(s));
  }
  return out;
}

bool module_with(const std::string& name, const std::function<void(Module&)>& fn) {
  std::lock_guard g(g_registry_lock);
  Module* m = find_locked(module_canonical_name(name));
  if (m) fn(*m);
  return m != nullptr;
}

std::string module_names_linked() {
  std::lock_guard g(g_registry_lock);
  std::string s;
  // Linux's taint letters: (O) out of tree/unlicensed, (D) died (oopsed).
  for (auto& m : g_modules) {
    std::string flags = std::string(m->taint.empty() ? "" : "O") + (m->oopsed ? "D" : "");
    s += (s.empty() ? "" : " ") + m->name + (flags.empty() ? "" : "(" + flags + ")");
  }
  return s;
}

Module* module_containing(const void* addr) {
  Dl_info info;
  if (dladdr(addr, &info) == 0 || info.dli_fbase == nullptr) return nullptr;
  std::unique_lock g(g_registry_lock, std::try_to_lock);  // may be called from a fault path
  if (!g.owns_lock()) return nullptr;
  for (auto& m : g_modules) {
    link_map* lm = nullptr;
    if (dlinfo(m->handle, RTLD_DI_LINKMAP, &lm) == 0 && lm &&
        reinterpret_cast<void*>(lm->l_addr) == info.dli_fbase)
      return m.get();
  }
  return nullptr;
}

Module* module_of_code(const void* addr) {
  auto a = reinterpret_cast<uintptr_t>(addr);
  std::shared_lock g(g_ranges_mu);
  for (const auto& r : g_ranges)
    if (a >= r.start && a < r.end) return r.module;
  return nullptr;
}

bool module_contains(const Module* m, const void* addr) { return module_of_code(addr) == m; }

std::string module_name_at(const void* addr) {
  auto a = reinterpret_cast<uintptr_t>(addr);
  std::shared_lock g(g_ranges_mu);  // a Module is freed only after its ranges are removed
  for (const auto& r : g_ranges)
    if (a >= r.start && a < r.end) return r.module->name;
  return "";
}

void* symbol_get_from(Module* user, const char* name) {
  std::lock_guard g(g_registry_lock);
  for (auto& m : g_modules) {
    auto e = m->exports.find(name);
    if (e == m->exports.end() || m.get() == user || m->state == ModuleState::Going) continue;
    m->holders[user ? user->name : "kernel"]++;
    return e->second;
  }
  return nullptr;
}

void symbol_put_from(Module* user, const char* name) {
  std::lock_guard g(g_registry_lock);
  std::string uname = user ? user->name : "kernel";
  for (auto& m : g_modules) {
    if (m->exports.count(name) == 0) continue;
    auto h = m->holders.find(uname);
    if (h != m->holders.end() && --h->second == 0) m->holders.erase(h);
    return;
  }
}

}  // namespace ukern
