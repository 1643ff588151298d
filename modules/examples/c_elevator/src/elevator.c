/* Project 2, the dorm elevator: three system calls through the kernel's
 * STUB_ pointers, one kthread that moves the car (LOOK: keep going while
 * there is work ahead), passengers on list_head lists, /proc/elevator in
 * proc_file.c. */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "elevator.h"

MODULE_LICENSE("GPL");
MODULE_AUTHOR("a COP4610 student");
MODULE_DESCRIPTION("dorm elevator (Project 2)");

static int max_waiting;
module_param(max_waiting, int, 0444);
MODULE_PARM_DESC(max_waiting, "most passengers waiting at once (0: no limit)");

extern int (*STUB_start_elevator)(void);
extern int (*STUB_issue_request)(int, int, int);
extern int (*STUB_stop_elevator)(void);

const char type_letter[NUM_TYPES] = {'F', 'O', 'J', 'S'};
const int type_weight[NUM_TYPES] = {100, 150, 200, 250};

struct elevator elevator;
static struct task_struct *elevator_thread;

static int start_elevator(void) {
    int ret = 0;
    mutex_lock(&elevator.lock);
    if (elevator.state != OFFLINE) {
        ret = 1;    /* already running, or still stopping */
    } else {
        elevator.state = IDLE;
        elevator.current_floor = 1;
        elevator.direction = 1;
        elevator.stopping = false;
    }
    mutex_unlock(&elevator.lock);
    wake_up(&elevator.work);
    return ret;
}

static int issue_request(int start_floor, int destination_floor, int type) {
    struct passenger *p;
    if (start_floor < 1 || start_floor > NUM_FLOORS || destination_floor < 1 ||
        destination_floor > NUM_FLOORS || start_floor == destination_floor || type < 0 || type >= NUM_TYPES)
        return 1;
    p = kmalloc(sizeof(*p), GFP_KERNEL);
    if (!p)
        return -ENOMEM;
    p->type = type;
    p->destination = destination_floor;
    mutex_lock(&elevator.lock);
    if (max_waiting > 0 && elevator.num_waiting >= max_waiting) {
        mutex_unlock(&elevator.lock);
        kfree(p);
        return -EAGAIN;
    }
    list_add_tail(&p->list, &elevator.floors[start_floor - 1]);
    elevator.num_waiting++;
    mutex_unlock(&elevator.lock);
    wake_up(&elevator.work);
    return 0;
}

static int stop_elevator(void) {
    int ret = 0;
    mutex_lock(&elevator.lock);
    if (elevator.state == OFFLINE || elevator.stopping)
        ret = 1;
    else
        elevator.stopping = true;
    mutex_unlock(&elevator.lock);
    wake_up(&elevator.work);
    return ret;
}

static bool fits(const struct passenger *p) {
    return elevator.num_passengers < MAX_PASSENGERS && elevator.load + type_weight[p->type] <= MAX_WEIGHT;
}

/* Someone aboard gets off here, or (not stopping) someone here can board. */
static bool stop_here(void) {
    struct passenger *p;
    list_for_each_entry(p, &elevator.passengers, list)
        if (p->destination == elevator.current_floor)
            return true;
    if (elevator.stopping)
        return false;
    list_for_each_entry(p, &elevator.floors[elevator.current_floor - 1], list)
        if (fits(p))
            return true;
    return false;
}

/* Work on floors beyond the car in direction `dir`. */
static bool work_ahead(int dir) {
    struct passenger *p;
    int f;
    list_for_each_entry(p, &elevator.passengers, list)
        if ((p->destination - elevator.current_floor) * dir > 0)
            return true;
    if (elevator.stopping)
        return false;
    for (f = elevator.current_floor + dir; f >= 1 && f <= NUM_FLOORS; f += dir)
        if (!list_empty(&elevator.floors[f - 1]))
            return true;
    return false;
}

static bool has_work(void) {
    bool work;
    mutex_lock(&elevator.lock);
    work = elevator.state != OFFLINE &&
           (elevator.num_passengers > 0 || elevator.stopping || elevator.num_waiting > 0);
    mutex_unlock(&elevator.lock);
    return work;
}

/* Unloads who arrived, then boards in arrival order whoever fits. */
static void load_and_unload(void) {
    struct passenger *p, *tmp;
    list_for_each_entry_safe(p, tmp, &elevator.passengers, list) {
        if (p->destination != elevator.current_floor)
            continue;
        list_del(&p->list);
        elevator.num_passengers--;
        elevator.load -= type_weight[p->type];
        elevator.num_serviced++;
        kfree(p);
    }
    if (elevator.stopping)
        return;
    list_for_each_entry_safe(p, tmp, &elevator.floors[elevator.current_floor - 1], list) {
        if (!fits(p))
            continue;   /* keeps its place */
        list_move_tail(&p->list, &elevator.passengers);
        elevator.num_waiting--;
        elevator.num_passengers++;
        elevator.load += type_weight[p->type];
    }
}

static int elevator_run(void *data) {
    while (!kthread_should_stop()) {
        wait_event_interruptible(elevator.work, has_work() || kthread_should_stop());
        if (kthread_should_stop())
            break;
        mutex_lock(&elevator.lock);
        if (elevator.state == OFFLINE) {
            mutex_unlock(&elevator.lock);
            continue;
        }
        if (stop_here()) {
            elevator.state = LOADING;
            mutex_unlock(&elevator.lock);
            msleep_interruptible(LOAD_TIME_MS);
            mutex_lock(&elevator.lock);
            load_and_unload();
        }
        if (!work_ahead(elevator.direction))
            elevator.direction = -elevator.direction;
        if (work_ahead(elevator.direction)) {
            elevator.state = elevator.direction > 0 ? UP : DOWN;
            mutex_unlock(&elevator.lock);
            msleep_interruptible(FLOOR_TIME_MS);
            mutex_lock(&elevator.lock);
            elevator.current_floor += elevator.direction;
        } else if (elevator.stopping && elevator.num_passengers == 0) {
            elevator.state = OFFLINE;
            elevator.stopping = false;
        } else if (!stop_here()) {
            elevator.state = IDLE;
        }
        mutex_unlock(&elevator.lock);
    }
    return 0;
}

static int free_list(struct list_head *head) {
    struct passenger *p, *tmp;
    int n = 0;
    list_for_each_entry_safe(p, tmp, head, list) {
        list_del(&p->list);
        kfree(p);
        n++;
    }
    return n;
}

static int __init elevator_init(void) {
    int i, ret;
    mutex_init(&elevator.lock);
    init_waitqueue_head(&elevator.work);
    INIT_LIST_HEAD(&elevator.passengers);
    for (i = 0; i < NUM_FLOORS; i++)
        INIT_LIST_HEAD(&elevator.floors[i]);
    elevator.state = OFFLINE;
    elevator.current_floor = 1;
    elevator.direction = 1;

    ret = elevator_proc_create();
    if (ret)
        return ret;
    elevator_thread = kthread_run(elevator_run, NULL, "elevator_thread");
    if (IS_ERR(elevator_thread)) {
        elevator_proc_remove();
        return PTR_ERR(elevator_thread);
    }
    STUB_start_elevator = start_elevator;
    STUB_issue_request = issue_request;
    STUB_stop_elevator = stop_elevator;
    return 0;
}

static void __exit elevator_exit(void) {
    int i, dropped = 0;
    STUB_start_elevator = NULL;
    STUB_issue_request = NULL;
    STUB_stop_elevator = NULL;
    kthread_stop(elevator_thread);
    elevator_proc_remove();
    mutex_lock(&elevator.lock);
    for (i = 0; i < NUM_FLOORS; i++)
        dropped += free_list(&elevator.floors[i]);
    free_list(&elevator.passengers);
    mutex_unlock(&elevator.lock);
    printk(KERN_INFO "elevator: %d waiting passengers dropped at unload\n", dropped);
}

module_init(elevator_init);
module_exit(elevator_exit);
