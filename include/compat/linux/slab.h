/*
 * Kernel memory (linux/slab.h), on ukern's kmalloc: every allocation is
 * charged to the module whose code made it; /proc/meminfo shows the live
 * bytes per module, and what a module has not freed when it is unloaded is
 * reported as a leak (address, size, where it was allocated). kfree of a
 * pointer kmalloc did not return, or a double kfree, is reported and
 * ignored.
 */
#ifndef _UKERN_LINUX_SLAB_H
#define _UKERN_LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/types.h>

/* `size` bytes, or NULL when out of memory or size is 0. */
void *kmalloc(size_t size, gfp_t flags) __asm__("ukern_c_kmalloc") __attribute__((malloc, alloc_size(1)));
void *kzalloc(size_t size, gfp_t flags) __asm__("ukern_c_kzalloc") __attribute__((malloc, alloc_size(1)));
/* n elements of `size`, zeroed / not zeroed; NULL if n * size overflows. */
void *kcalloc(size_t n, size_t size, gfp_t flags) __asm__("ukern_c_kcalloc") __attribute__((malloc));
void *kmalloc_array(size_t n, size_t size, gfp_t flags) __asm__("ukern_c_kmalloc_array") __attribute__((malloc));
/* Resizes p (NULL: like kmalloc); the old block is freed on success. */
void *krealloc(const void *p, size_t new_size, gfp_t flags) __asm__("ukern_c_krealloc");
void kfree(const void *p) __asm__("ukern_c_kfree");
#define kvfree(p) kfree(p)
#define kfree_sensitive(p) kfree(p)
#define kzfree(p) kfree(p)
#define kvmalloc(size, flags) kmalloc(size, flags)
#define kvzalloc(size, flags) kzalloc(size, flags)
#define kvcalloc(n, size, flags) kcalloc(n, size, flags)
#define kmalloc_node(size, flags, node) kmalloc(size, flags)
#define kzalloc_node(size, flags, node) kzalloc(size, flags)
/* The usable size of a kmalloc'ed block. */
size_t ksize(const void *p) __asm__("ukern_c_ksize");

#endif
