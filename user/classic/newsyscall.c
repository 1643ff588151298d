/* Calls newsyscall (387) through libnew.a; the greeting is in dmesg. */
#include <stdio.h>

#include "ukern/classic.h"

int main(void) {
  long ret = newsyscall();
  if (ret < 0)
    perror("system call error");
  else
    printf("Function successful, returned %li\n", ret);
  return ret < 0;
}
