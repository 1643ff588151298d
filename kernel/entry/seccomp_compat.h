// Seccomp definitions newer than Debian 12's headers (values from Linux's
// include/uapi/linux/seccomp.h; the running kernel supports them).
#pragma once
#include <linux/seccomp.h>
#include <sys/ioctl.h>

namespace ukern {
/// Non-fatal signals cannot interrupt a call once ukernd received it, so a
/// module never sees the same request twice (Linux 5.19).
constexpr unsigned long kSeccompFilterFlagWaitKillableRecv = 1UL << 5;
/// Listener flag: wake the receiving thread on the sender's CPU (Linux 6.6).
constexpr unsigned long long kSeccompUserNotifFdSyncWakeUp = 1;
}  // namespace ukern

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
