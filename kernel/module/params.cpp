#include "kernel/module/params.h"

#include <charconv>
#include <limits>

#include <fmt/format.h>

namespace ukern {
namespace {

template <class T>
bool parse_int(const std::string& s, T* out) {
  int base = 10;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    b += 2;
  }
  // Parse into a temporary: a bad value ("12abc") leaves the parameter as it was.
  T v{};
  auto [p, ec] = std::from_chars(b, e, v, base);
  if (ec != std::errc() || p != e || b == e) return false;
  *out = v;
  return true;
}

}  // namespace

Result<void> param_apply(Module& m, const std::string& kv, std::string* why) {
  auto eq = kv.find('=');
  std::string key = kv.substr(0, eq);
  bool has_value = eq != std::string::npos;
  std::string val = has_value ? kv.substr(eq + 1) : "";
  for (auto& p : m.params) {
    if (p.name != key) continue;
    bool ok = true;
    switch (p.kind) {
      case ParamKind::Int: ok = parse_int(val, static_cast<int*>(p.where)); break;
      case ParamKind::UInt: ok = parse_int(val, static_cast<unsigned*>(p.where)); break;
      case ParamKind::Long: ok = parse_int(val, static_cast<long*>(p.where)); break;
      case ParamKind::ULong: ok = parse_int(val, static_cast<unsigned long*>(p.where)); break;
      case ParamKind::Bool: {
        bool* b = static_cast<bool*>(p.where);
        if (!has_value || val == "1" || val == "y" || val == "Y" || val == "true") *b = true;
        else if (val == "0" || val == "n" || val == "N" || val == "false") *b = false;
        else ok = false;
        break;
      }
      case ParamKind::CharP:
        m.charp_storage.push_back(std::make_unique<std::string>(val));
        *static_cast<char**>(p.where) = m.charp_storage.back()->data();
        break;
      case ParamKind::String: *static_cast<std::string*>(p.where) = val; break;
    }
    if (!ok || (!has_value && p.kind != ParamKind::Bool)) {
      *why = fmt::format("{}: invalid value '{}' for parameter '{}'", m.name, val, key);
      return Error{EINVAL};
    }
    return {};
  }
  *why = fmt::format("{}: unknown parameter '{}'", m.name, key);
  return Error{EINVAL};
}

std::string param_value(const Module::Param& p) {
  switch (p.kind) {
    case ParamKind::Int: return std::to_string(*static_cast<int*>(p.where));
    case ParamKind::UInt: return std::to_string(*static_cast<unsigned*>(p.where));
    case ParamKind::Long: return std::to_string(*static_cast<long*>(p.where));
    case ParamKind::ULong: return std::to_string(*static_cast<unsigned long*>(p.where));
    case ParamKind::Bool: return *static_cast<bool*>(p.where) ? "Y" : "N";
    case ParamKind::CharP: {
      const char* s = *static_cast<char**>(p.where);
      return s ? s : "(null)";
    }
    case ParamKind::String: return *static_cast<std::string*>(p.where);
  }
  return "";
}

}  // namespace ukern
