// test_perm: /proc entries and parameters with different permissions, for
// the tests of who may see what.
//   /proc/test_perm/open     0444  "open\n"
//   /proc/test_perm/secret   0400  "secret\n"
//   /proc/test_perm/knob     0600  writable by the owner only
// Parameters: shown (0444) = 1, hidden (0) = 7.
#include "ukern/module.h"
#include "ukern/proc_fs.h"

namespace {

int shown = 1;
module_param(shown, int, 0444);
int hidden = 7;
module_param(hidden, int, 0);

ukern::proc_dir_entry* g_dir = nullptr;

int open_show(ukern::seq_file* m, void*) {
  seq_puts(m, "open\n");
  return 0;
}
int secret_show(ukern::seq_file* m, void*) {
  seq_puts(m, "secret\n");
  return 0;
}
ssize_t knob_write(const char*, size_t count, off_t, void*) { return static_cast<ssize_t>(count); }

const ukern::proc_ops open_ops = {.proc_show = open_show};
const ukern::proc_ops secret_ops = {.proc_show = secret_show};
const ukern::proc_ops knob_ops = {.proc_show = secret_show, .proc_write = knob_write};

int __init test_perm_init() {
  g_dir = ukern::proc_mkdir("test_perm", nullptr);
  if (!g_dir) return -ENOMEM;
  if (!ukern::proc_create("open", 0444, g_dir, &open_ops) || !ukern::proc_create("secret", 0400, g_dir, &secret_ops) ||
      !ukern::proc_create("knob", 0600, g_dir, &knob_ops)) {
    ukern::proc_remove(g_dir);
    return -ENOMEM;
  }
  return 0;
}

void __exit test_perm_exit() { ukern::proc_remove(g_dir); }

}  // namespace

module_init(test_perm_init);
module_exit(test_perm_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("proc entries and parameters of different permissions");
