// test_export: exports a function and a counter for test_import.
#include "ukern/module.h"

namespace {
int __init test_export_init() { return 0; }
void __exit test_export_exit() {}
}  // namespace

extern "C" int test_export_add(int a, int b) { return a + b; }
int test_export_counter = 40;

EXPORT_SYMBOL(test_export_add);
EXPORT_SYMBOL(test_export_counter);
module_init(test_export_init);
module_exit(test_export_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports symbols for test_import");
