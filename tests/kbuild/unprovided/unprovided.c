/* Compiles, but calls a function that it declares itself and that no
 * kernel provides: the modpost step must refuse it, naming it. */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

MODULE_LICENSE("GPL");

int elevator_secret_helper(int floor);

static char line[32];

static int __init unprovided_init(void)
{
	snprintf(line, sizeof(line), "floor %d", 3);
	return (int)strlen(line) + elevator_secret_helper(1);
}

module_init(unprovided_init);
