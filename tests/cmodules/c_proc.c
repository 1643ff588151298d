/* Mutex + list_head + kmalloc + /proc in the course's style: a list of
 * items (`items` of them at init, more written to /proc/c_proc_add), shown
 * by two files described two ways:
 *   c_proc       struct proc_ops, a kmalloc'ed buffer, simple_read_from_buffer
 *   c_proc_seq   proc_create_single + seq_printf
 * (c_proc_pre56.c shows the same with struct file_operations.)
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("list, mutex, kmalloc and /proc from C");

#define BUF_LEN 4096

struct item {
    int value;
    struct list_head node;
};

static int items = 3;
module_param(items, int, 0444);

static LIST_HEAD(item_list);
static DEFINE_MUTEX(item_lock);
static struct proc_dir_entry *entries[3];

static int add_item(int value) {
    struct item *it = kmalloc(sizeof(*it), GFP_KERNEL);
    if (!it) return -ENOMEM;
    it->value = value;
    mutex_lock(&item_lock);
    list_add_tail(&it->node, &item_list);
    mutex_unlock(&item_lock);
    return 0;
}

/* Formats the list into buf; returns the length. */
static int render(char *buf, size_t size) {
    struct item *it;
    int len = 0, n = 0;
    mutex_lock(&item_lock);
    list_for_each_entry(it, &item_list, node) n++;
    len += scnprintf(buf + len, size - len, "items: %d\n", n);
    list_for_each_entry(it, &item_list, node)
        len += scnprintf(buf + len, size - len, "item %d\n", it->value);
    mutex_unlock(&item_lock);
    return len;
}

static ssize_t ops_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos) {
    char *buf = kmalloc(BUF_LEN, GFP_KERNEL);
    ssize_t ret;
    int len;
    if (!buf) return -ENOMEM;
    len = render(buf, BUF_LEN);
    ret = simple_read_from_buffer(ubuf, count, ppos, buf, len);
    kfree(buf);
    return ret;
}

static int seq_show(struct seq_file *m, void *v) {
    struct item *it;
    seq_printf(m, "%s\n", (char *)m->private);
    mutex_lock(&item_lock);
    list_for_each_entry(it, &item_list, node) seq_printf(m, "%d ", it->value);
    mutex_unlock(&item_lock);
    seq_putc(m, '\n');
    return 0;
}

static ssize_t add_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos) {
    char buf[32] = {0};
    int value, ret;
    if (count >= sizeof(buf)) return -EINVAL;
    if (simple_write_to_buffer(buf, sizeof(buf) - 1, ppos, ubuf, count) != count) return -EFAULT;
    ret = kstrtoint(buf, 10, &value);
    if (ret) return ret;
    ret = add_item(value);
    return ret ? ret : count;
}

static const struct proc_ops c_proc_ops = {
    .proc_read = ops_read,
};
static const struct proc_ops c_add_ops = {
    .proc_write = add_write,
};

static char seq_title[] = "values:";

static int __init c_proc_init(void) {
    int i;
    for (i = 0; i < items; i++)
        if (add_item(i * 10)) return -ENOMEM;
    entries[0] = proc_create("c_proc", 0444, NULL, &c_proc_ops);
    entries[1] = proc_create_single_data("c_proc_seq", 0444, NULL, seq_show, seq_title);
    entries[2] = proc_create("c_proc_add", 0200, NULL, &c_add_ops);
    for (i = 0; i < 3; i++)
        if (!entries[i]) return -ENOMEM;
    return 0;
}

static void __exit c_proc_exit(void) {
    struct item *it, *tmp;
    int i;
    for (i = 0; i < 3; i++) proc_remove(entries[i]);
    list_for_each_entry_safe(it, tmp, &item_list, node) {
        list_del(&it->node);
        kfree(it);
    }
}

module_init(c_proc_init);
module_exit(c_proc_exit);
