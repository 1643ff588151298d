/*
 * A loadable module's description of itself: MODULE_LICENSE and friends,
 * THIS_MODULE, module_init/module_exit (linux/init.h), module_param
 * (linux/moduleparam.h), EXPORT_SYMBOL (linux/export.h). What `ukern
 * lsmod` and `ukern modinfo` show for a C module comes from here, as for a
 * C++ one.
 *
 * As in Linux, including this header brings in the kernel basics most
 * modules rely on without naming them (printk, lists, locks, wait queues).
 */
#ifndef _UKERN_LINUX_MODULE_H
#define _UKERN_LINUX_MODULE_H

#include <ukern_compat.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/moduleparam.h>
#include <linux/types.h>
#include <linux/stat.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/atomic.h>

/* A loaded module (opaque). */
struct module;

/* The module being built: the loader fills in this slot (module_init
 * defines it). THIS_MODULE is its address, a constant as in Linux, so that
 * `.owner = THIS_MODULE` works in a static initializer. */
extern void *__ukern_this_module;
#define THIS_MODULE ((struct module *)&__ukern_this_module)

#define __UKERN_MODINFO(key, value)                                               \
  static void __attribute__((constructor)) __UKERN_UNIQ(__ukern_modinfo_)(void) { \
    ukern_c_modinfo(key, value);                                                  \
  }                                                                               \
  extern int __ukern_semicolon_swallowed

#define MODULE_LICENSE(s) __UKERN_MODINFO("license", s)
#define MODULE_AUTHOR(s) __UKERN_MODINFO("author", s)
#define MODULE_DESCRIPTION(s) __UKERN_MODINFO("description", s)
#define MODULE_VERSION(s) __UKERN_MODINFO("version", s)
#define MODULE_ALIAS(s) __UKERN_MODINFO("alias", s)
#define MODULE_INFO(tag, s) __UKERN_MODINFO(#tag, s)
#define MODULE_DEVICE_TABLE(type, name) extern int __ukern_semicolon_swallowed

#endif
