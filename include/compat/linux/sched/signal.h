/* signal_pending and friends (linux/sched/signal.h): see linux/sched.h. */
#ifndef _UKERN_LINUX_SCHED_SIGNAL_H
#define _UKERN_LINUX_SCHED_SIGNAL_H
#include <linux/sched.h>
#endif
