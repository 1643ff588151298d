// The seccomp filter that `ukern run` installs before exec.
#pragma once
#include <vector>

#include "ukern/result.h"

namespace ukern {

/// Builds the filter with libseccomp (trap `numbers` and every number the host
/// leaves unimplemented with SECCOMP_RET_USER_NOTIF, allow the rest), and
/// installs it on the calling (single-threaded) process with NEW_LISTENER |
/// WAIT_KILLABLE_RECV. Sets no_new_privs. Returns the listener fd.
Result<int> install_notify_filter(const std::vector<int>& numbers);

}  // namespace ukern
