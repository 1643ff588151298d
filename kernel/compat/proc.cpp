// The C face of /proc: entries described by a C module's struct proc_ops
// or struct file_operations (or a show function, proc_create_single), in
// ukern's one /proc registry. Each read(2) of a reader is one call of the
// module's read function with the reader's count and offset, and its
// `char __user *` is the reader's buffer (the FUSE reply buffer); seq_file's
// single_open family renders a show function's text for those reads.
#include <fcntl.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "kernel/compat/compat.h"
#include "kernel/procfs/registry.h"
#include "ukern/printk.h"

namespace ukern::compat {
namespace {

using ReadFn = long (*)(file*, char*, unsigned long, long long*);
using WriteFn = long (*)(file*, const char*, unsigned long, long long*);
using OpenFn = int (*)(inode*, file*);
using ReleaseFn = int (*)(inode*, file*);
using ShowFn = int (*)(seq_file*, void*);

}  // namespace
}  // namespace ukern::compat

using ukern::proc_dir_entry;
using ukern::compat::file;
using ukern::compat::file_operations;
using ukern::compat::inode;
using ukern::compat::ShowFn;
using CSeq = ukern::compat::seq_file;

extern "C" {
int ukern_c_single_open(file* f, ShowFn show, void* data);
int ukern_c_single_release(inode* i, file* f);
long ukern_c_seq_read(file* f, char* buf, unsigned long size, long long* ppos);
ssize_t ukern_c_simple_read_from_buffer(void* to, size_t count, long long* ppos, const void* from, size_t available);
}

namespace ukern::compat {
namespace {

// One C entry: its callbacks, whichever way the module described them.
struct CEntry {
  std::string what;  // "proc NAME", for oops reports
  OpenFn open = nullptr;
  ReadFn read = nullptr;
  WriteFn write = nullptr;
  ReleaseFn release = nullptr;
  ShowFn show = nullptr;  // proc_create_single
  file_operations fops{};
  inode node{};
};

// One open: the struct file the module's callbacks see.
struct COpen {
  file f{};
};

CEntry& centry(const proc_dir_entry& e) { return *static_cast<CEntry*>(e.hooks_state.get()); }

bool hook_writable(const proc_dir_entry& e) { return centry(e).write != nullptr; }

Result<void*> hook_open(const ProcEntryRef& e, int flags) {
  CEntry& ce = centry(*e);
  auto o = std::make_unique<COpen>();
  o->f.f_flags = static_cast<unsigned>(flags);
  int acc = flags & O_ACCMODE;
  o->f.f_mode = (acc != O_WRONLY ? 1u : 0u) | (acc != O_RDONLY ? 2u : 0u);
  o->f.f_inode = &ce.node;
  o->f.f_op = &ce.fops;
  if (ce.show) {
    (void)ukern_c_single_open(&o->f, ce.show, ce.node.i_private);  // kernel code: no module call
  } else if (ce.open) {
    auto r = proc_call_module(e, ce.what.c_str(), [&] { return static_cast<long>(ce.open(&ce.node, &o->f)); });
    if (!r) return Error{r.error()};
    if (*r < 0) return Error{static_cast<int>(-*r)};
  }
  return static_cast<void*>(o.release());
}

long hook_read(const ProcEntryRef& e, void* h, char* buf, size_t size, off_t off) {
  CEntry& ce = centry(*e);
  auto* o = static_cast<COpen*>(h);
  ReadFn fn = ce.show ? ukern_c_seq_read : ce.read;
  if (fn == nullptr) return -EINVAL;
  long long pos = off;
  UserWindowScope window(buf, size);
  auto r = proc_call_module(e, ce.what.c_str(), [&] { return fn(&o->f, buf, size, &pos); });
  if (!r) return -r.error();
  o->f.f_pos = pos;
  return *r;
}

long hook_write(const ProcEntryRef& e, void* h, const char* buf, size_t size, off_t off) {
  CEntry& ce = centry(*e);
  auto* o = static_cast<COpen*>(h);
  if (ce.write == nullptr) return -EACCES;
  long long pos = off;
  UserWindowScope window(buf, size);
  auto r = proc_call_module(e, ce.what.c_str(), [&] { return ce.write(&o->f, buf, size, &pos); });
  if (!r) return -r.error();
  o->f.f_pos = pos;
  return *r;
}

void hook_release(const ProcEntryRef& e, void* h) {
  CEntry& ce = centry(*e);
  auto* o = static_cast<COpen*>(h);
  ReleaseFn fn = ce.show ? ukern_c_single_release : ce.release;
  if (fn == ukern_c_single_release) {
    (void)fn(&ce.node, &o->f);  // kernel code: runs even once the module is gone
  } else if (fn != nullptr) {
    (void)proc_call_module(e, ce.what.c_str(), [&] { return static_cast<long>(fn(&ce.node, &o->f)); });
  }
  delete o;
}

const ProcFileHooks kHooks = {hook_writable, hook_open, hook_read, hook_write, hook_release};

proc_dir_entry* create(const char* name, unsigned mode, proc_dir_entry* parent, std::shared_ptr<CEntry> ce,
                       void* data) {
  ce->what = std::string("proc ") + (name ? name : "?");
  ce->node.i_private = data;
  ce->node.i_mode = static_cast<unsigned short>(mode & 07777);
  proc_dir_entry* e = proc_create_hooked(name, mode, parent, &kHooks, ce);
  if (e) ce->node.i_ino = e->ino;
  return e;
}

struct SeqText {
  ShowFn show;
  std::string text;
  bool rendered = false;
  bool overflow = false;
};
SeqText& seq_text(seq_file* m) { return *static_cast<SeqText*>(m->ukern); }

void seq_append(seq_file* m, const char* s, size_t n) {
  SeqText& t = seq_text(m);
  if (t.text.size() + n > seq_file_max_bytes) {
    n = seq_file_max_bytes - t.text.size();
    t.overflow = true;
  }
  t.text.append(s, n);
}

}  // namespace
}  // namespace ukern::compat

extern "C" {

proc_dir_entry* ukern_c_proc_create_ops(const char* name, unsigned short mode, proc_dir_entry* parent,
                                        const ukern::compat::proc_ops* ops, void* data) {
  if (ops == nullptr) {
    printk(KERN_ERR "proc_create: '%s' has no proc_ops\n", name ? name : "(null)");
    return nullptr;
  }
  auto ce = std::make_shared<ukern::compat::CEntry>();
  ce->open = ops->proc_open;
  ce->read = ops->proc_read;
  ce->write = ops->proc_write;
  ce->release = ops->proc_release;
  return ukern::compat::create(name, mode, parent, std::move(ce), data);
}

proc_dir_entry* ukern_c_proc_create_fops(const char* name, unsigned short mode, proc_dir_entry* parent,
                                         const file_operations* fops, void* data) {
  if (fops == nullptr) {
    printk(KERN_ERR "proc_create: '%s' has no file_operations\n", name ? name : "(null)");
    return nullptr;
  }
  auto ce = std::make_shared<ukern::compat::CEntry>();
  ce->fops = *fops;
  ce->open = fops->open;
  ce->read = fops->read;
  ce->write = fops->write;
  ce->release = fops->release;
  return ukern::compat::create(name, mode, parent, std::move(ce), data);
}

proc_dir_entry* ukern_c_proc_create_single_data(const char* name, unsigned short mode, proc_dir_entry* parent,
                                                ShowFn show, void* data) {
  if (show == nullptr) {
    printk(KERN_ERR "proc_create_single: '%s' has no show function\n", name ? name : "(null)");
    return nullptr;
  }
  auto ce = std::make_shared<ukern::compat::CEntry>();
  ce->show = show;
  return ukern::compat::create(name, mode, parent, std::move(ce), data);
}

proc_dir_entry* ukern_c_proc_mkdir(const char* name, proc_dir_entry* parent) { return ukern::proc_mkdir(name, parent); }
void ukern_c_proc_remove(proc_dir_entry* e) { ukern::proc_remove(e); }
void ukern_c_remove_proc_entry(const char* name, proc_dir_entry* parent) { ukern::remove_proc_entry(name, parent); }

int ukern_c_single_open(file* f, ShowFn show, void* data) {
  auto* m = new CSeq{};
  m->private_ = data;
  m->file = f;
  m->ukern = new ukern::compat::SeqText{show};
  f->private_data = m;
  return 0;
}

int ukern_c_single_release(inode*, file* f) {
  auto* m = static_cast<CSeq*>(f->private_data);
  if (m == nullptr) return 0;
  delete &ukern::compat::seq_text(m);
  delete m;
  f->private_data = nullptr;
  return 0;
}

long ukern_c_seq_read(file* f, char* buf, unsigned long size, long long* ppos) {
  auto* m = static_cast<CSeq*>(f->private_data);
  if (m == nullptr) return -EINVAL;
  ukern::compat::SeqText& t = ukern::compat::seq_text(m);
  if (!t.rendered || *ppos == 0) {
    // A read from the start renders the text anew (cat after an lseek to 0).
    t.text.clear();
    t.overflow = false;
    int rc = t.show(m, nullptr);
    if (rc < 0) return rc;
    t.rendered = true;
  }
  return ukern_c_simple_read_from_buffer(buf, size, ppos, t.text.data(), t.text.size());
}

long long ukern_c_default_llseek(file* f, long long off, int whence) {
  long long pos;
  switch (whence) {
    case SEEK_SET: pos = off; break;
    case SEEK_CUR: pos = f->f_pos + off; break;
    default: return -EINVAL;  // the size of a /proc file is not known
  }
  if (pos < 0) return -EINVAL;
  f->f_pos = pos;
  return pos;
}
long long ukern_c_seq_lseek(file* f, long long off, int whence) { return ukern_c_default_llseek(f, off, whence); }
long long ukern_c_noop_llseek(file* f, long long, int) { return f->f_pos; }
long long ukern_c_no_llseek(file*, long long, int) { return -ESPIPE; }

void ukern_c_seq_vprintf(CSeq* m, const char* fmt, va_list ap) {
  char small[512];
  va_list copy;
  va_copy(copy, ap);
  int n = std::vsnprintf(small, sizeof small, fmt, copy);
  va_end(copy);
  if (n < 0) return;
  if (static_cast<size_t>(n) < sizeof small) {
    ukern::compat::seq_append(m, small, static_cast<size_t>(n));
    return;
  }
  std::string big(static_cast<size_t>(n) + 1, '\0');
  std::vsnprintf(big.data(), big.size(), fmt, ap);
  ukern::compat::seq_append(m, big.data(), static_cast<size_t>(n));
}
void ukern_c_seq_printf(CSeq* m, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ukern_c_seq_vprintf(m, fmt, ap);
  va_end(ap);
}
void ukern_c_seq_puts(CSeq* m, const char* s) { ukern::compat::seq_append(m, s, std::strlen(s)); }
void ukern_c_seq_putc(CSeq* m, char c) { ukern::compat::seq_append(m, &c, 1); }
void ukern_c_seq_write(CSeq* m, const void* data, size_t len) {
  ukern::compat::seq_append(m, static_cast<const char*>(data), len);
}
bool ukern_c_seq_has_overflowed(CSeq* m) { return ukern::compat::seq_text(m).overflow; }

}  // extern "C"
