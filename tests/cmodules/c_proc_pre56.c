/* /proc as terms before Linux 5.6 wrote it: struct file_operations with
 * .open/.read/.release, copy_to_user and the module's own *ppos check, the
 * entry's data from PDE_DATA. (Linux 6.x refuses this; ukern still runs it,
 * so tests/kbuild/linux_build.sh leaves this file out.) */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
MODULE_LICENSE("GPL");

static int items = 3;
module_param(items, int, 0444);

static ssize_t fops_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos) {
    char buf[512];
    int i, len = 0, n = *(int *)file->private_data;
    len += scnprintf(buf + len, sizeof(buf) - len, "items: %d\n", n);
    for (i = 0; i < n; i++) len += scnprintf(buf + len, sizeof(buf) - len, "item %d\n", i * 10);
    if (*ppos >= len) return 0;
    if (count > len - *ppos) count = len - *ppos;
    if (copy_to_user(ubuf, buf + *ppos, count)) return -EFAULT;
    *ppos += count;
    return count;
}

static int fops_open(struct inode *inode, struct file *file) {
    file->private_data = PDE_DATA(inode);
    return 0;
}

static int fops_release(struct inode *inode, struct file *file) { return 0; }

static const struct file_operations c_proc_fops = {
    .owner = THIS_MODULE,
    .open = fops_open,
    .read = fops_read,
    .release = fops_release,
};

static int __init pre56_init(void) {
    return proc_create_data("c_proc_fops", 0444, NULL, &c_proc_fops, &items) ? 0 : -ENOMEM;
}

static void __exit pre56_exit(void) { remove_proc_entry("c_proc_fops", NULL); }

module_init(pre56_init);
module_exit(pre56_exit);
