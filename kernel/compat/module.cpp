// The C face of the module loader and of the kernel's small helpers (bug.h,
// lists): what <linux/module.h>, <linux/bug.h> and <linux/list.h> call.
// Registrations go to the same loader records as the C++ macros, so a C
// module is listed, described and unloaded exactly like a C++ one.
#include <string>

#include "compat/ukern_compat.h"
#include "kernel/debug/report_text.h"
#include "kernel/debug/symbolize.h"
#include "ukern/list.h"
#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/wait.h"

using namespace ukern;

extern "C" {

void ukern_c_modinfo(const char* key, const char* value) { detail::modinfo_record(key, value); }
void ukern_c_module_init(int (*fn)(void)) { detail::modinfo_set_init(fn); }
void ukern_c_module_exit(void (*fn)(void)) { detail::modinfo_set_exit(fn); }

void ukern_c_module_param(const char* name, void* where, int kind, unsigned perm) {
  ParamKind k = ParamKind::Int;
  switch (kind) {
    case UKERN_C_PARAM_INT: k = ParamKind::Int; break;
    case UKERN_C_PARAM_UINT: k = ParamKind::UInt; break;
    case UKERN_C_PARAM_LONG: k = ParamKind::Long; break;
    case UKERN_C_PARAM_ULONG: k = ParamKind::ULong; break;
    case UKERN_C_PARAM_BOOL: k = ParamKind::Bool; break;
    case UKERN_C_PARAM_CHARP: k = ParamKind::CharP; break;
    default: return;
  }
  detail::modinfo_add_param(name, where, k, perm);
}

void ukern_c_export_symbol(const char* name, void* where) { detail::modinfo_add_export(name, where); }

int ukern_c_list_add_valid(void* new_entry, void* prev, void* next) {
  return detail::list_add_valid(static_cast<list_head*>(new_entry), static_cast<list_head*>(prev),
                                static_cast<list_head*>(next));
}
int ukern_c_list_del_valid(void* entry) { return detail::list_del_entry_valid(static_cast<list_head*>(entry)); }

void ukern_c_might_sleep(const char* file, int line) { detail::might_sleep_at(file, line); }

void ukern_c_warn(const char* file, int line, const char* cond) {
  std::string trace;
  for (const auto& f : stack_trace(1)) trace += " " + f + "\n";
  log_report(4, "------------[ cut here ]------------\nWARNING: at " + std::string(file) + ":" +
                    std::to_string(line) + ": " + cond + "\nCall Trace:\n" + trace + "---[ end trace ]---");
}

void ukern_c_bug(const char* file, int line, const char* cond) {
  printk(KERN_EMERG "------------[ cut here ]------------\n");
  printk(KERN_EMERG "kernel BUG at %s:%d! (%s)\n", file, line, cond);
  // The oops guard turns this into the report and ends the entry.
  __builtin_trap();
}

}  // extern "C"
