/*
 * EXPORT_SYMBOL: makes a symbol of this module available to modules loaded
 * after it (symbol_get) and lists it for `ukern modinfo`. In a built-in file
 * (obj-y, compiled into the kernel) the symbol is the kernel's.
 */
#ifndef _UKERN_LINUX_EXPORT_H
#define _UKERN_LINUX_EXPORT_H

#include <ukern_compat.h>

#define EXPORT_SYMBOL(sym)                                                       \
  static void __attribute__((constructor)) __ukern_export_##sym(void) {         \
    ukern_c_export_symbol(#sym, (void *)&sym);                                  \
  }                                                                             \
  extern int __ukern_semicolon_swallowed
#define EXPORT_SYMBOL_GPL(sym) EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_NS(sym, ns) EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns) EXPORT_SYMBOL(sym)

#endif
