/* /proc/elevator: the state, the car and every floor, formatted into a
 * buffer under the elevator's lock and handed out with
 * simple_read_from_buffer (so any read size and offset works). */
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "elevator.h"

#define ENTRY_NAME "elevator"
#define BUF_SIZE 8192

static struct proc_dir_entry *elevator_entry;

static const char *state_name(enum elevator_state s) {
    switch (s) {
    case OFFLINE: return "OFFLINE";
    case IDLE: return "IDLE";
    case LOADING: return "LOADING";
    case UP: return "UP";
    case DOWN: return "DOWN";
    }
    return "?";
}

static int format_elevator(char *buf, size_t size) {
    struct passenger *p;
    int len = 0, f, n, shown;

    mutex_lock(&elevator.lock);
    len += scnprintf(buf + len, size - len, "Elevator state: %s\n", state_name(elevator.state));
    len += scnprintf(buf + len, size - len, "Current floor: %d\n", elevator.current_floor);
    len += scnprintf(buf + len, size - len, "Current load: %d lbs\n", elevator.load);
    len += scnprintf(buf + len, size - len, "Elevator status:");
    list_for_each_entry(p, &elevator.passengers, list)
        len += scnprintf(buf + len, size - len, " %c%d", type_letter[p->type], p->destination);
    len += scnprintf(buf + len, size - len, "\n\n");

    for (f = NUM_FLOORS; f >= 1; f--) {
        n = 0;
        list_for_each_entry(p, &elevator.floors[f - 1], list) n++;
        len += scnprintf(buf + len, size - len, "[%c] Floor %d: %d",
                         f == elevator.current_floor ? '*' : ' ', f, n);
        shown = 0;
        list_for_each_entry(p, &elevator.floors[f - 1], list) {
            if (shown == PROC_LIST_MAX) {
                len += scnprintf(buf + len, size - len, " ... (%d more)", n - shown);
                break;
            }
            len += scnprintf(buf + len, size - len, " %c%d", type_letter[p->type], p->destination);
            shown++;
        }
        len += scnprintf(buf + len, size - len, "\n");
    }

    len += scnprintf(buf + len, size - len, "\nNumber of passengers: %d\n", elevator.num_passengers);
    len += scnprintf(buf + len, size - len, "Number of passengers waiting: %d\n", elevator.num_waiting);
    len += scnprintf(buf + len, size - len, "Number of passengers serviced: %d\n", elevator.num_serviced);
    mutex_unlock(&elevator.lock);
    return len;
}

static ssize_t elevator_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos) {
    char *buf;
    int len;
    ssize_t ret;

    buf = kmalloc(BUF_SIZE, GFP_KERNEL);
    if (!buf)
        return -ENOMEM;
    len = format_elevator(buf, BUF_SIZE);
    ret = simple_read_from_buffer(ubuf, count, ppos, buf, len);
    kfree(buf);
    return ret;
}

static const struct proc_ops elevator_fops = {
    .proc_read = elevator_read,
};

int elevator_proc_create(void) {
    elevator_entry = proc_create(ENTRY_NAME, 0644, NULL, &elevator_fops);
    return elevator_entry ? 0 : -ENOMEM;
}

void elevator_proc_remove(void) {
    proc_remove(elevator_entry);
}
