/* elevator_calls start | stop | issue N SEED: the elevator's system calls
 * (548 start_elevator, 549 issue_request, 550 stop_elevator), as the
 * course's producer and consumer make them. `issue` sends N requests with
 * random floors (1-6) and types (0-3) and prints "issued=N refused=M";
 * start and stop print "ret=R errno=E". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc >= 2 && (strcmp(argv[1], "start") == 0 || strcmp(argv[1], "stop") == 0)) {
    long r = syscall(strcmp(argv[1], "start") == 0 ? 548 : 550);
    printf("ret=%ld errno=%d\n", r, r < 0 ? errno : 0);
    return 0;
  }
  if (argc == 4 && strcmp(argv[1], "issue") == 0) {
    int n = atoi(argv[2]), issued = 0, refused = 0;
    unsigned seed = (unsigned)atoi(argv[3]);
    for (int i = 0; i < n; ++i) {
      int start = 1 + rand_r(&seed) % 6, dest = 1 + rand_r(&seed) % 6, type = rand_r(&seed) % 4;
      if (dest == start) dest = dest % 6 + 1;
      if (syscall(549, start, dest, type) == 0) ++issued;
      else ++refused;
    }
    printf("issued=%d refused=%d\n", issued, refused);
    return 0;
  }
  fprintf(stderr, "usage: elevator_calls start | stop | issue N SEED\n");
  return 2;
}
