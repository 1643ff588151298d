/* Includes a Linux header that ukern does not provide. */
#include <linux/cdev.h>
#include <linux/module.h>
MODULE_LICENSE("GPL");
