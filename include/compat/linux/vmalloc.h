/* vmalloc (linux/vmalloc.h): on ukern the same accounted memory as kmalloc. */
#ifndef _UKERN_LINUX_VMALLOC_H
#define _UKERN_LINUX_VMALLOC_H

#include <linux/slab.h>

void *vmalloc(unsigned long size) __asm__("ukern_c_vmalloc");
void *vzalloc(unsigned long size) __asm__("ukern_c_vzalloc");
void vfree(const void *addr) __asm__("ukern_c_kfree");

#endif
