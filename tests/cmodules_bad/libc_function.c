/* printf is the C library's, not the kernel's: refused as on Linux. */
#include <linux/module.h>
MODULE_LICENSE("GPL");

static int __init bad_init(void) {
    printf("hello\n");
    return 0;
}
module_init(bad_init);
