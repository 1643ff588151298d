/* Registers a /proc entry, allocates, starts a thread, then faults in init
 * (a null write in a static function): insmod must fail with an oops naming
 * it, and nothing of the module may stay registered. */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
MODULE_LICENSE("GPL");

struct state {
    int counter;
};

static struct state *volatile bad;
static void *kept;
static struct task_struct *worker;

static int idle(void *arg) {
    while (!kthread_should_stop()) msleep(10);
    return 0;
}

static int show(struct seq_file *m, void *v) {
    seq_puts(m, "never\n");
    return 0;
}

/* The fault is the point: exempt from the sanitizer build's null check. */
static noinline __attribute__((no_sanitize_undefined)) void c_fault_touch_state(struct state *s) { s->counter = 1; }

static int __init c_fault_init(void) {
    if (!proc_create_single("c_fault_init", 0444, NULL, show)) return -ENOMEM;
    kept = kmalloc(100, GFP_KERNEL);
    worker = kthread_run(idle, NULL, "c_fault_worker");
    c_fault_touch_state(bad);
    return 0;
}

module_init(c_fault_init);
