// `ukern kbuild DIR` and `ukern up --builtin FILE.c`: building a course's
// Linux-style C sources for ukern.
#pragma once
#include <string>

namespace ukern {

struct KbuildOptions {
  bool verbose = false;  // print each command (Kbuild's V=1)
  bool clean = false;    // remove what kbuild made instead of building
};

/// Builds every obj-m module of the Kbuild directory `dir` into
/// `dir/NAME.ko`. Diagnostics go to stderr, with file names relative to
/// `dir` (the student's own). Returns the exit status.
int kbuild_directory(const std::string& dir, const KbuildOptions& opts);

/// Compiles a built-in file (obj-y) into `out_dir`; returns the object's
/// absolute path, or "" after printing the compiler's diagnostics.
std::string kbuild_builtin_object(const std::string& file, const std::string& out_dir);

}  // namespace ukern
