/* Allocates with kmalloc, kzalloc, kcalloc, krealloc and vmalloc, frees all
 * but `leak` of them at exit: the leak report at rmmod names them. */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
MODULE_LICENSE("GPL");

static int leak = 1;
module_param(leak, int, 0444);

static void *blocks[5];

static noinline void *c_leak_alloc(int i) {
    switch (i) {
    case 0: return kmalloc(111, GFP_KERNEL);
    case 1: return kzalloc(222, GFP_KERNEL);
    case 2: return kcalloc(3, 111, GFP_KERNEL);
    case 3: return krealloc(kmalloc(10, GFP_KERNEL), 444, GFP_KERNEL);
    default: return vmalloc(555);
    }
}

static int __init leak_init(void) {
    int i;
    for (i = 0; i < 5; i++)
        if (!(blocks[i] = c_leak_alloc(i))) return -ENOMEM;
    return 0;
}

static void __exit leak_exit(void) {
    int i;
    for (i = leak; i < 5; i++) {
        if (i == 4) vfree(blocks[i]);
        else kfree(blocks[i]);
    }
}

module_init(leak_init);
module_exit(leak_exit);
