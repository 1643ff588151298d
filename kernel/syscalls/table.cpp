#include "kernel/syscalls/table.h"

#include "kernel/debug/kapi_check.h"

#include <array>
#include <memory>
#include <shared_mutex>

#include "kernel/module/module.h"
#include "kernel/sched/clock.h"
#include "kernel/syscalls/call_module.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

struct Row {
  TableRow def;
  bool shadows_host = false;
  // Stub pointer and owner change together under g_stub_lock (exclusive);
  // the wrapper reads them under it (shared) and takes a module reference
  // before letting go, so the owner cannot be unloaded mid-call.
  SyscallHandler handler = nullptr;
  Module* owner = nullptr;
  // The built-in object's wrapper and STUB_ pointer, once it is loaded.
  std::atomic<CSyscallEntry> c_entry{nullptr};
  std::atomic<void**> c_stub{nullptr};
  std::atomic<uint64_t> calls{0}, errors{0}, total_ns{0}, max_ns{0};
};

std::array<std::unique_ptr<Row>, kMaxSyscallNr + 1> g_rows;
std::shared_mutex g_stub_lock;
std::atomic<uint64_t> g_unknown{0};

Row* find_row(const std::string& name) {
  for (auto& r : g_rows)
    if (r && r->def.name == name) return r.get();
  return nullptr;
}

void record(Row& row, long ret, int64_t ns) {
  row.calls.fetch_add(1, std::memory_order_relaxed);
  if (ret < 0 && ret >= -4095) row.errors.fetch_add(1, std::memory_order_relaxed);
  row.total_ns.fetch_add(static_cast<uint64_t>(ns), std::memory_order_relaxed);
  uint64_t prev = row.max_ns.load(std::memory_order_relaxed);
  while (static_cast<uint64_t>(ns) > prev && !row.max_ns.compare_exchange_weak(prev, ns)) {
  }
}

}  // namespace

void syscall_table_init(const std::vector<TableRow>& rows) {
  for (const auto& def : rows) {
    auto r = std::make_unique<Row>();
    r->def = def;
    r->shadows_host = host_implements(def.nr);
    g_rows[static_cast<size_t>(def.nr)] = std::move(r);
  }
}

long syscall_dispatch(const SyscallArgs& args) {
  if (args.nr < 0 || args.nr > kMaxSyscallNr || !g_rows[static_cast<size_t>(args.nr)]) {
    g_unknown.fetch_add(1, std::memory_order_relaxed);
    return -ENOSYS;
  }
  Row& row = *g_rows[static_cast<size_t>(args.nr)];
  int64_t t0 = clock_now_ns();
  SyscallHandler h;
  Module* owner;
  {
    std::shared_lock g(g_stub_lock);
    h = row.handler;
    owner = row.owner;
    if (h == nullptr || (owner && !try_module_get(owner))) h = nullptr;
  }
  long ret = -ENOSYS;
  if (h) {
    ret = call_module_handler(owner, h, args);
    if (owner) module_put(owner);
  } else if (CSyscallEntry c = row.c_entry.load(std::memory_order_acquire)) {
    ret = c_stub_call(c, row.c_stub.load(std::memory_order_acquire), args);
  }
  // The kernel-internal restart codes (ERESTARTSYS .. ERESTART_RESTARTBLOCK)
  // never reach user space: an interrupted call reports EINTR.
  if (ret <= -512 && ret >= -516) ret = -EINTR;
  record(row, ret, clock_now_ns() - t0);
  return ret;
}

int syscall_stub_set(Module* owner, const char* name, SyscallHandler handler) {
  if (kapi_warn_if(name == nullptr, "syscall_stub_set", "NULL name")) return -EINVAL;
  // Copied before the lock: a wild name pointer faults here, lock-free.
  const std::string wanted(name);
  std::unique_lock g(g_stub_lock);
  Row* r = find_row(wanted);
  if (r == nullptr) {
    printk(KERN_ERR "syscall: no table row named '%s'\n", wanted.c_str());
    return -ENOENT;
  }
  if (r->handler && r->owner != owner) return -EBUSY;
  r->handler = handler;
  r->owner = owner;
  return 0;
}

void syscall_stub_clear(Module* owner, const char* name) {
  if (kapi_warn_if(name == nullptr, "syscall_stub_clear", "NULL name")) return;
  const std::string wanted(name);
  std::unique_lock g(g_stub_lock);
  if (Row* r = find_row(wanted); r && r->owner == owner) {
    r->handler = nullptr;
    r->owner = nullptr;
  }
}

std::vector<std::string> syscall_stubs_clear_all(Module* owner) {
  std::unique_lock g(g_stub_lock);
  std::vector<std::string> names;
  for (auto& r : g_rows) {
    if (r && r->owner == owner && r->handler) {
      names.push_back(r->def.name);
      r->handler = nullptr;
      r->owner = nullptr;
    }
  }
  return names;
}

std::vector<int> syscall_numbers() {
  std::vector<int> out;
  for (auto& r : g_rows)
    if (r) out.push_back(r->def.nr);
  return out;
}

std::vector<SyscallStats> syscall_stats() {
  std::shared_lock g(g_stub_lock);
  std::vector<SyscallStats> out;
  for (auto& r : g_rows) {
    if (!r) continue;
    std::string mod = r->owner ? module_name(r->owner) : (r->handler ? "kernel" : "");
    if (void** stub = r->c_stub.load(); mod.empty() && stub) {
      // A C stub: the module it points into, or the kernel's own code.
      if (void* fn = __atomic_load_n(stub, __ATOMIC_ACQUIRE)) {
        mod = module_name_at(fn);
        if (mod.empty()) mod = "kernel";
      }
    }
    out.push_back({r->def.name, r->def.nr, mod,
                   r->calls.load(), r->errors.load(), r->total_ns.load(), r->max_ns.load(), r->shadows_host});
  }
  return out;
}

uint64_t syscall_unknown_calls() { return g_unknown.load(); }

std::vector<TableRow> syscall_table_rows() {
  std::vector<TableRow> out;
  for (auto& r : g_rows)
    if (r) out.push_back(r->def);
  return out;
}

void syscall_table_bind_c(int nr, CSyscallEntry entry, void** stub) {
  if (nr < 0 || nr > kMaxSyscallNr || !g_rows[static_cast<size_t>(nr)]) return;
  Row& row = *g_rows[static_cast<size_t>(nr)];
  row.c_stub.store(stub, std::memory_order_release);
  row.c_entry.store(entry, std::memory_order_release);
}

}  // namespace ukern
