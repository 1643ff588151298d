/* consumer --start | --stop: starts or stops the elevator, as the course's
 * own consumer does, with the same output. */
#include <stdio.h>
#include <string.h>

#include "ukern/elevator.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    printf("wrong number of args\n");
    return 1;
  }
  if (strcmp(argv[1], "--start") == 0) {
    printf("Start elevator returned %ld\n", start_elevator());
  } else if (strcmp(argv[1], "--stop") == 0) {
    printf("Stop elevator returned %ld\n", stop_elevator());
  } else {
    fprintf(stderr, "consumer: unknown argument '%s' (use --start or --stop)\n", argv[1]);
    return 1;
  }
  return 0;
}
