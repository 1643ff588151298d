// /proc entries: files whose text a module computes when they are read.
//
//   static int timed_show(ukern::seq_file* m, void*) { seq_printf(m, "...\n"); return 0; }
//   static const ukern::proc_ops timed_ops = {.proc_show = timed_show};
//   init:  if (!ukern::proc_create("timed", 0444, nullptr, &timed_ops)) return -ENOMEM;
//   exit:  ukern::remove_proc_entry("timed", nullptr);
//
// The entries appear under RUNTIME_DIR/proc (a FUSE mount, so cat, grep,
// tail and watch work) and through `ukern cat NAME`.
//
// Ownership: an entry created while a module's code runs (its init, a
// system call it serves, ...) belongs to that module. When the module
// unloads, its entries stop answering (a reader holding one open gets EIO)
// and whatever its exit did not remove is removed with a warning. A show or
// write call holds a reference on the module, so rmmod waits for it and no
// call ever runs unloaded code.
//
// Callbacks run in the reader's context on a procfs thread, through
// run_module_code (a fault in them is an oops, the read gets EIO). They may
// sleep briefly and take the module's own locks; they must not create or
// remove proc entries.
#pragma once
#include <sys/types.h>

#include <cstddef>

#include "ukern/seq_file.h"

namespace ukern {

/// An entry (file or directory) in the /proc tree. Opaque to modules.
struct proc_dir_entry;

/// What a file does when it is read or written.
struct proc_ops {
  /// Writes the whole file into `m` (m->private_data is the entry's data).
  /// `v` is always nullptr (kept for Linux's shape). Returns 0, or -errno,
  /// which the reader gets as the error of its open/read.
  int (*proc_show)(seq_file* m, void* v) = nullptr;
  /// Optional: consumes `count` bytes written at offset `pos` of one open.
  /// `data` is the entry's data. Returns the bytes consumed or -errno. An
  /// entry without proc_write refuses writes (EACCES).
  ssize_t (*proc_write)(const char* buf, size_t count, off_t pos, void* data) = nullptr;
};

/// Creates file `name` in `parent` (nullptr: the top of /proc). `mode` are
/// the permission bits shown (0 means 0444, or 0644 with proc_write). `ops`
/// is copied. Returns the entry, or nullptr when the name is empty, contains
/// '/', already exists in `parent`, `parent` is not a live directory, or
/// `ops` has no proc_show. Takes the procfs lock; do not call from a show
/// or write callback.
proc_dir_entry* proc_create(const char* name, unsigned mode, proc_dir_entry* parent, const proc_ops* ops);
/// proc_create with a `data` pointer passed to the callbacks
/// (seq_file::private_data in show, `data` in write).
proc_dir_entry* proc_create_data(const char* name, unsigned mode, proc_dir_entry* parent, const proc_ops* ops,
                                 void* data);
/// Creates directory `name` in `parent`. nullptr on the same errors as
/// proc_create.
proc_dir_entry* proc_mkdir(const char* name, proc_dir_entry* parent);
/// Removes `entry` and everything under it. Open readers of a removed file
/// get EIO. Safe on nullptr and on an entry already removed.
void proc_remove(proc_dir_entry* entry);
/// Removes `name` in `parent` (nullptr: the top), with what is under it.
/// Warns in the log when the name does not exist.
void remove_proc_entry(const char* name, proc_dir_entry* parent);

}  // namespace ukern
