// Loadable modules: what a module's source says about itself.
//
//   static int __init hello_init(void) { ...; return 0; }
//   static void __exit hello_exit(void) { ... }
//   module_init(hello_init);
//   module_exit(hello_exit);
//   MODULE_LICENSE("GPL");
//   MODULE_DESCRIPTION("says hello");
//   static int count = 1;  module_param(count, int, 0644);
//
// The registrations run when the loader opens the shared object; the loader
// then applies `insmod NAME key=value` parameters and calls the init function.
#pragma once
#include <cstddef>
#include <string>
#include <type_traits>

#define __init
#define __exit

namespace ukern {
class Module;

enum class ParamKind { Int, UInt, Long, ULong, Bool, CharP, String };

namespace detail {
// Each records into the module that the loader is opening (see module/loader.cpp).
void modinfo_record(const char* key, const char* value);
void modinfo_set_init(int (*fn)());
void modinfo_set_exit(void (*fn)());
void modinfo_add_param(const char* name, void* where, ParamKind kind, unsigned perm);
void modinfo_add_export(const char* name, void* where);

struct InfoRegistrar {
  InfoRegistrar(const char* k, const char* v) { modinfo_record(k, v); }
};
struct InitRegistrar {
  explicit InitRegistrar(int (*fn)()) { modinfo_set_init(fn); }
  explicit InitRegistrar(int (*fn)(void*)) = delete;
};
struct ExitRegistrar {
  explicit ExitRegistrar(void (*fn)()) { modinfo_set_exit(fn); }
};
template <class T>
constexpr ParamKind param_kind_of() {
  if constexpr (std::is_same_v<T, bool>) return ParamKind::Bool;
  else if constexpr (std::is_same_v<T, int>) return ParamKind::Int;
  else if constexpr (std::is_same_v<T, unsigned>) return ParamKind::UInt;
  else if constexpr (std::is_same_v<T, long>) return ParamKind::Long;
  else if constexpr (std::is_same_v<T, unsigned long>) return ParamKind::ULong;
  else if constexpr (std::is_same_v<T, char*> || std::is_same_v<T, const char*>) return ParamKind::CharP;
  else if constexpr (std::is_same_v<T, std::string>) return ParamKind::String;
  else static_assert(sizeof(T) == 0, "module_param: unsupported type");
}
struct ParamRegistrar {
  template <class T>
  ParamRegistrar(const char* name, T* where, unsigned perm) {
    modinfo_add_param(name, where, param_kind_of<T>(), perm);
  }
};
struct ExportRegistrar {
  ExportRegistrar(const char* name, void* where) { modinfo_add_export(name, where); }
};
}  // namespace detail

/// The module's name, as lsmod shows it.
const char* module_name(const Module* m);

/// Looks up a symbol that a loaded module exported with EXPORT_SYMBOL and takes
/// a reference on its module (lsmod's "used by"), which blocks that module's
/// rmmod until symbol_put. Returns nullptr when no module exports `name`.
void* symbol_get_from(Module* user, const char* name);
/// Drops the reference symbol_get took.
void symbol_put_from(Module* user, const char* name);
}  // namespace ukern

/// This module, set by the loader before any registration can use it.
extern "C" ukern::Module* __ukern_this_module;
#define THIS_MODULE (__ukern_this_module)

#define UKERN_CAT2(a, b) a##b
#define UKERN_CAT(a, b) UKERN_CAT2(a, b)
#define UKERN_UNIQ(p) UKERN_CAT(p, __LINE__)

#define module_init(fn)                                                                 \
  extern "C" {                                                                          \
  __attribute__((visibility("default"))) ukern::Module* __ukern_this_module = nullptr;  \
  }                                                                                     \
  static ::ukern::detail::InitRegistrar ukern_init_registrar_(fn)
#define module_exit(fn) static ::ukern::detail::ExitRegistrar ukern_exit_registrar_(fn)
#define MODULE_LICENSE(s) static ::ukern::detail::InfoRegistrar UKERN_UNIQ(ukern_info_)("license", s)
#define MODULE_DESCRIPTION(s) \
  static ::ukern::detail::InfoRegistrar UKERN_UNIQ(ukern_info_)("description", s)
#define MODULE_AUTHOR(s) static ::ukern::detail::InfoRegistrar UKERN_UNIQ(ukern_info_)("author", s)
#define MODULE_PARM_DESC(name, s) \
  static ::ukern::detail::InfoRegistrar UKERN_UNIQ(ukern_info_)("parm:" #name, s)
/// module_param(variable, type, perm): `insmod NAME variable=value` sets it before init.
#define module_param(name, type, perm) \
  static ::ukern::detail::ParamRegistrar ukern_param_##name(#name, &name, perm)
/// Makes `sym` available to other modules through symbol_get("sym").
#define EXPORT_SYMBOL(sym) \
  static ::ukern::detail::ExportRegistrar ukern_export_##sym(#sym, (void*)&sym)
#define EXPORT_SYMBOL_GPL(sym) EXPORT_SYMBOL(sym)
#define symbol_get(name) (::ukern::symbol_get_from(THIS_MODULE, #name))
#define symbol_put(name) (::ukern::symbol_put_from(THIS_MODULE, #name))
