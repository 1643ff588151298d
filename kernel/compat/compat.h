// The kernel's view of the C compat layer's types (kernel-internal): the C
// structs of include/compat/ukern_compat.h spelled in C++, in a namespace
// of their own so that their tags (mutex, task_struct, file) do not meet the
// kernel's C++ types of the same names.
#pragma once
#include <sys/types.h>

#include <cstddef>

#include "compat/ukern_compat.h"

namespace ukern::compat {

struct inode;
struct file;
struct file_operations;
struct inode UKERN_COMPAT_INODE_BODY;
struct file UKERN_COMPAT_FILE_BODY;
struct file_operations UKERN_COMPAT_FOPS_BODY;
struct proc_ops UKERN_COMPAT_PROC_OPS_BODY;
struct seq_file UKERN_COMPAT_SEQ_FILE_BODY;
struct task_struct UKERN_COMPAT_TASK_BODY;

/// The reader's buffer of the /proc read or write running on this thread:
/// a C module's `__user` pointer into it is served by memcpy (see uaccess.cpp).
struct UserWindow {
  char* lo = nullptr;
  char* hi = nullptr;
  bool contains(const void* p, size_t n) const;
};
/// Sets this thread's window for the scope of one callback.
class UserWindowScope {
 public:
  UserWindowScope(const void* buf, size_t size);
  ~UserWindowScope();
  UserWindowScope(const UserWindowScope&) = delete;
  UserWindowScope& operator=(const UserWindowScope&) = delete;

 private:
  UserWindow saved_;
};

}  // namespace ukern::compat
