/* Built-in file of the second lecture's system calls: show_mult through a
 * stub pointer, newsyscall printing at level 0 from the kernel itself. */
#include <linux/kernel.h>
#include <linux/linkage.h>
#include <linux/module.h>
#include <linux/syscalls.h>

long (*STUB_show_mult)(int x, int y, int __user *res) = NULL;
EXPORT_SYMBOL(STUB_show_mult);

SYSCALL_DEFINE3(show_mult, int, x, int, y, int __user *, res) {
    if (STUB_show_mult)
        return STUB_show_mult(x, y, res);
    return -ENOSYS;
}

SYSCALL_DEFINE0(newsyscall) {
    printk("<0>hello Linux, I'm in Kernel\n");
    return 0;
}
