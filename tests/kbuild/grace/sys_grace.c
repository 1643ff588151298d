/* A built-in file whose wrapper calls a hook that is not named after its
 * row (so the kernel cannot tell which module a call enters): unloading the
 * module that sets it relies on the grace period alone. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/syscalls.h>

long (*grace_hook)(int ms, int value) = NULL;
EXPORT_SYMBOL(grace_hook);

SYSCALL_DEFINE3(issue_request, int, ms, int, value, int, unused)
{
	long (*hook)(int, int) = grace_hook;

	if (hook)
		return hook(ms, value);
	return -ENOSYS;
}

/* A misspelt name: the table has no row for it, which the kernel says at boot. */
SYSCALL_DEFINE0(isue_request)
{
	return 0;
}
