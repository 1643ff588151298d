/* issue_request(ms, value, 0) sleeps ms milliseconds in msleep, then
 * answers value: a call that is still in the module when rmmod comes. */
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

MODULE_LICENSE("GPL");

extern int (*STUB_issue_request)(int, int, int);

static int sleeper_issue_request(int ms, int value, int unused)
{
	printk(KERN_INFO "sleeper: sleeping %d ms\n", ms);
	msleep(ms);
	printk(KERN_INFO "sleeper: awake, answering %d\n", value);
	return value;
}

static int __init sleeper_init(void)
{
	STUB_issue_request = sleeper_issue_request;
	return 0;
}

static void __exit sleeper_exit(void)
{
	STUB_issue_request = NULL;
	printk(KERN_INFO "sleeper: exit\n");
}

module_init(sleeper_init);
module_exit(sleeper_exit);
