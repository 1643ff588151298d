#include <linux/kernel.h>

#include "split.h"

int split_issue_request(int start_floor, int destination_floor, int type)
{
	return SPLIT_BASE + 100 * start_floor + 10 * destination_floor + type;
}
