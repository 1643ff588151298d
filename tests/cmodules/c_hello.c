/* The lecture's hello.c, as printed, plus a parameter and the "<0>" level. */
#include <linux/init.h>
#include <linux/module.h>
MODULE_LICENSE("Dual BSD/GPL");
MODULE_DESCRIPTION("the lecture's hello world");
MODULE_AUTHOR("ukern tests");

static int times = 1;
module_param(times, int, 0644);
MODULE_PARM_DESC(times, "how many greetings");

static int hello_init(void) {
    int i;
    printk(KERN_ALERT "Hello, world!\n");
    for (i = 1; i < times; i++)
        printk(KERN_ALERT "Hello again (%d)\n", i);
    printk("<0>hello Linux, I'm in Kernel\n");
    return 0;
}
static void hello_exit(void) {
    printk(KERN_ALERT "Goodbye, sleepy world.\n");
}
module_init(hello_init);
module_exit(hello_exit);
