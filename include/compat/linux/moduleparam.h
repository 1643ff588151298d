/*
 * module_param(name, type, perm): `ukern insmod NAME name=value` sets the
 * variable before init runs; `ukern modinfo` lists it. Types: int, uint,
 * long, ulong, bool, charp. Any other type is a build error naming it
 * (__ukern_param_type_<type> undeclared).
 */
#ifndef _UKERN_LINUX_MODULEPARAM_H
#define _UKERN_LINUX_MODULEPARAM_H

#include <ukern_compat.h>
#include <linux/init.h>
#include <linux/types.h>

typedef int __ukern_param_type_int;
typedef unsigned int __ukern_param_type_uint;
typedef long __ukern_param_type_long;
typedef unsigned long __ukern_param_type_ulong;
typedef bool __ukern_param_type_bool;
typedef char *__ukern_param_type_charp;
#define __ukern_param_kind_int UKERN_C_PARAM_INT
#define __ukern_param_kind_uint UKERN_C_PARAM_UINT
#define __ukern_param_kind_long UKERN_C_PARAM_LONG
#define __ukern_param_kind_ulong UKERN_C_PARAM_ULONG
#define __ukern_param_kind_bool UKERN_C_PARAM_BOOL
#define __ukern_param_kind_charp UKERN_C_PARAM_CHARP

#define module_param_named(name, value, type, perm)                                              \
  _Static_assert(__builtin_types_compatible_p(__typeof__(value), __ukern_param_type_##type),     \
                 "module_param " #name ": the variable is not of type " #type);                  \
  static void __attribute__((constructor)) __ukern_param_##name(void) {                        \
    ukern_c_module_param(#name, &(value), __ukern_param_kind_##type, (perm));                  \
  }                                                                                            \
  extern int __ukern_semicolon_swallowed
#define module_param(name, type, perm) module_param_named(name, name, type, perm)

#define MODULE_PARM_DESC(name, desc)                                                            \
  static void __attribute__((constructor)) __ukern_parmdesc_##name(void) {                     \
    ukern_c_modinfo("parm:" #name, desc);                                                      \
  }                                                                                            \
  extern int __ukern_semicolon_swallowed

#endif
