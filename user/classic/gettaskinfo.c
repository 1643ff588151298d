/* gettaskinfo [PID]: what gettaskinfo (389) tells about task PID (default:
 * this program itself), one field a line. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ukern/classic.h"

int main(int argc, char **argv) {
  pid_t pid = argc > 1 ? (pid_t)atoi(argv[1]) : getpid();
  struct mystat st;
  if (gettaskinfo(pid, &st) < 0) {
    perror("gettaskinfo");
    return 1;
  }
  printf("pid is %d\n", st.pid);
  printf("ppid is %d\n", st.ppid);
  printf("state is %d\n", st.stat);
  printf("priority is %d\n", st.priority);
  printf("policy is %d\n", st.policy);
  printf("utime is %ld\n", st.utime);
  printf("stime is %ld\n", st.stime);
  printf("starttime is %ld\n", st.starttime);
  printf("min_flt is %lu\n", st.min_flt);
  printf("maj_flt is %lu\n", st.maj_flt);
  printf("open files is %ld\n", st.open_files);
  return 0;
}
