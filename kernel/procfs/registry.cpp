// The /proc tree: creation and removal of entries, lookup, and the calls
// into show/write callbacks (holding a module reference, through
// run_module_code).
#include "kernel/procfs/registry.h"

#include <unistd.h>
#include <fcntl.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <mutex>
#include <unordered_set>

#include "kernel/debug/guard.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

// Guards the tree (every entry's children), the live set and `dead` flips.
std::mutex g_lock;
std::atomic<uint64_t> g_next_ino{2};  // 1 is the root

ProcEntryRef& root_locked() {
  static ProcEntryRef root = [] {
    auto r = std::make_shared<proc_dir_entry>();
    r->is_dir = true;
    r->mode = 0555;
    r->ino = 1;
    return r;
  }();
  return root;
}

// Entries in the tree, to validate the raw pointers modules hand back.
std::unordered_set<proc_dir_entry*>& live_locked() {
  static std::unordered_set<proc_dir_entry*> live;
  return live;
}

std::string path_locked(const proc_dir_entry* e) {
  std::string p;
  for (; e && e->parent; e = e->parent) p = "/" + e->name + p;
  return p.empty() ? "/" : p;
}

// Marks `e` and its subtree dead and forgets them; the caller unlinks `e`.
void kill_subtree_locked(proc_dir_entry* e) {
  e->dead = true;
  live_locked().erase(e);
  for (auto& [name, child] : e->children) kill_subtree_locked(child.get());
}

void remove_locked(proc_dir_entry* e) {
  kill_subtree_locked(e);
  if (e->parent) e->parent->children.erase(e->name);  // may free `e`
}

proc_dir_entry* create(const char* name, unsigned mode, proc_dir_entry* parent, const proc_ops* ops, void* data,
                       bool is_dir, const ProcFileHooks* hooks = nullptr, std::shared_ptr<void> hooks_state = {}) {
  if (name == nullptr || *name == '\0' || std::strchr(name, '/') || std::strcmp(name, ".") == 0 ||
      std::strcmp(name, "..") == 0) {
    printk(KERN_ERR "proc_create: invalid name '%s'\n", name ? name : "(null)");
    return nullptr;
  }
  if (!is_dir && hooks == nullptr && (ops == nullptr || ops->proc_show == nullptr)) {
    printk(KERN_ERR "proc_create: '%s' has no proc_show\n", name);
    return nullptr;
  }
  std::lock_guard g(g_lock);
  proc_dir_entry* dir = parent ? parent : root_locked().get();
  if (dir != root_locked().get() && (!live_locked().count(dir) || !dir->is_dir || dir->dead)) {
    printk(KERN_ERR "proc_create: '%s': parent is not a live directory\n", name);
    return nullptr;
  }
  if (dir->children.count(name)) {
    printk(KERN_ERR "proc_dir_entry '%s/%s' already registered\n", path_locked(dir).c_str(), name);
    return nullptr;
  }
  auto e = std::make_shared<proc_dir_entry>();
  e->name = name;
  e->is_dir = is_dir;
  if (is_dir) e->mode = 0555;
  else if (hooks) e->mode = (mode & 07777) ? (mode & 07777) : 0444;
  else e->mode = (mode & 07777) ? (mode & 07777) : (ops->proc_write ? 0644 : 0444);
  if (ops) e->ops = *ops;
  e->hooks = hooks;
  e->hooks_state = std::move(hooks_state);
  e->data = data;
  e->owner = current_module();
  e->parent = dir;
  e->ino = g_next_ino.fetch_add(1);
  dir->children.emplace(e->name, e);
  live_locked().insert(e.get());
  return e.get();
}

// Takes the call reference for a callback of `e`; false when it is gone.
bool enter_locked(proc_dir_entry& e) {
  if (e.dead) return false;
  return e.owner == nullptr || try_module_get(e.owner);
}

}  // namespace

proc_dir_entry* proc_create_data(const char* name, unsigned mode, proc_dir_entry* parent, const proc_ops* ops,
                                 void* data) {
  return create(name, mode, parent, ops, data, false);
}

proc_dir_entry* proc_create(const char* name, unsigned mode, proc_dir_entry* parent, const proc_ops* ops) {
  return create(name, mode, parent, ops, nullptr, false);
}

proc_dir_entry* proc_create_hooked(const char* name, unsigned mode, proc_dir_entry* parent,
                                   const ProcFileHooks* hooks, std::shared_ptr<void> state) {
  return create(name, mode, parent, nullptr, nullptr, false, hooks, std::move(state));
}

Result<long> proc_call_module(const ProcEntryRef& e, const char* what, long (*fn)(void*), void* arg) {
  {
    std::lock_guard g(g_lock);
    if (!enter_locked(*e)) return Error{EIO};
  }
  long rc = run_module_code(e->owner, what, fn, arg, LONG_MIN);  // LONG_MIN: it oopsed
  if (e->owner) module_put(e->owner);
  if (rc == LONG_MIN) return Error{EIO};
  return rc;
}

proc_dir_entry* proc_mkdir(const char* name, proc_dir_entry* parent) {
  return create(name, 0555, parent, nullptr, nullptr, true);
}

void proc_remove(proc_dir_entry* entry) {
  if (entry == nullptr) return;
  std::lock_guard g(g_lock);
  if (!live_locked().count(entry)) return;
  remove_locked(entry);
}

void remove_proc_entry(const char* name, proc_dir_entry* parent) {
  std::lock_guard g(g_lock);
  proc_dir_entry* dir = parent ? parent : root_locked().get();
  if (dir != root_locked().get() && !live_locked().count(dir)) return;
  auto it = dir->children.find(name ? name : "");
  if (it == dir->children.end()) {
    printk(KERN_WARNING "remove_proc_entry: %s/%s not found\n", dir->parent ? path_locked(dir).c_str() : "",
           name ? name : "(null)");
    return;
  }
  remove_locked(it->second.get());
}

Result<ProcEntryRef> proc_lookup(const std::string& path) {
  std::lock_guard g(g_lock);
  ProcEntryRef cur = root_locked();
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string part = path.substr(i, j - i);
    i = j;
    if (part == ".") continue;
    if (!cur->is_dir) return Error{ENOTDIR};
    auto it = cur->children.find(part);
    if (it == cur->children.end()) return Error{ENOENT};
    cur = it->second;
  }
  return cur;
}

bool proc_may_access(const proc_dir_entry& e, uid_t who, int want) {
  if (who == 0) return true;
  unsigned bits = who == getuid() ? (e.mode >> 6) : e.mode;
  unsigned need = (want & R_OK ? 4u : 0u) | (want & W_OK ? 2u : 0u);
  return (bits & need) == need;
}

ProcStat proc_stat(const proc_dir_entry& e) {
  std::lock_guard g(g_lock);
  size_t nlink = 1;
  if (e.is_dir) {
    nlink = 2;
    for (auto& [n, c] : e.children) nlink += c->is_dir ? 1 : 0;
  }
  return {e.is_dir, e.mode, e.ino, nlink};
}

Result<std::vector<std::string>> proc_list(const proc_dir_entry& dir) {
  std::lock_guard g(g_lock);
  if (!dir.is_dir) return Error{ENOTDIR};
  if (dir.dead) return Error{EIO};
  std::vector<std::string> names;
  for (auto& [n, c] : dir.children) names.push_back(n);
  return names;
}

namespace {
// The whole text of a hooked entry, read as `cat` would: one open, reads in
// chunks until the end (or the snapshot limit), one release.
Result<std::string> render_hooked(const ProcEntryRef& e) {
  auto h = e->hooks->open(e, O_RDONLY);
  if (!h) return Error{h.error()};
  std::string text;
  char chunk[4096];
  long n;
  while ((n = e->hooks->read(e, *h, chunk, sizeof chunk, static_cast<off_t>(text.size()))) > 0) {
    text.append(chunk, static_cast<size_t>(std::min<long>(n, sizeof chunk)));
    if (text.size() >= seq_file_max_bytes) break;
  }
  e->hooks->release(e, *h);
  if (n < 0) return Error{static_cast<int>(-n)};
  return text;
}
}  // namespace

Result<std::string> proc_render(const ProcEntryRef& e) {
  if (e->is_dir) return Error{EISDIR};
  if (e->hooks) return render_hooked(e);
  {
    std::lock_guard g(g_lock);
    if (!enter_locked(*e)) return Error{EIO};
  }
  seq_file m;
  m.private_data = e->data;
  std::string what = "proc " + e->name;
  long rc = run_module_code(e->owner, what.c_str(), [&] { return static_cast<long>(e->ops.proc_show(&m, nullptr)); },
                            -EIO);
  if (e->owner) module_put(e->owner);
  if (rc < 0) return Error{static_cast<int>(-rc)};
  return std::move(m.buf);
}

Result<size_t> proc_write_to(const ProcEntryRef& e, const char* buf, size_t len, off_t pos) {
  if (e->is_dir) return Error{EISDIR};
  if (e->ops.proc_write == nullptr) return Error{EACCES};
  {
    std::lock_guard g(g_lock);
    if (!enter_locked(*e)) return Error{EIO};
  }
  std::string what = "proc " + e->name;
  long rc = run_module_code(
      e->owner, what.c_str(), [&] { return static_cast<long>(e->ops.proc_write(buf, len, pos, e->data)); }, -EIO);
  if (e->owner) module_put(e->owner);
  if (rc < 0) return Error{static_cast<int>(-rc)};
  return static_cast<size_t>(std::min<long>(rc, static_cast<long>(len)));
}

void proc_on_module_event(Module& m, ModuleEvent ev) {
  if (ev == ModuleEvent::Live) return;
  std::vector<std::string> leftovers;
  {
    std::lock_guard g(g_lock);
    std::vector<proc_dir_entry*> owned;
    for (proc_dir_entry* e : live_locked())
      if (e->owner == &m) owned.push_back(e);
    if (ev == ModuleEvent::Going) {
      // Readers now get EIO; the module's exit may still remove them.
      for (proc_dir_entry* e : owned) e->dead = true;
      return;
    }
    // Gone: remove what exit left, top-most first (a removal takes its subtree).
    for (proc_dir_entry* e : owned) {
      if (e->parent && e->parent->owner == &m && live_locked().count(e->parent)) continue;
      leftovers.push_back(path_locked(e));
    }
    for (const auto& p : leftovers) {
      // Re-find by path: an earlier removal may have taken this one too.
      proc_dir_entry* cur = root_locked().get();
      size_t i = 1;
      while (cur && i < p.size()) {
        size_t j = p.find('/', i);
        if (j == std::string::npos) j = p.size();
        auto it = cur->children.find(p.substr(i, j - i));
        cur = it == cur->children.end() ? nullptr : it->second.get();
        i = j + 1;
      }
      if (cur && cur != root_locked().get()) remove_locked(cur);
    }
  }
  for (const auto& p : leftovers)
    printk(KERN_WARNING "remove_proc_entry: module %s did not remove /proc%s; removed\n", m.name.c_str(), p.c_str());
}

void proc_install_module_hook() {
  static std::once_flag once;
  std::call_once(once, [] { module_notifier_add(proc_on_module_event); });
}

void proc_reset_for_shutdown() {
  std::lock_guard g(g_lock);
  auto& root = root_locked();
  for (auto& [n, c] : root->children) kill_subtree_locked(c.get());
  root->children.clear();
}

}  // namespace ukern
