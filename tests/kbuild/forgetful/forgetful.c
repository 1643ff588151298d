/* A module whose exit forgets to reset the stubs it set (as some students'
 * do): the kernel must clear them, naming each, before unmapping it. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

MODULE_LICENSE("GPL");

extern int (*STUB_start_elevator)(void);
extern int (*STUB_stop_elevator)(void);

static int forgetful_start(void)
{
	return 11;
}

static int forgetful_stop(void)
{
	return 12;
}

static int __init forgetful_init(void)
{
	STUB_start_elevator = forgetful_start;
	STUB_stop_elevator = forgetful_stop;
	return 0;
}

static void __exit forgetful_exit(void)
{
	printk(KERN_INFO "forgetful: bye (stubs left set)\n");
}

module_init(forgetful_init);
module_exit(forgetful_exit);
