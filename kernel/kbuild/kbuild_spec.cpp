#include "kernel/kbuild/kbuild_spec.h"

#include <sstream>

#include <fmt/format.h>

namespace ukern::kbuild {
namespace {
constexpr std::string_view kMarker = "__UKERN_KBUILD__ ";
}  // namespace

std::string kbuild_printer_makefile() {
  // $(info) in a recipe prints when make expands it; `@:` then does nothing.
  return std::string(kPrinterTarget) +
         ":\n"
         "\t$(info __UKERN_KBUILD__ obj-m $(obj-m))\n"
         "\t$(info __UKERN_KBUILD__ obj-y $(obj-y))\n"
         "\t$(foreach o,$(obj-m),$(info __UKERN_KBUILD__ parts $(o) $($(o:.o=-objs)) $($(o:.o=-y))))\n"
         "\t$(info __UKERN_KBUILD__ ccflags $(subdir-ccflags-y) $(ccflags-y) $(EXTRA_CFLAGS))\n"
         "\t$(foreach o,$(sort $(obj-m) $(foreach m,$(obj-m),$($(m:.o=-objs)) $($(m:.o=-y)))),"
         "$(info __UKERN_KBUILD__ cflags $(o) $(CFLAGS_$(notdir $(o)))))\n"
         "\t@:\n"
         ".PHONY: " +
         kPrinterTarget + "\n";
}

std::vector<std::string> split_flags(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"' && i + 1 < s.size()) cur += s[++i];
      else cur += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < s.size()) {
      cur += s[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) out.push_back(cur);
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (in_word) out.push_back(cur);
  return out;
}

KbuildSpec parse_kbuild_output(const std::string& make_output, std::string* error) {
  KbuildSpec spec;
  std::istringstream in(make_output);
  std::map<std::string, std::vector<std::string>> parts;
  std::vector<std::string> objm;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(kMarker)) {
      spec.messages += line + "\n";
      continue;
    }
    std::istringstream words(line.substr(kMarker.size()));
    std::string kind;
    words >> kind;
    std::string rest;
    std::getline(words, rest);
    if (kind == "obj-m") {
      std::istringstream w(rest);
      for (std::string o; w >> o;) objm.push_back(o);
    } else if (kind == "obj-y") {
      std::istringstream w(rest);
      for (std::string o; w >> o;) spec.builtin.push_back(o);
    } else if (kind == "parts") {
      std::istringstream w(rest);
      std::string mod;
      w >> mod;
      for (std::string o; w >> o;) parts[mod].push_back(o);
    } else if (kind == "ccflags") {
      spec.ccflags = split_flags(rest);
    } else if (kind == "cflags") {
      std::istringstream w(rest);
      std::string obj;
      w >> obj;
      std::string flags;
      std::getline(w, flags);
      if (auto f = split_flags(flags); !f.empty()) spec.object_cflags[obj] = f;
    }
  }
  for (const auto& o : objm) {
    if (o.size() < 3 || !o.ends_with(".o")) {
      *error = fmt::format("obj-m entry '{}' is not NAME.o (ukern kbuild builds modules, not subdirectories)", o);
      return {};
    }
    ModuleSpec m{o.substr(0, o.size() - 2), parts[o]};
    if (m.name.find('/') != std::string::npos) {
      *error = fmt::format("obj-m entry '{}' is in a subdirectory: list it in that directory's Makefile", o);
      return {};
    }
    if (m.parts.empty()) m.parts.push_back(o);
    for (const auto& p : m.parts) {
      if (!p.ends_with(".o")) {
        *error = fmt::format("{}-objs entry '{}' is not an object file (NAME.o)", m.name, p);
        return {};
      }
    }
    bool dup = false;
    for (const auto& prev : spec.modules) dup = dup || prev.name == m.name;
    if (!dup) spec.modules.push_back(std::move(m));
  }
  return spec;
}

}  // namespace ukern::kbuild
