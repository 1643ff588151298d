#include "kernel/entry/filter.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <memory>
#include <set>

#include "kernel/entry/seccomp_compat.h"
#include "kernel/syscalls/table_file.h"

namespace ukern {

Result<int> install_notify_filter(const std::vector<int>& numbers) {
  std::set<int> trapped(numbers.begin(), numbers.end());
  for (int nr = 0; nr <= kMaxSyscallNr; ++nr)
    if (trapped_without_row(nr)) trapped.insert(nr);

  std::unique_ptr<void, void (*)(scmp_filter_ctx)> ctx(seccomp_init(SCMP_ACT_ALLOW), seccomp_release);
  if (!ctx) return Error{ENOMEM};
  // Foreign-arch calls (int 0x80) pass untouched; a binary tree keeps the
  // cost of every host call at a few comparisons.
  seccomp_attr_set(ctx.get(), SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW);
  seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_OPTIMIZE, 2);
  for (int nr : trapped)
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_NOTIFY, nr, 0); rc < 0) return Error{-rc};

  // libseccomp 2.5 cannot set WAIT_KILLABLE_RECV: export the program and
  // load it ourselves.
  int mfd = memfd_create("ukern-filter", MFD_CLOEXEC);
  if (mfd < 0) return Error{errno};
  if (int rc = seccomp_export_bpf(ctx.get(), mfd); rc < 0) {
    close(mfd);
    return Error{-rc};
  }
  off_t len = lseek(mfd, 0, SEEK_END);
  std::vector<sock_filter> insns(static_cast<size_t>(len) / sizeof(sock_filter));
  ssize_t got = pread(mfd, insns.data(), static_cast<size_t>(len), 0);
  close(mfd);
  if (got != len) return Error{EIO};

  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) return Error{errno};
  sock_fprog prog{static_cast<unsigned short>(insns.size()), insns.data()};
  long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                    SECCOMP_FILTER_FLAG_NEW_LISTENER | kSeccompFilterFlagWaitKillableRecv, &prog);
  if (fd < 0) return Error{errno};
  return static_cast<int>(fd);
}

}  // namespace ukern
