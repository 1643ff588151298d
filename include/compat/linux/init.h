/*
 * __init/__exit markers and module_init/module_exit.
 *
 * On ukern a C module is a shared object: module_init(fn) records fn with
 * the loader while `ukern insmod` opens it (a constructor does it), and
 * defines the module's THIS_MODULE slot that the loader fills in. __init
 * code is not discarded after init; the markers are accepted and ignored.
 */
#ifndef _UKERN_LINUX_INIT_H
#define _UKERN_LINUX_INIT_H

#include <ukern_compat.h>
#include <linux/compiler.h>

#define __init
#define __exit
#define __initdata
#define __exitdata
#define __initconst
#define __init_or_module
#define __exit_p(x) x

#define __UKERN_CAT2(a, b) a##b
#define __UKERN_CAT(a, b) __UKERN_CAT2(a, b)
#define __UKERN_UNIQ(p) __UKERN_CAT(p, __COUNTER__)

/* Ends a macro that expands to a function definition at file scope, so that
 * the `;` after it is a declaration, not a stray token. */
#define __UKERN_EAT_SEMICOLON extern int __ukern_semicolon_swallowed

#define module_init(initfn)                                                      \
  __attribute__((visibility("default"))) void *__ukern_this_module = 0;         \
  static void __attribute__((constructor)) __ukern_register_init(void) {        \
    ukern_c_module_init(initfn);                                                \
  }                                                                             \
  __UKERN_EAT_SEMICOLON

#define module_exit(exitfn)                                                      \
  static void __attribute__((constructor)) __ukern_register_exit(void) {        \
    ukern_c_module_exit(exitfn);                                                \
  }                                                                             \
  __UKERN_EAT_SEMICOLON

#endif
