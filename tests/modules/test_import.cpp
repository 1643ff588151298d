// test_import: uses test_export's symbols through symbol_get, as a Linux
// module uses another's; logs "test_import: 40 + 2 = 42".
#include "ukern/module.h"
#include "ukern/printk.h"

namespace {

int __init test_import_init() {
  auto* add = reinterpret_cast<int (*)(int, int)>(symbol_get(test_export_add));
  auto* counter = static_cast<int*>(symbol_get(test_export_counter));
  if (add == nullptr || counter == nullptr) {
    if (add) symbol_put(test_export_add);
    if (counter) symbol_put(test_export_counter);
    pr_err("test_import: test_export is not loaded\n");
    return -ENOENT;
  }
  pr_info("test_import: %d + 2 = %d\n", *counter, add(*counter, 2));
  return 0;
}

void __exit test_import_exit() {
  symbol_put(test_export_add);
  symbol_put(test_export_counter);
}

}  // namespace

module_init(test_import_init);
module_exit(test_import_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("imports symbols from test_export");
