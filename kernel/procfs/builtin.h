// The kernel's own /proc files: modules, syscalls, interrupts, kthreads,
// meminfo.
//
// kthreads and meminfo show data that other subsystems own. They plug in a
// renderer without touching procfs:
//
//   procfs_set_builtin_renderer("kthreads", [](seq_file& m) { seq_printf(&m, ...); });
//
// Until one is set, the file shows a one-line placeholder.
#pragma once
#include <functional>
#include <string>

#include "ukern/seq_file.h"

namespace ukern {

using ProcRenderer = std::function<void(seq_file& m)>;

/// Sets (or, with an empty function, clears) the renderer of built-in file
/// `name` ("kthreads", "meminfo"; any name in builtin_renderer_names()).
/// Safe at any time, including from static initialisers and before procfs
/// boots; the renderer runs without procfs locks held, on a procfs thread,
/// and must not block for long. Returns false for an unknown name.
bool procfs_set_builtin_renderer(const std::string& name, ProcRenderer fn);
/// The names whose renderer can be plugged in.
const char* const* builtin_renderer_names();

/// Creates the built-in entries (procfs boot; unit tests). Idempotent only
/// after proc_reset_for_shutdown.
void procfs_create_builtin_entries();

}  // namespace ukern
