/* show_mult X Y: asks the kernel for X*Y through show_mult (388). */
#include <stdio.h>
#include <stdlib.h>

#include "ukern/classic.h"

int main(int argc, char **argv) {
  int x = argc > 1 ? atoi(argv[1]) : 2;
  int y = argc > 2 ? atoi(argv[2]) : 5;
  int res = 0;
  long ret = show_mult(x, y, &res);
  if (ret < 0) {
    perror("show_mult");
    return 1;
  }
  printf("%d * %d = %d\n", x, y, res);
  return 0;
}
