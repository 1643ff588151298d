/* Sets the built-in file's grace_hook to a function that sleeps in msleep. */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

MODULE_LICENSE("GPL");

extern long (*grace_hook)(int ms, int value);

static long grace_sleep(int ms, int value)
{
	printk(KERN_INFO "grace: sleeping %d ms\n", ms);
	msleep(ms);
	printk(KERN_INFO "grace: awake, answering %d\n", value);
	return value;
}

static int __init grace_init(void)
{
	grace_hook = grace_sleep;
	return 0;
}

static void __exit grace_exit(void)
{
	grace_hook = NULL;
	printk(KERN_INFO "grace: exit\n");
}

module_init(grace_init);
module_exit(grace_exit);
