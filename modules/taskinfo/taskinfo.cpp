// taskinfo (389): gettaskinfo(pid_t pid, struct mystat *buf) fills buf with
// the real data of host task `pid`, read from the host's /proc/<pid>/stat,
// /proc/<pid>/status and /proc/<pid>/fd.
//
// Errors, checked in this order: EFAULT when buf is not a user address;
// ESRCH when no task has that pid (or it is <= 0), or it exits while being
// read; EPERM when the caller may not inspect it (see may_inspect: a
// non-root caller asking about another user's process); EFAULT when buf is
// not writable (nothing is written).
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <string>

#include "modules/taskinfo/proc_pid.h"
#include "uapi/ukern/classic.h"
#include "ukern/current.h"
#include "ukern/module.h"
#include "ukern/syscall.h"
#include "ukern/uaccess.h"

// The layout users compile against: x86-64 C, in the order of the fields.
static_assert(sizeof(mystat) == 72);
static_assert(offsetof(mystat, policy) == 16 && offsetof(mystat, utime) == 24 &&
              offsetof(mystat, starttime) == 40 && offsetof(mystat, open_files) == 64);

namespace {

using ukern::Error;
using ukern::Result;

/// A file descriptor closed on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};

// A task that exits between two reads makes /proc answer ENOENT or ESRCH:
// to the caller that is "no such task".
int task_errno(int e) { return e == ENOENT || e == ESRCH ? ESRCH : EIO; }

/// The whole text of file `name` in the /proc/<pid> directory `dir`.
Result<std::string> read_entry(int dir, const char* name) {
  Fd fd(openat(dir, name, O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Error{task_errno(errno)};
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd.get(), buf, sizeof buf);
    if (n < 0) return Error{task_errno(errno)};
    if (n == 0) return text;
    text.append(buf, static_cast<size_t>(n));
  }
}

/// The number of entries in /proc/<pid>/fd: the task's open descriptors.
Result<long> count_open_files(int dir) {
  Fd fd(openat(dir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Error{task_errno(errno)};
  DIR* d = fdopendir(fd.get());
  if (d == nullptr) return Error{EIO};
  fd.release();
  long n = 0;
  errno = 0;
  while (const dirent* e = readdir(d))
    if (e->d_name[0] != '.') ++n;
  int e = errno;
  closedir(d);
  if (e != 0) return Error{task_errno(e)};
  return n;
}

Result<taskinfo::Uids> uids_of(int dir) {
  auto status = read_entry(dir, "status");
  if (!status) return Error{status.error()};
  auto ids = taskinfo::parse_status_uids(*status);
  if (!ids) return Error{EIO};
  return *ids;
}

/// /proc/<pid> as a directory descriptor: every later read through it is
/// about this very task, even if the pid is reused meanwhile.
Result<int> open_task_dir(pid_t pid) {
  if (pid <= 0) return Error{ESRCH};
  std::string path = "/proc/" + std::to_string(pid);
  int dir = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return Error{task_errno(errno)};
  return dir;
}

/// Fills a mystat for task `pid`, whose /proc directory is `dir`.
Result<mystat> collect(pid_t pid, int dir) {
  auto text = read_entry(dir, "stat");
  if (!text) return Error{text.error()};
  auto st = taskinfo::parse_proc_stat(*text);
  if (!st) return Error{EIO};
  mystat info{};
  info.pid = pid;
  info.ppid = st->ppid;
  info.stat = taskinfo::task_state_bits(st->state);
  info.priority = static_cast<int>(st->priority + 100);
  info.policy = static_cast<int>(st->policy);
  info.utime = st->utime;
  info.stime = st->stime;
  info.starttime = static_cast<long>(st->starttime / static_cast<unsigned long long>(sysconf(_SC_CLK_TCK)));
  info.min_flt = st->minflt;
  info.maj_flt = st->majflt;
  if (st->state == 'Z' || st->state == 'X') {
    info.open_files = 0;  // a dead task holds no files
  } else {
    auto files = count_open_files(dir);
    if (!files) return Error{files.error()};
    info.open_files = *files;
  }
  return info;
}

Result<void> sys_gettaskinfo(pid_t pid, ukern::UserPtr<mystat> buf) {
  if (!ukern::access_ok(buf)) return Error{EFAULT};
  auto dir_fd = open_task_dir(pid);
  if (!dir_fd) return Error{dir_fd.error()};
  Fd dir(*dir_fd);

  auto caller_dir = open_task_dir(ukern::current().tid());
  if (!caller_dir) return Error{EPERM};  // the caller is gone: nobody to answer
  Fd caller(*caller_dir);
  auto caller_ids = uids_of(caller.get());
  if (!caller_ids) return Error{EPERM};
  auto target_ids = uids_of(dir.get());
  if (!target_ids) return Error{target_ids.error()};
  if (!taskinfo::may_inspect(*caller_ids, *target_ids)) return Error{EPERM};

  auto info = collect(pid, dir.get());
  if (!info) return Error{info.error()};
  return ukern::copy_to_user(buf, *info);
}

int __init taskinfo_init() { return syscall_stub_set(THIS_MODULE, "gettaskinfo", SYSCALL_STUB(sys_gettaskinfo)); }
void __exit taskinfo_exit() { ukern::syscall_stub_clear(THIS_MODULE, "gettaskinfo"); }

}  // namespace

module_init(taskinfo_init);
module_exit(taskinfo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("gettaskinfo (389): a task's pid, parent, state, priority, times, faults and open files");
