/* The lecture's module: the slide's functions, with the return types and
 * the module_init/module_exit lines of the lecture's hello.c (the slide
 * leaves them out; a current kernel refuses functions without a type). */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
MODULE_LICENSE("GPL");

/* Extern system call stub declarations */
extern long (*STUB_test_newsyscall)(int test_int);

long my_test_newsyscall(int test) {
    printk("%s: Your int is %i\n", __FUNCTION__, test);
    return test;
}

static int my_module_init(void) {
    STUB_test_newsyscall = &(my_test_newsyscall);
    return 0;
}

static void my_module_exit(void) {
    STUB_test_newsyscall = NULL;
}

module_init(my_module_init);
module_exit(my_module_exit);
