#include "kernel/syscalls/builtin.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <fstream>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "kernel/boot.h"
#include "kernel/kbuild/compiler.h"
#include "kernel/kbuild/elf_symbols.h"
#include "kernel/syscalls/c_stubs.h"
#include "kernel/syscalls/table.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

std::mutex g_mu;
std::string g_object;    // the student's object, "" for none
std::string g_work_dir;  // RUNTIME_DIR/builtin: the generated source and the .so
void* g_handle = nullptr;

// How the course declares a row's stub; rows it does not name get six longs.
struct StubType {
  const char* name;
  const char* ret;
  std::vector<const char*> params;
};
const StubType kCourseStubs[] = {
    {"start_elevator", "int", {}},
    {"issue_request", "int", {"int", "int", "int"}},
    {"stop_elevator", "int", {}},
    {"test_newsyscall", "long", {"int"}},
};

std::string wrapper_source(const TableRow& row) {
  const StubType generic{"", "long", {"long", "long", "long", "long", "long", "long"}};
  const StubType* t = &generic;
  for (const auto& c : kCourseStubs)
    if (row.name == c.name) t = &c;
  std::string params, args;
  for (size_t i = 0; i < t->params.size(); ++i) {
    params += fmt::format("{}{}", i ? ", " : "", t->params[i]);
    args += fmt::format("{}({})a{}", i ? ", " : "", t->params[i], i);
  }
  if (params.empty()) params = "void";
  return fmt::format(
      "/* {nr} {name} */\n"
      "__attribute__((weak)) {ret} (*STUB_{name})({params}) = 0;\n"
      "__attribute__((weak)) long {entry}(long a0, long a1, long a2, long a3, long a4, long a5);\n"
      "__attribute__((weak)) long {entry}(long a0, long a1, long a2, long a3, long a4, long a5)\n"
      "{{\n"
      "\t{stub_type_decl} = __atomic_load_n(&STUB_{name}, __ATOMIC_ACQUIRE);\n"
      "\t(void)a0; (void)a1; (void)a2; (void)a3; (void)a4; (void)a5;\n"
      "\treturn stub ? stub({args}) : -UKERN_ENOSYS;\n"
      "}}\n\n",
      fmt::arg("nr", row.nr), fmt::arg("name", row.name), fmt::arg("ret", t->ret), fmt::arg("params", params),
      fmt::arg("entry", row.entry), fmt::arg("args", args),
      fmt::arg("stub_type_decl", fmt::format("{} (*stub)({})", t->ret, params)));
}

Result<void> boot(const RuntimePaths& paths, std::string* why) {
  {
    std::lock_guard g(g_mu);
    g_work_dir = paths.dir + "/builtin";
    if (g_object.empty()) return {};
  }
  if (auto r = builtin_ensure_loaded(why); !r) return r;
  printk(KERN_INFO "builtin: %s linked into the kernel\n", g_object.c_str());
  return {};
}

UKERN_SUBSYSTEM(builtin, 50, boot, nullptr);

}  // namespace

void builtin_set_object(const std::string& object_path) {
  std::lock_guard g(g_mu);
  g_object = object_path;
}

std::string builtin_wrappers_source() {
  std::string src =
      "/* ukern's own built-in wrappers, generated from the syscall table by the\n"
      " * kernel. Weak: a student's built-in file replaces what it defines. */\n"
      "#define UKERN_ENOSYS 38\n"
      "__attribute__((weak)) void *__ukern_this_module;\n\n";
  for (const auto& row : syscall_table_rows()) {
    if (!kbuild::is_c_identifier(row.entry)) continue;  // not callable from C: C++ stubs only
    src += wrapper_source(row);
  }
  return src;
}

Result<void> builtin_ensure_loaded(std::string* why) {
  std::lock_guard g(g_mu);
  if (g_handle) return {};
  if (g_work_dir.empty()) {
    *why = "the kernel has not booted its built-in object support";
    return Error{ENOEXEC};
  }
  mkdir(g_work_dir.c_str(), 0755);
  const std::string src = g_work_dir + "/ukern_wrappers.c";
  const std::string so = g_work_dir + "/builtin.so";
  {
    std::ofstream out(src);
    out << builtin_wrappers_source();
    if (!out) {
      *why = fmt::format("cannot write {}", src);
      return Error{EIO};
    }
  }
  std::vector<std::string> cmd = {kbuild::c_compiler()};
  for (auto& f : kbuild::kernel_cflags("builtin", "ukern_wrappers", false)) cmd.push_back(f);
  cmd.insert(cmd.end(), {"-o", so, src});
  if (!g_object.empty()) cmd.push_back(g_object);
  for (auto& f : kbuild::kernel_ldflags()) cmd.push_back(f);
  kbuild::CommandResult r = kbuild::run_command(cmd);
  if (r.status != 0) {
    *why = fmt::format("linking the built-in object failed:\n{}", r.output);
    return Error{ENOEXEC};
  }
  void* h = dlopen(so.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (h == nullptr) {
    *why = fmt::format("loading the built-in object: {}", dlerror());
    return Error{ENOEXEC};
  }
  g_handle = h;
  int bound = 0;
  for (const auto& row : syscall_table_rows()) {
    auto* entry = reinterpret_cast<CSyscallEntry>(dlsym(h, ("__se_" + row.entry).c_str()));
    if (entry == nullptr) entry = reinterpret_cast<CSyscallEntry>(dlsym(h, row.entry.c_str()));
    auto* stub = static_cast<void**>(dlsym(h, ("STUB_" + row.name).c_str()));
    if (stub) c_stub_register("STUB_" + row.name, stub);
    if (entry) {
      syscall_table_bind_c(row.nr, entry, stub);
      ++bound;
    }
  }
  printk(KERN_INFO "builtin: C wrappers bound to %d table rows\n", bound);
  // A system call defined in the built-in file for a row the table lacks is
  // most likely a typo: say so.
  std::set<std::string> entries;
  for (const auto& row : syscall_table_rows()) entries.insert({row.entry, "__se_" + row.entry});
  for (const auto& name : kbuild::elf_names(so, true).defined) {
    if ((name.starts_with("__se_sys_") || name.starts_with("sys_")) && !entries.count(name))
      printk(KERN_WARNING "builtin: %s matches no syscall-table row; no system call calls it\n", name.c_str());
  }
  return {};
}

}  // namespace ukern
