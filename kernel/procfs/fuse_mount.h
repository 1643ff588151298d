// Serving the /proc tree as a FUSE filesystem at RUNTIME_DIR/proc.
#pragma once
#include <string>

#include "ukern/result.h"

namespace ukern {

/// Clears what a crashed kernel left at `mountpoint` (a dead FUSE mount, or
/// any mount), creates the directory, mounts, and starts the serving
/// threads. Errors (with `*why`): the mount failed (no /dev/fuse, ...).
Result<void> procfs_fuse_mount(const std::string& mountpoint, std::string* why);
/// Unmounts and stops the serving threads. No-op when not mounted.
void procfs_fuse_unmount();
/// True while the filesystem is mounted by this kernel.
bool procfs_fuse_mounted();
/// Lazily unmounts whatever is mounted at `path` (umount2 MNT_DETACH as
/// root, `fusermount3 -u -z` otherwise). True when something was unmounted.
bool procfs_detach_stale_mount(const std::string& path);

}  // namespace ukern
