#include "kernel/entry/task.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "kernel/entry/seccomp_compat.h"
#include "kernel/sched/clock.h"

namespace ukern {
namespace {
thread_local Task* t_current = nullptr;
KernelTask g_kernel_task;
}  // namespace

CallerTask::CallerTask(pid_t tid, int listener_fd, uint64_t notif_id, int nr)
    : tid_(tid), listener_fd_(listener_fd), notif_id_(notif_id), nr_(nr), start_ns_(clock_now_ns()) {}

CallerTask::~CallerTask() {
  if (mem_fd_ >= 0) close(mem_fd_);
}

int CallerTask::memory_fd() const {
  std::call_once(mem_once_, [this] {
    int fd = open(("/proc/" + std::to_string(tid_) + "/mem").c_str(), O_RDWR | O_CLOEXEC);
    // Valid after the open: the file was opened while the caller was alive,
    // so it refers to the caller's memory, whatever the pid means later.
    if (fd >= 0 && !notification_valid()) {
      close(fd);
      fd = -1;
    }
    mem_fd_ = fd;
  });
  return mem_fd_;
}

bool CallerTask::notification_valid() const {
  uint64_t id = notif_id_;
  return ioctl(listener_fd_, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
}

// Tgid and Uid are read once, on first use: most calls never ask.
void CallerTask::load_status() const {
  std::call_once(status_once_, [this] {
    std::ifstream in("/proc/" + std::to_string(tid_) + "/status");
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("Tgid:", 0) == 0) pid_ = std::stoi(line.substr(5));
      else if (line.rfind("Uid:", 0) == 0) uid_ = static_cast<uid_t>(std::stoul(line.substr(4)));
    }
    if (!notification_valid()) {  // the tid may have been reused meanwhile
      pid_ = -1;
      uid_ = static_cast<uid_t>(-1);
    }
  });
}

pid_t CallerTask::pid() const {
  load_status();
  return pid_;
}

uid_t CallerTask::uid() const {
  load_status();
  return uid_;
}

std::string CallerTask::comm() const {
  std::ifstream in("/proc/" + std::to_string(tid_) + "/comm");
  std::string c;
  std::getline(in, c);
  return c;
}

pid_t KernelTask::tid() const { return gettid(); }
pid_t KernelTask::pid() const { return getpid(); }

void set_current(Task* t) { t_current = t; }

CallerTask* current_caller() {
  if (t_current == nullptr || t_current->is_kthread()) return nullptr;
  return static_cast<CallerTask*>(t_current);
}

CurrentScope::CurrentScope(Task* t) : prev_(t_current) { t_current = t; }
CurrentScope::~CurrentScope() { t_current = prev_; }

Task& current() { return t_current ? *t_current : g_kernel_task; }

bool fatal_signal_pending() { return current().interrupted(); }

}  // namespace ukern
