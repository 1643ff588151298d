/* Time (linux/time.h): timespec64, the clocks, jiffies. */
#ifndef _UKERN_LINUX_TIME_H
#define _UKERN_LINUX_TIME_H

#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>

#endif
