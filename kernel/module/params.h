// Module parameters: `insmod NAME key=value` before init.
#pragma once
#include <string>

#include "kernel/module/module.h"

namespace ukern {
/// Applies one `key=value` (or `key` for a bool) to `m`'s parameters.
/// EINVAL with `*why` set on an unknown key or a value that does not parse.
Result<void> param_apply(Module& m, const std::string& kv, std::string* why);
/// The parameter's current value as text.
std::string param_value(const Module::Param& p);
}  // namespace ukern
