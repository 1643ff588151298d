// Seccomp listeners: one per `ukern run` process tree.
//
// Threads wait in SECCOMP_IOCTL_NOTIF_RECV on the listener; the kernel hands
// each notification to one of them, and that thread runs the system call to
// the end (its process context) and replies. One thread waits while nobody
// calls; more are started when calls queue up or a handler blocks (see
// listener.cpp), so a blocking handler never holds up other callers; surplus
// threads leave once their call is done. When the last process of the tree is gone, the
// listener is orphaned and its threads exit.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ukern/result.h"

namespace ukern {

/// The calling thread, if it is handling a trapped call, is about to block
/// (in wait_event, msleep, mutex_lock...): another thread starts receiving
/// that listener's calls meanwhile. Cheap when called again or elsewhere.
void entry_before_sleep();

/// Takes ownership of `fd` (a listener from `ukern run`, whose process is
/// `client_pid`) and starts serving it.
Result<void> listener_attach(int fd, pid_t client_pid);

struct InflightCall {
  pid_t tid;
  pid_t pid;
  std::string comm;
  int nr;
  int64_t elapsed_ns;  // kernel clock
};

/// The calls being handled right now, on every listener.
std::vector<InflightCall> listener_inflight();
/// Listeners still attached, and receiving threads across them.
int listener_count();
int listener_thread_count();

}  // namespace ukern
