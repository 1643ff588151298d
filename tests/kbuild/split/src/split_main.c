/* A module in two files under src/, with a header under include/ and flags
 * from ccflags-y and EXTRA_CFLAGS: issue_request answers from the other file. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include "split.h"

MODULE_LICENSE("GPL");

extern int (*STUB_issue_request)(int, int, int);

static int __init split_init(void)
{
	printk(KERN_INFO "split: %s\n", SPLIT_GREETING);
	STUB_issue_request = split_issue_request;
	return 0;
}

static void __exit split_exit(void)
{
	STUB_issue_request = NULL;
}

module_init(split_init);
module_exit(split_exit);
