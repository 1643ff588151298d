// The /proc tree (kernel-internal): entries, lookup by path, rendering a
// file's snapshot, and the clean-up when a module unloads. Both the FUSE
// mount and `ukern cat` serve from here.
#pragma once
#include <sys/stat.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kernel/module/module.h"
#include "ukern/proc_fs.h"
#include "ukern/result.h"

namespace ukern {

struct proc_dir_entry;
using ProcEntryRef = std::shared_ptr<proc_dir_entry>;

/// Per-open callbacks of an entry that serves each read and write itself
/// (a C module's proc_ops / file_operations, see kernel/compat/proc.cpp)
/// instead of a show snapshot. They call into the module through
/// proc_call_module.
struct ProcFileHooks {
  /// Whether the entry takes writes.
  bool (*writable)(const proc_dir_entry& e);
  /// Opens the entry (O_* flags): a per-open handle, or an errno.
  Result<void*> (*open)(const ProcEntryRef& e, int flags);
  /// One read of `size` bytes at `off` into `buf`: bytes, 0 at the end, or -errno.
  long (*read)(const ProcEntryRef& e, void* handle, char* buf, size_t size, off_t off);
  /// One write: bytes consumed or -errno.
  long (*write)(const ProcEntryRef& e, void* handle, const char* buf, size_t size, off_t off);
  /// Closes the handle (the module's release runs only while the entry lives).
  void (*release)(const ProcEntryRef& e, void* handle);
};

struct proc_dir_entry {
  std::string name;
  unsigned mode = 0;  // permission bits only
  bool is_dir = false;
  proc_ops ops{};
  void* data = nullptr;
  Module* owner = nullptr;  // nullptr: built into the kernel
  proc_dir_entry* parent = nullptr;
  uint64_t ino = 0;
  /// Children by name; under the procfs lock.
  std::map<std::string, std::shared_ptr<proc_dir_entry>> children;
  /// Set (under the procfs lock) when the entry is removed or its module is
  /// going: from then on nothing calls into it and readers get EIO.
  std::atomic<bool> dead{false};
  /// Set for entries that serve reads themselves (then ops is unused).
  const ProcFileHooks* hooks = nullptr;
  /// State the hooks keep for the entry; freed with it.
  std::shared_ptr<void> hooks_state;
};

/// Attributes of one entry, as stat shows them.
struct ProcStat {
  bool is_dir;
  unsigned mode;
  uint64_t ino;
  size_t nlink;
};

/// The live entry at `path` ("", "/", "timed", "/driver/x"), or ENOENT.
Result<ProcEntryRef> proc_lookup(const std::string& path);
ProcStat proc_stat(const proc_dir_entry& e);
/// The one access rule of /proc, for the FUSE mount and `ukern cat` alike:
/// the entry's mode and owner, like a file's. Entries belong to the user who
/// started the kernel; root may read and write anything; that user gets the
/// owner bits; everyone else the "other" bits. `want` is R_OK or W_OK.
bool proc_may_access(const proc_dir_entry& e, uid_t who, int want);
/// Names in directory `dir` (sorted); ENOTDIR for a file, EIO once removed.
Result<std::vector<std::string>> proc_list(const proc_dir_entry& dir);
/// Runs the entry's show into a fresh snapshot. EISDIR for a directory, EIO
/// when the entry is removed or its module is going, or show's -errno.
Result<std::string> proc_render(const ProcEntryRef& e);
/// Passes a write to the entry's proc_write. EACCES without one, EIO as
/// proc_render.
Result<size_t> proc_write_to(const ProcEntryRef& e, const char* buf, size_t len, off_t pos);
/// Creates file `name` served by `hooks` (nullptr on the errors of
/// proc_create). `state` is kept with the entry as hooks_state.
proc_dir_entry* proc_create_hooked(const char* name, unsigned mode, proc_dir_entry* parent,
                                   const ProcFileHooks* hooks, std::shared_ptr<void> state);
/// Runs fn(arg) as code of e's module, holding a reference on it: fn's
/// result, EIO when the entry is removed or its module going, or when fn
/// faulted (an oops).
Result<long> proc_call_module(const ProcEntryRef& e, const char* what, long (*fn)(void*), void* arg);
template <class F>
Result<long> proc_call_module(const ProcEntryRef& e, const char* what, F&& f) {
  return proc_call_module(e, what, [](void* p) -> long { return (*static_cast<F*>(p))(); }, &f);
}
/// Drops every entry (kernel shutdown and unit tests).
void proc_reset_for_shutdown();
/// Installs the module notifier that retires a module's entries. Once.
void proc_install_module_hook();
/// What the notifier does, exposed for unit tests: on Going the module's
/// entries die (readers get EIO); on Gone whatever is left is removed, with a
/// warning per top-most leftover.
void proc_on_module_event(Module& m, ModuleEvent ev);

}  // namespace ukern
