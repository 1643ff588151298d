/* The course slides' test program, as printed. */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  long ret = syscall(337, 5);
  if (ret < 0)
    perror("system call error");
  else
    printf("Function successful, returned %li\n", ret);
  return 0;
}
