// Compiling Linux-style C for ukern: where the <linux/*.h> compat headers
// are, the flags a Kbuild-like compile uses, and running the compiler. Shared
// by the `ukern` command (`kbuild`, `up --builtin`) and the kernel (which
// links the built-in object at boot).
#pragma once
#include <string>
#include <vector>

namespace ukern::kbuild {

/// The directory that holds linux/module.h and the other compat headers
/// ($UKERN_COMPAT_INCLUDE, else beside the binaries, else the source tree
/// this ukern was built from). Empty when none is found.
std::string compat_include_dir();

/// The C compiler: $CC if set, else gcc.
std::string c_compiler();

/// The flags of one compile, as Kbuild would give them for a module named
/// `modname` (KBUILD_MODNAME) and a source whose base name is `basename`:
/// gnu11, -nostdinc with only gcc's own headers and the compat headers on
/// the include path, __KERNEL__ and MODULE, Linux's warning set, and -fPIC
/// (a module is a shared object here). `module` false: a built-in file
/// (no -DMODULE).
std::vector<std::string> kernel_cflags(const std::string& modname, const std::string& basename, bool module);

/// Link flags of a module or built-in shared object.
std::vector<std::string> kernel_ldflags();

struct CommandResult {
  int status = -1;     // exit status, 128+signal, or -1 when it could not run
  std::string output;  // stdout and stderr, interleaved
};

/// Runs argv[0] (looked up in PATH) in `cwd` with stdin from /dev/null and
/// the make jobserver variables removed from its environment; collects its
/// output.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& cwd = "");

/// True when `s` is a C identifier.
bool is_c_identifier(const std::string& s);

}  // namespace ukern::kbuild
