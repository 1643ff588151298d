// newsyscall (387): the lecture's hello-world system call.
#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/syscall.h"

namespace {

long newsyscall() {
  printk(KERN_EMERG "hello Linux, I'm in Kernel\n");
  return 0;
}

int __init newsyscall_init() { return syscall_stub_set(THIS_MODULE, "newsyscall", SYSCALL_STUB(newsyscall)); }
void __exit newsyscall_exit() { ukern::syscall_stub_clear(THIS_MODULE, "newsyscall"); }

}  // namespace

module_init(newsyscall_init);
module_exit(newsyscall_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("newsyscall (387): prints a greeting at KERN_EMERG");
