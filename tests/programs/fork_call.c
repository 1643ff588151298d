// fork_call: a parent and its forked child each make test_count's null call
// (601, op 2) and print "parent RET" / "child RET". The child reaches the
// kernel only because the filter (and its listener) is inherited across fork.
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    printf("child %ld\n", syscall(601, 2));
    return 0;
  }
  int st = 0;
  waitpid(pid, &st, 0);
  printf("parent %ld\n", syscall(601, 2));
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
