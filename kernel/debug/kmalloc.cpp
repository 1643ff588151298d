// kmalloc accounting: a table of live blocks (address -> size, owner, where
// allocated) and per-owner counters. Leaks are reported when their module
// unloads; bad frees are reported and ignored.
#include "kernel/debug/kmalloc.h"
#include "kernel/debug/sysrq.h"

#include <execinfo.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>

#include "kernel/debug/guard.h"
#include "kernel/debug/symbolize.h"
#include "kernel/entry/task.h"
#include "kernel/module/module.h"
#include "kernel/procfs/builtin.h"
#include "ukern/seq_file.h"
#include "kernel/sched/clock.h"
#include "ukern/printk.h"
#include "ukern/slab.h"

namespace ukern {
namespace {

constexpr int kTraceDepth = 10;

struct Block {
  size_t size;
  std::string owner;
  std::string comm;
  pid_t pid;
  int64_t when_ns;
  void* trace[kTraceDepth];
  int depth;
};

struct Counters {
  uint64_t live_objects = 0, live_bytes = 0, allocs = 0, frees = 0, peak_bytes = 0;
};

struct Accounting {
  std::mutex mu;
  std::unordered_map<const void*, Block> blocks;
  std::map<std::string, Counters> by_owner;
};

Accounting& acct() {
  static auto* a = new Accounting;
  return *a;
}

std::string owner_name() {
  Module* m = current_module();
  return m ? m->name : "kernel";
}

__attribute__((noinline)) void* track(void* p, size_t size) {
  if (p == nullptr) return nullptr;
  Block b{size, owner_name(), current().comm(), current().tid(), clock_now_ns(), {}, 0};
  // The allocator's own frames are dropped when the trace is printed.
  b.depth = backtrace(b.trace, kTraceDepth);
  Accounting& a = acct();
  std::lock_guard g(a.mu);
  Counters& c = a.by_owner[b.owner];
  c.live_objects++;
  c.live_bytes += size;
  c.allocs++;
  if (c.live_bytes > c.peak_bytes) c.peak_bytes = c.live_bytes;
  a.blocks[p] = std::move(b);
  return p;
}

// Removes `p` from the table; false (and a report) if it is not there.
bool untrack(const void* p, const char* who) {
  Accounting& a = acct();
  {
    std::lock_guard g(a.mu);
    auto it = a.blocks.find(p);
    if (it != a.blocks.end()) {
      Counters& c = a.by_owner[it->second.owner];
      c.live_objects--;
      c.live_bytes -= it->second.size;
      c.frees++;
      a.blocks.erase(it);
      return true;
    }
  }
  std::string trace;
  for (const auto& f : stack_trace(1)) trace += "  " + f + "\n";
  printk(KERN_ERR "BUG: %s of %p: not allocated by kmalloc, or already freed (double free)\n"
                  "CPU: 0 PID: %d Comm: %s Module: %s\nCall Trace:\n%s",
         who, p, current().tid(), current().comm().c_str(), owner_name().c_str(), trace.c_str());
  return false;
}

// At unload: report what the module still holds, as kmemleak would, and
// keep it accounted to "unloaded:NAME".
void report_leaks(Module& m) {
  Accounting& a = acct();
  std::vector<std::pair<const void*, Block>> leaked;
  {
    std::lock_guard g(a.mu);
    for (auto& [p, b] : a.blocks)
      if (b.owner == m.name) leaked.emplace_back(p, b);
    if (leaked.empty()) {
      a.by_owner.erase(m.name);
      return;
    }
    std::string gone = "unloaded:" + m.name;
    Counters& from = a.by_owner[m.name];
    Counters& to = a.by_owner[gone];
    for (auto& [p, b] : leaked) {
      a.blocks[p].owner = gone;
      to.live_objects++;
      to.live_bytes += b.size;
    }
    to.allocs += from.allocs;
    to.frees += from.frees;
    to.peak_bytes = std::max(to.peak_bytes, from.peak_bytes);
    a.by_owner.erase(m.name);
  }
  uint64_t bytes = 0;
  for (auto& [p, b] : leaked) bytes += b.size;
  std::string report = fmt::format("kmemleak: {} unreferenced object(s) ({} bytes) from module {} at unload\n",
                                   leaked.size(), bytes, m.name);
  for (auto& [p, b] : leaked) {
    report += fmt::format("unreferenced object {} (size {}):\n  comm \"{}\", pid {}, jiffies-ns {}\n  backtrace:\n",
                          p, b.size, b.comm, b.pid, b.when_ns);
    // The module's code is still mapped here (the Gone event precedes dlclose).
    bool in_allocator = true;
    for (int i = 0; i < b.depth; ++i) {
      std::string f = symbolize(b.trace[i]);
      if (in_allocator && (f.starts_with("k") || f.starts_with("backtrace") || f.starts_with("ukern_c_k") || f.starts_with("ukern_c_v") ||
                           f.find("::track") != std::string::npos))
        continue;  // the allocator, its C face (kernel/compat), TSan's backtrace interceptor
      in_allocator = false;
      report += "    " + f + "\n";
      if (f.find("run_module_code") != std::string::npos) break;
    }
  }
  printk(KERN_ERR "%s", report.c_str());
}

[[maybe_unused]] const bool g_registered = [] {
  module_notifier_add([](Module& m, ModuleEvent e) {
    if (e == ModuleEvent::Gone) report_leaks(m);
  });
  procfs_set_builtin_renderer("meminfo", [](seq_file& m) { seq_puts(&m, meminfo_report().c_str()); });
  return true;
}();

}  // namespace

std::vector<ModuleMemory> kmalloc_stats() {
  Accounting& a = acct();
  std::lock_guard g(a.mu);
  std::vector<ModuleMemory> out;
  for (auto& [name, c] : a.by_owner) {
    ModuleMemory m{name, c.live_objects, c.live_bytes, c.allocs, c.frees, c.peak_bytes};
    if (name == "kernel") out.insert(out.begin(), m);
    else out.push_back(m);
  }
  return out;
}

// `ukern sysrq m` (overrides the weak placeholder in sysrq.cpp).
std::string sysrq_memory_report() { return meminfo_report(); }

std::string meminfo_report() {
  std::string s = fmt::format("{:<28}{:>10}{:>12}{:>10}{:>10}{:>12}\n", "Owner", "Objects", "Bytes", "Allocs",
                              "Frees", "Peak");
  uint64_t total = 0;
  for (const auto& m : kmalloc_stats()) {
    s += fmt::format("{:<28}{:>10}{:>12}{:>10}{:>10}{:>12}\n", m.owner, m.live_objects, m.live_bytes, m.allocs,
                     m.frees, m.peak_bytes);
    total += m.live_bytes;
  }
  s += fmt::format("kmalloc total: {} kB\n", (total + 1023) / 1024);
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0 || line.rfind("Threads:", 0) == 0) s += "ukernd " + line + "\n";
  return s;
}

}  // namespace ukern



void* kmalloc(size_t size, gfp_t flags) {
  if (size == 0) return nullptr;
  void* p = (flags & __GFP_ZERO) ? std::calloc(1, size) : std::malloc(size);
  return ukern::track(p, size);
}

void* kzalloc(size_t size, gfp_t flags) { return kmalloc(size, flags | __GFP_ZERO); }

void* kmalloc_array(size_t n, size_t size, gfp_t flags) {
  size_t bytes;
  if (__builtin_mul_overflow(n, size, &bytes)) return nullptr;
  return kmalloc(bytes, flags);
}

void* kcalloc(size_t n, size_t size, gfp_t flags) { return kmalloc_array(n, size, flags | __GFP_ZERO); }

void* krealloc(const void* p, size_t new_size, gfp_t flags) {
  if (p == nullptr) return kmalloc(new_size, flags);
  size_t old = ksize(p);
  if (old == 0) {
    ukern::untrack(p, "krealloc");  // reports the bad pointer
    return nullptr;
  }
  void* q = kmalloc(new_size, flags);
  if (q == nullptr) return nullptr;
  std::memcpy(q, p, old < new_size ? old : new_size);
  kfree(p);
  return q;
}

void kfree(const void* p) {
  if (p == nullptr) return;
  if (ukern::untrack(p, "kfree")) std::free(const_cast<void*>(p));
}

char* kstrdup(const char* s, gfp_t flags) {
  if (s == nullptr) return nullptr;
  size_t n = std::strlen(s) + 1;
  auto* d = static_cast<char*>(kmalloc(n, flags));
  if (d) std::memcpy(d, s, n);
  return d;
}

size_t ksize(const void* p) {
  auto& a = ukern::acct();
  std::lock_guard g(a.mu);
  auto it = a.blocks.find(p);
  return it == a.blocks.end() ? 0 : it->second.size;
}
