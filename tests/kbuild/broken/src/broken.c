/* Does not compile: a call to a function no header declares (line 13). */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

MODULE_LICENSE("GPL");

static int answer = 42;

static int __init broken_init(void)
{
	printk(KERN_INFO "broken: %d\n", answer);
	return frobnicate_the_elevator(answer);
}

module_init(broken_init);
