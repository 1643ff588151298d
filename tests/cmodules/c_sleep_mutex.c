/* A kthread that sleeps holding a mutex, and another that waits for it:
 * the hung-task detector reports them with the lock; the kernel serves on,
 * and rmmod still works (the sleep ends at kthread_stop). */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
MODULE_LICENSE("GPL");

static DEFINE_MUTEX(floor_lock);
static struct task_struct *holder, *waiter;

static int hold_and_sleep(void *arg) {
    mutex_lock(&floor_lock);
    while (!kthread_should_stop()) msleep(100000);
    mutex_unlock(&floor_lock);
    return 0;
}

static int wait_for_lock(void *arg) {
    msleep(10);
    mutex_lock(&floor_lock); /* uninterruptible: the hung-task detector's case */
    mutex_unlock(&floor_lock);
    while (!kthread_should_stop()) msleep(10);
    return 0;
}

static int __init sm_init(void) {
    holder = kthread_run(hold_and_sleep, NULL, "c_holder");
    if (IS_ERR(holder)) return PTR_ERR(holder);
    waiter = kthread_run(wait_for_lock, NULL, "c_waiter");
    if (IS_ERR(waiter)) {
        kthread_stop(holder);
        return PTR_ERR(waiter);
    }
    return 0;
}

static void __exit sm_exit(void) {
    kthread_stop(holder); /* releases the lock, so the waiter gets it and can stop */
    kthread_stop(waiter);
}

module_init(sm_init);
module_exit(sm_exit);
