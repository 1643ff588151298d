// Where a kernel keeps its files: the runtime directory and the names in it.
#pragma once
#include <string>

namespace ukern {

/// --runtime-dir if given, else $UKERN_RUNTIME_DIR, else /run/ukern for
/// root and $XDG_RUNTIME_DIR/ukern (or /tmp/ukern-UID) otherwise.
std::string resolve_runtime_dir(const std::string& flag);

/// The directory of the running executable (build/bin for a build tree):
/// ukernd, the default syscall table and the modules are found from it.
std::string executable_dir();

struct RuntimePaths {
  std::string dir;
  std::string socket() const { return dir + "/ctl.sock"; }
  std::string lock() const { return dir + "/ukernd.lock"; }
  std::string log() const { return dir + "/ukernd.log"; }
  std::string proc() const { return dir + "/proc"; }
};

}  // namespace ukern
