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

/// Makes sure `dir` is a safe runtime dir for a kernel of this user: creates
/// it 0700 if missing; an existing one must be a real directory (not a
/// symlink), owned by this user and not writable by group or others. False
/// with a message in `why` otherwise.
bool runtime_dir_prepare(const std::string& dir, std::string* why);

/// The same checks for a client about to trust the socket in `dir`: a
/// directory the user did not name must belong to the user or root, and
/// ctl.sock must be a socket of the directory's owner.
bool runtime_dir_check_client(const std::string& dir, bool named_by_user, std::string* why);

/// True when the runtime dir was given by the user (flag or
/// $UKERN_RUNTIME_DIR) rather than derived.
bool runtime_dir_named(const std::string& flag);

struct RuntimePaths {
  std::string dir;
  std::string socket() const { return dir + "/ctl.sock"; }
  std::string lock() const { return dir + "/ukernd.lock"; }
  std::string log() const { return dir + "/ukernd.log"; }
  std::string proc() const { return dir + "/proc"; }
};

}  // namespace ukern
