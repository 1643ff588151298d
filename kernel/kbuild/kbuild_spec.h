// What a Kbuild Makefile asks for, as `ukern kbuild` reads it: GNU make
// itself evaluates the student's Makefile (or Kbuild file) with
// KERNELRELEASE set, as the kernel's build does, and a small rule of
// ukern's prints the variables that matter. Rules that call the real
// kernel's make (default, all, clean) are never run.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace ukern::kbuild {

struct ModuleSpec {
  std::string name;                // elevator (from obj-m += elevator.o)
  std::vector<std::string> parts;  // objects, e.g. src/elevator.o src/proc_file.o (itself when single)
};

struct KbuildSpec {
  std::vector<ModuleSpec> modules;                                // obj-m
  std::vector<std::string> builtin;                               // obj-y (built into the kernel)
  std::vector<std::string> ccflags;                               // ccflags-y, EXTRA_CFLAGS, subdir-ccflags-y
  std::map<std::string, std::vector<std::string>> object_cflags;  // CFLAGS_foo.o
  std::string messages;                                           // the Makefile's own output ($(info), $(warning))
};

/// The make fragment whose target prints the variables (marker lines).
std::string kbuild_printer_makefile();
/// The target to ask make for.
constexpr const char* kPrinterTarget = "__ukern_kbuild_print";

/// Reads the output of make running the printer. Errors (an obj-m entry
/// that is not NAME.o, a part that is not an object) in `error`.
KbuildSpec parse_kbuild_output(const std::string& make_output, std::string* error);

/// Splits a flags string as the shell would (quotes and backslashes).
std::vector<std::string> split_flags(const std::string& s);

}  // namespace ukern::kbuild
