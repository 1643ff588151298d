/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <linux/linkage.h> for ukern: how a system call's entry point is declared.
 *
 * On x86-64 Linux, `asmlinkage` only says "called from assembly, with the
 * C calling convention". ukern's dispatcher calls the entry point of a
 * syscall-table row by its name (the row's fourth column, `sys_<name>` by
 * default) with the six argument registers, so
 *
 *     asmlinkage long sys_test_newsyscall(int test_int) { ... }
 *
 * in a built-in file (`ukern up --builtin FILE.c`) becomes the wrapper of
 * the row `test_newsyscall`. The function must return long, as every Linux
 * system call does.
 */
#ifndef _UKERN_LINUX_LINKAGE_H
#define _UKERN_LINUX_LINKAGE_H

#ifdef __cplusplus
#define CPP_ASMLINKAGE extern "C"
#else
#define CPP_ASMLINKAGE
#endif

/* Kept even when nothing in the file calls it: the kernel looks it up by name. */
#ifndef asmlinkage
#define asmlinkage CPP_ASMLINKAGE __attribute__((__used__))
#endif

#ifndef __visible
#define __visible __attribute__((__externally_visible__))
#endif

#ifndef SYMBOL_NAME
#define SYMBOL_NAME(x) x
#endif

#ifndef __ALIGN
#define __ALIGN .balign 16
#endif

#endif /* _UKERN_LINUX_LINKAGE_H */
