/* va2pa [VALUE]: writes VALUE (default 2024) into an int and asks va2pa
 * (390) where it lives in physical memory. `ukern dmesg` shows the walk:
 * the index at each page-table level, the frame, and the int found there. */
#include <stdio.h>
#include <stdlib.h>

#include "ukern/classic.h"

int main(int argc, char **argv) {
  int *p = malloc(sizeof *p);
  if (p == NULL) return 1;
  *p = argc > 1 ? atoi(argv[1]) : 2024;
  long phys = va2pa((unsigned long)p);
  if (phys < 0) {
    perror("va2pa");
    return 1;
  }
  printf("virtual address %p holds %d: physical address 0x%lx\n", (void *)p, *p, phys);
  free(p);
  return 0;
}
