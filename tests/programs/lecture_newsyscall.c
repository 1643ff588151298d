/* The lecture's user program, as printed on the slide (it calls syscall()
 * without <unistd.h>: tests/CMakeLists.txt allows that one warning). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <linux/unistd.h>
#define __SYS_TEST_ELEVATOR 337
int main() {
    int test = 5;
    long ret;
    ret = syscall(__SYS_TEST_ELEVATOR, test);
    if (ret < 0) perror("system call error");
    else printf("Function successful, returned %li\n", ret);
    return 0;
}
