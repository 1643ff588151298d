/* five_syscalls: the course's Part 1, a program that makes exactly five
 * system calls more than an empty C program (empty_program.c):
 *   getpid, getppid, openat (open), close, write.
 * No stdio: printf would add its own calls (an fstat of stdout, then the
 * write). `strace -c -f ./five_syscalls` counts them. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  pid_t pid = getpid();                    /* 1: getpid */
  pid_t ppid = getppid();                  /* 2: getppid */
  int fd = open("/dev/null", O_RDONLY);    /* 3: openat */
  int closed = close(fd);                  /* 4: close */
  char msg[128];
  int n = snprintf(msg, sizeof msg, "pid %d, parent %d, opened fd %d and closed it (%d)\n", pid, ppid, fd, closed);
  return write(1, msg, (size_t)n) == n ? 0 : 1; /* 5: write */
}
