// test_leak: allocates at init and frees on exit, except what it is told
// to leak; can also free twice on purpose.
//   insmod test_leak objects=5 leak=2 size=100 double_free=1
#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/slab.h"

namespace {

int objects = 4;
int leak = 0;
int size = 64;
bool double_free = false;
void* blocks[64];

__attribute__((noinline)) void* test_leak_alloc_one() { return kmalloc(static_cast<size_t>(size), GFP_KERNEL); }

int __init test_leak_init() {
  if (objects < 0 || objects > 64 || leak < 0 || leak > objects) return -EINVAL;
  for (int i = 0; i < objects; ++i)
    if ((blocks[i] = test_leak_alloc_one()) == nullptr) return -ENOMEM;
  if (double_free) {
    void* p = kmalloc(8, GFP_KERNEL);
    kfree(p);
    kfree(p);
  }
  return 0;
}

void __exit test_leak_exit() {
  for (int i = leak; i < objects; ++i) kfree(blocks[i]);
}

}  // namespace

module_init(test_leak_init);
module_exit(test_leak_exit);
module_param(objects, int, 0444);
module_param(leak, int, 0444);
module_param(size, int, 0444);
module_param(double_free, bool, 0444);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("leaks kmalloc'ed memory on purpose");
