/* The lecture's kthread slide code, as printed (a mutex where the slide says
 * "Lock here"), plus kthread_create + wake_up_process with
 * set_current_state/schedule_timeout, and a thread stopped before it was
 * ever woken. */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
MODULE_LICENSE("GPL");

static DEFINE_MUTEX(loop_lock);
static struct task_struct *t;
static struct task_struct *sleeper;
static struct task_struct *never_woken;
static int rounds;
static int naps;

static int run(void *arg) {
    printk("%s: started as %s, pid %d\n", __FUNCTION__, current->comm, current->pid);
    mutex_lock(&loop_lock); /* Lock here */
    while (!kthread_should_stop()) {
        /* Do stuff */
        rounds++;
        mutex_unlock(&loop_lock); /* Unlock here */
        schedule();
        mutex_lock(&loop_lock); /* Lock here */
    }
    mutex_unlock(&loop_lock); /* Unlock here */
    printk("%s: kernel thread exits.\n", __FUNCTION__);
    return 0;
}

static int nap(void *arg) {
    /* sleeper was assigned before wake_up_process let this run */
    printk("nap: current is the task kthread_create returned: %d\n", current == sleeper);
    while (!kthread_should_stop()) {
        set_current_state(TASK_INTERRUPTIBLE);
        schedule_timeout(msecs_to_jiffies(10));
        naps++;
    }
    return 42;
}

static int not_run(void *arg) {
    printk("not_run: this must never print\n");
    return 7;
}

static int __init kt_init(void) {
    int ret = 0;
    t = kthread_run(run, NULL, "my_elevator");
    if (IS_ERR(t)) {
        ret = PTR_ERR(t);
        return ret;
    }
    sleeper = kthread_create(nap, NULL, "c_nap_%d", 1);
    if (IS_ERR(sleeper)) {
        kthread_stop(t);
        return PTR_ERR(sleeper);
    }
    wake_up_process(sleeper);
    never_woken = kthread_create(not_run, NULL, "c_never");
    if (IS_ERR(never_woken)) {
        kthread_stop(sleeper);
        kthread_stop(t);
        return PTR_ERR(never_woken);
    }
    return 0;
}

static void __exit kt_exit(void) {
    int ret;
    ret = kthread_stop(t);
    if (ret != -EINTR) printk("Main logic tread stopped.\n");
    printk("kt_exit: rounds>0 %d\n", rounds > 0);
    ret = kthread_stop(sleeper);
    printk("kt_exit: nap returned %d, napped %d\n", ret, naps > 0);
    ret = kthread_stop(never_woken);
    printk("kt_exit: never woken returned %d\n", ret);
}

module_init(kt_init);
module_exit(kt_exit);
