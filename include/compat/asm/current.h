/* `current` (see linux/sched.h). */
#include <linux/sched.h>
