/* Uses a Linux API that ukern's headers do not provide (a character device):
 * the build must fail naming it, not the load or the run. */
#include <linux/fs.h>
#include <linux/module.h>
MODULE_LICENSE("GPL");

static const struct file_operations fops;

static int __init bad_init(void) {
    return register_chrdev(0, "bad", &fops);
}
module_init(bad_init);
