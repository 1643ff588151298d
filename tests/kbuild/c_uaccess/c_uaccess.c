/* show_mult in C, in the second lecture's style: access_ok, then
 * copy_to_user of x * y into the caller's int; get_user/put_user round
 * trip through the same int first. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/uaccess.h>
MODULE_LICENSE("GPL");

extern long (*STUB_show_mult)(int x, int y, int __user *res);

static long my_show_mult(int x, int y, int __user *res) {
    long long product = (long long)x * y;
    int result, old;
    if (product > INT_MAX || product < INT_MIN)
        return -EOVERFLOW;
    result = (int)product;
    if (!access_ok(res, sizeof(*res)))
        return -EFAULT;
    if (get_user(old, res))
        return -EFAULT;
    if (copy_to_user(res, &result, sizeof(result)))
        return -EFAULT;
    printk(KERN_INFO "show_mult: %d * %d = %d (was %d, caller %s)\n", x, y, result, old, current->comm);
    return 0;
}

static int __init c_uaccess_init(void) {
    STUB_show_mult = my_show_mult;
    return 0;
}

static void __exit c_uaccess_exit(void) {
    STUB_show_mult = NULL;
}

module_init(c_uaccess_init);
module_exit(c_uaccess_exit);
