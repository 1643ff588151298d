// Kernel memory for modules: kmalloc and friends, with accounting.
//
// Every allocation is charged to the module whose code made it (the one
// running on this thread: its init, a system call, a kthread, a callback).
// What a module has not freed when it is unloaded is reported in the kernel
// log as a leak, with the address, size and where it was allocated, and
// stays allocated (as in Linux, a leak is not silently repaired).
// /proc/meminfo and `ukern sysrq m` show the live allocations per module.
#pragma once
#include <cstddef>

namespace ukern {
using gfp_t = unsigned;
}
using ukern::gfp_t;

constexpr gfp_t GFP_KERNEL = 0x1;   // may sleep (the only kind ukern distinguishes)
constexpr gfp_t GFP_ATOMIC = 0x2;   // may not sleep
constexpr gfp_t __GFP_ZERO = 0x100; // zero the memory

/// `size` bytes, or nullptr when out of memory or size is 0. Thread-safe.
void* kmalloc(size_t size, gfp_t flags);
/// kmalloc with zeroed memory.
void* kzalloc(size_t size, gfp_t flags);
/// An array of n elements of `size` bytes, zeroed; nullptr if n*size overflows.
void* kcalloc(size_t n, size_t size, gfp_t flags);
/// An array of n elements, not zeroed; nullptr if n*size overflows.
void* kmalloc_array(size_t n, size_t size, gfp_t flags);
/// Resizes `p` (nullptr: like kmalloc); the old block is freed on success.
void* krealloc(const void* p, size_t new_size, gfp_t flags);
/// Frees what kmalloc returned; nullptr is ignored. A pointer kmalloc did not
/// return (or one already freed) is reported as a bug and left alone.
void kfree(const void* p);
/// A kmalloc'ed copy of `s` (nullptr for nullptr).
char* kstrdup(const char* s, gfp_t flags);
/// The usable size of a kmalloc'ed block (0 for an unknown pointer).
size_t ksize(const void* p);
