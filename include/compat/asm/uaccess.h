/* Older code includes <asm/uaccess.h>: the same as <linux/uaccess.h>. */
#include <linux/uaccess.h>
