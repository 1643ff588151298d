/* The course's system-call check program: calls 548-550 and says which
 * answer 0 (the check module's functions). */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  if (syscall(548) == 0) printf("start_elevator system call exists.\n");
  else perror("start_elevator system call does not exist");
  if (syscall(549, 0, 1, 0) == 0) printf("issue_request system call exists.\n");
  else perror("issue_request system call does not exist");
  if (syscall(550) == 0) printf("stop_elevator system call exists.\n");
  else perror("stop_elevator system call does not exist");
  return 0;
}
