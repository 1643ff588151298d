#include "kernel/boot.h"

namespace ukern {

Result<void> boot_subsystems(const RuntimePaths&, std::string*) { return {}; }

void shutdown_subsystems() {}

}  // namespace ukern
