/* A tour of the <linux/...> API a course module may use, checked at init:
 * it builds only if every macro and declaration compiles as Linux code
 * expects, and it logs "c_api_tour: N of M checks failed". */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/time.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <asm/uaccess.h>
MODULE_LICENSE("GPL");

static int checks, failed;
#define CHECK(cond)                                                          \
    do {                                                                     \
        checks++;                                                            \
        if (!(cond)) {                                                       \
            failed++;                                                        \
            pr_err("c_api_tour: check failed at line %d: %s\n", __LINE__, #cond); \
        }                                                                    \
    } while (0)

struct node {
    int v;
    struct list_head link;
};

/* list_count_nodes is Linux 6.3+; count by hand to build on older trees. */
static size_t count(struct list_head *head) {
    struct list_head *p;
    size_t n = 0;
    list_for_each(p, head) n++;
    return n;
}

static DEFINE_SPINLOCK(counter_lock);
static DEFINE_MUTEX(tour_lock);
static DECLARE_WAIT_QUEUE_HEAD(tour_wq);
static atomic_t flag = ATOMIC_INIT(0);
static int counter;

static int waker(void *arg) {
    msleep(5);
    atomic_set(&flag, 1);
    wake_up_interruptible(&tour_wq);
    while (!kthread_should_stop()) msleep(1);
    return 5;
}

static void lists(void) {
    LIST_HEAD(a);
    LIST_HEAD(b);
    struct node n[5], *pos, *tmp;
    int i, sum = 0;
    for (i = 0; i < 5; i++) {
        n[i].v = i;
        list_add_tail(&n[i].link, i < 3 ? &a : &b);
    }
    CHECK(count(&a) == 3 && list_is_singular(&b) == 0);
    CHECK(list_first_entry(&a, struct node, link)->v == 0 && list_last_entry(&b, struct node, link)->v == 4);
    list_splice_tail_init(&b, &a);
    CHECK(list_empty(&b) && count(&a) == 5);
    list_for_each_entry_reverse(pos, &a, link) sum = sum * 10 + pos->v;
    CHECK(sum == 43210);
    list_move(&n[4].link, &a);
    CHECK(list_first_entry_or_null(&a, struct node, link) == &n[4]);
    list_for_each_entry_safe(pos, tmp, &a, link) if (pos->v % 2) list_del(&pos->link);
    CHECK(count(&a) == 3);
    list_for_each_entry_safe_reverse(pos, tmp, &a, link) list_del_init(&pos->link);
    CHECK(list_empty(&a) && list_first_entry_or_null(&a, struct node, link) == NULL);
}

static void strings_and_numbers(void) {
    char buf[16];
    int i;
    long l;
    unsigned int u;
    bool yes;
    char *dup;
    CHECK(scnprintf(buf, 4, "%d", 123456) == 3 && strcmp(buf, "123") == 0);
    CHECK(snprintf(buf, sizeof(buf), "%s-%d", "x", 7) == 3);
    CHECK(kstrtoint("-42\n", 10, &i) == 0 && i == -42);
    CHECK(kstrtoint("12x", 10, &i) == -EINVAL);
    CHECK(kstrtouint("0x10", 0, &u) == 0 && u == 16);
    CHECK(kstrtol("99999999999", 10, &l) == 0 && l == 99999999999L);
    CHECK(kstrtoint("99999999999", 10, &i) == -ERANGE);
    CHECK(kstrtobool("on", &yes) == 0 && yes);
    CHECK(strscpy(buf, "a long string here", 8) == -E2BIG && strlen(buf) == 7);
    CHECK(min(3, 4) == 3 && max(3u, 4u) == 4u && clamp(10, 0, 5) == 5 && min_t(long, -1, 2L) == -1);
    CHECK(ARRAY_SIZE(buf) == 16 && DIV_ROUND_UP(7, 2) == 4 && abs(-3) == 3);
    dup = kasprintf(GFP_KERNEL, "%s/%d", "k", 1);
    CHECK(dup && strcmp(dup, "k/1") == 0);
    kfree(dup);
    dup = kstrdup("copy", GFP_KERNEL);
    CHECK(dup && strcmp(strim(dup), "copy") == 0);
    kfree(dup);
    CHECK(sscanf("7 8", "%d %ld", &i, &l) == 2 && i == 7 && l == 8);
}

static void memory(void) {
    int *p = kcalloc(4, sizeof(int), GFP_KERNEL);
    int *q;
    void *v;
    CHECK(p && p[3] == 0);
    q = krealloc(p, 64 * sizeof(int), GFP_KERNEL);
    CHECK(q && ksize(q) >= 64 * sizeof(int));
    kfree(q);
    CHECK(kmalloc_array((size_t)-1, 16, GFP_KERNEL) == NULL);
    v = vzalloc(100);
    CHECK(v && ((char *)v)[99] == 0);
    vfree(v);
    CHECK(IS_ERR(ERR_PTR(-ENOMEM)) && PTR_ERR(ERR_PTR(-ENOMEM)) == -ENOMEM && !IS_ERR_OR_NULL(&counter));
}

static void locks_and_time(void) {
    unsigned long flags;
    struct timespec64 real, mono;
    unsigned long j0 = jiffies;
    ktime_t t0 = ktime_get();
    spin_lock_irqsave(&counter_lock, flags);
    counter++;
    CHECK(spin_is_locked(&counter_lock));
    spin_unlock_irqrestore(&counter_lock, flags);
    CHECK(mutex_trylock(&tour_lock) == 1);
    CHECK(mutex_is_locked(&tour_lock) && mutex_trylock(&tour_lock) == 0);
    mutex_unlock(&tour_lock);
    CHECK(mutex_lock_interruptible(&tour_lock) == 0);
    mutex_unlock(&tour_lock);
    mdelay(1);
    udelay(10);
    msleep(2);
    CHECK(time_after_eq(jiffies, j0 + msecs_to_jiffies(2)) && ktime_ms_delta(ktime_get(), t0) >= 2);
    ktime_get_real_ts64(&real);
    ktime_get_ts64(&mono);
    CHECK(real.tv_sec > 1600000000 && mono.tv_nsec >= 0 && mono.tv_nsec < NSEC_PER_SEC);
    CHECK(HZ == 1000 && jiffies_to_msecs(HZ) == 1000);
    {
        u8 bytes[16] = {0};
        int i, nonzero = 0;
        get_random_bytes(bytes, sizeof(bytes));
        for (i = 0; i < 16; i++) nonzero |= bytes[i];
        CHECK(nonzero); /* all 128 bits zero: 2^-128 */
    }
    atomic_inc(&flag);
    CHECK(atomic_dec_and_test(&flag) && atomic_read(&flag) == 0);
}

static void sleeping(void) {
    struct task_struct *k;
    long left;
    int r;
    left = wait_event_timeout(tour_wq, atomic_read(&flag) == 1, msecs_to_jiffies(5));
    CHECK(left == 0);
    k = kthread_run(waker, NULL, "c_tour_%s", "waker");
    CHECK(!IS_ERR(k));
    if (IS_ERR(k)) return;
    r = wait_event_interruptible(tour_wq, atomic_read(&flag) == 1);
    CHECK(r == 0);
    left = wait_event_interruptible_timeout(tour_wq, atomic_read(&flag) == 1, MAX_SCHEDULE_TIMEOUT);
    CHECK(left > 0);
    CHECK(kthread_stop(k) == 5);
    CHECK(!signal_pending(current) && current->pid > 0 && current->comm[0] != '\0');
    set_current_state(TASK_INTERRUPTIBLE);
    left = schedule_timeout(msecs_to_jiffies(3));
    CHECK(left == 0 && current->__state == TASK_RUNNING);
    CHECK(msleep_interruptible(1) == 0);
}

static int __init tour_init(void) {
    lists();
    strings_and_numbers();
    memory();
    locks_and_time();
    sleeping();
    WARN_ON(counter != 1);
    pr_info("c_api_tour: %d of %d checks failed\n", failed, checks);
    return 0;
}

static void __exit tour_exit(void) {}

module_init(tour_init);
module_exit(tour_exit);
