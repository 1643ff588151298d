// Kernel threads, as in Linux.
//
//   static int worker(void* data) {
//     while (!kthread_should_stop()) { ...; msleep(1000); }
//     return 0;
//   }
//   init:  t = kthread_run(worker, &dev, "elevator");  if (IS_ERR(t)) return PTR_ERR(t);
//   exit:  kthread_stop(t);
//
// Each kernel thread is a host thread named after it (`ps -L`, `top -H`
// show the first 15 characters) and listed by `ukern ps`. Stopping is
// cooperative: kthread_stop() makes kthread_should_stop() true, wakes the
// thread out of msleep/wait_event at once, and waits for it to return.
// A module's threads that are still running when it unloads are reported
// and stopped (its exit should have stopped them).
#pragma once
#include <sys/types.h>

#include <cstdint>

/// A kernel thread (opaque).
struct task_struct;

#ifndef UKERN_ERR_PTR_DEFINED
#define UKERN_ERR_PTR_DEFINED
#define MAX_ERRNO 4095
/// Error values carried in pointers, as in Linux (include/linux/err.h).
inline void* ERR_PTR(long error) { return reinterpret_cast<void*>(error); }
inline long PTR_ERR(const void* ptr) { return reinterpret_cast<long>(ptr); }
inline bool IS_ERR(const void* ptr) {
  return reinterpret_cast<unsigned long>(ptr) >= static_cast<unsigned long>(-MAX_ERRNO);
}
inline bool IS_ERR_OR_NULL(const void* ptr) { return ptr == nullptr || IS_ERR(ptr); }
#endif

/// Starts a kernel thread running fn(data), named by printf-style `namefmt`.
/// Returns the thread, or ERR_PTR(-EAGAIN) when the host cannot start one.
/// The thread belongs to the module whose code calls kthread_run.
extern "C" struct task_struct* kthread_run(int (*fn)(void* data), void* data, const char* namefmt, ...)
    __attribute__((format(printf, 3, 4)));
/// In a kernel thread: true once kthread_stop() was called on it.
/// Elsewhere: false.
extern "C" bool kthread_should_stop(void);
/// Asks `t` to stop, wakes it from any sleep, waits for fn to return and
/// frees the thread. Returns fn's result (also when fn had already returned;
/// fn always runs, even if the stop came before it started),
/// -EFAULT if fn faulted, or -EINVAL for a null/error pointer or a thread
/// already stopped. Sleeps: do not call it with a spinlock held, nor from `t`.
extern "C" int kthread_stop(struct task_struct* t);
/// The thread's host tid (what `ps -L` shows), or 0 before it started.
extern "C" pid_t task_pid_nr(const struct task_struct* t);
/// The thread's name as given to kthread_run.
extern "C" const char* kthread_name(const struct task_struct* t);
/// The calling kernel thread, or nullptr outside one.
extern "C" struct task_struct* kthread_current(void);
