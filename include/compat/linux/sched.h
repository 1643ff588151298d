/*
 * Tasks (linux/sched.h): `current`, task states, schedule().
 *
 * `current` is the task on whose behalf the code runs: in a system call the
 * calling program's thread (pid = its thread id, tgid = its process id, comm
 * = its command name), in a kernel thread that thread (the same pointer
 * kthread_run returned).
 *
 * set_current_state(TASK_INTERRUPTIBLE) then schedule() sleeps until
 * wake_up_process(that task), kthread_stop, or (program threads) the
 * program being killed; schedule_timeout(j) also ends after j jiffies. In
 * TASK_RUNNING, schedule() only yields the CPU: a loop around it keeps a
 * core busy, as on Linux.
 */
#ifndef _UKERN_LINUX_SCHED_H
#define _UKERN_LINUX_SCHED_H

#include <ukern_compat.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

#define TASK_COMM_LEN 16
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_WAKEKILL 0x0100
#define TASK_NOLOAD 0x0400
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define PF_KTHREAD 0x00200000

struct task_struct UKERN_COMPAT_TASK_BODY;

struct task_struct *get_current(void) __asm__("ukern_c_current");
#define current get_current()

#define set_current_state(state_value) __atomic_store_n(&current->__state, (state_value), __ATOMIC_SEQ_CST)
#define __set_current_state(state_value) (current->__state = (state_value))
#define task_is_running(task) (READ_ONCE((task)->__state) == TASK_RUNNING)

/* Sleeps as described above, or yields when TASK_RUNNING. */
void schedule(void) __asm__("ukern_c_schedule");
/* Sleeps up to `timeout` jiffies in the current state; returns the jiffies
 * left when woken early, 0 when the time passed. */
long schedule_timeout(long timeout) __asm__("ukern_c_schedule_timeout");
long schedule_timeout_interruptible(long timeout) __asm__("ukern_c_schedule_timeout_interruptible");
long schedule_timeout_uninterruptible(long timeout) __asm__("ukern_c_schedule_timeout_uninterruptible");
long schedule_timeout_killable(long timeout) __asm__("ukern_c_schedule_timeout_interruptible");
long schedule_timeout_idle(long timeout) __asm__("ukern_c_schedule_timeout_uninterruptible");
void yield(void) __asm__("ukern_c_yield");
#define cond_resched() ({ yield(); 0; })

/* Wakes `task` from schedule(): 1 (ukern does not tell whether it slept). */
int wake_up_process(struct task_struct *task) __asm__("ukern_c_wake_up_process");

/* True when `task` (current) should stop sleeping: its program was killed
 * or its kthread is being stopped. */
int signal_pending(struct task_struct *task) __asm__("ukern_c_signal_pending");
int fatal_signal_pending(struct task_struct *task) __asm__("ukern_c_signal_pending");

static inline pid_t task_pid_nr(struct task_struct *task) { return task->pid; }
static inline pid_t task_tgid_nr(struct task_struct *task) { return task->tgid; }
static inline char *get_task_comm(char *buf, struct task_struct *task) {
  strscpy(buf, task->comm, TASK_COMM_LEN);
  return buf;
}
#define __get_task_comm(buf, size, task) (strscpy(buf, (task)->comm, size), (buf))

#endif
