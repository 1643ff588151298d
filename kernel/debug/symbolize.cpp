#include "kernel/debug/symbolize.h"

#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <link.h>

#include <cstdlib>
#include <memory>

#include <fmt/format.h>

#include "kernel/debug/elf_symbols.h"

namespace ukern {
namespace {

// A call-trace name, as Linux prints one: no parameter list, no
// "(anonymous namespace)::", long template arguments folded to <...>.
std::string short_name(std::string n) {
  for (size_t p; (p = n.find("(anonymous namespace)::")) != std::string::npos;) n.erase(p, 23);
  std::string out;
  int depth = 0;
  size_t tmpl_start = 0;
  for (size_t i = 0; i < n.size(); ++i) {
    char c = n[i];
    if (c == '(' && depth == 0) {
      // Keep a clone suffix such as " [clone .isra.0]".
      size_t clone = n.find(" [clone", i);
      if (clone != std::string::npos) out += n.substr(clone);
      return out;
    }
    if (c == '<' && depth++ == 0) tmpl_start = out.size();
    if (c == '>' && depth > 0 && --depth == 0 && out.size() - tmpl_start > 40) {
      out.resize(tmpl_start);
      out += "<...";
    }
    out += c;
  }
  return out;
}

std::string demangle(const char* name) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> d(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
  return short_name(status == 0 && d ? d.get() : name);
}

// Module .so files live in .../modules/NAME.so, C modules are NAME.ko
// wherever they were built: "[NAME]" as Linux prints it.
std::string object_tag(const char* path) {
  std::string p = path ? path : "";
  bool module_so = p.ends_with(".so") && p.find("/modules/") != std::string::npos;
  if (!module_so && !p.ends_with(".ko")) return "";
  std::string base = p.substr(p.find_last_of('/') + 1);
  return " [" + base.substr(0, base.size() - 3) + "]";
}

}  // namespace

std::string symbolize(const void* pc) {
  Dl_info info{};
  ElfW(Sym)* sym = nullptr;
  if (dladdr1(pc, &info, reinterpret_cast<void**>(&sym), RTLD_DL_SYMENT) == 0)
    return fmt::format("{}", pc);
  std::string tag = object_tag(info.dli_fname);
  // The object's own .symtab names static functions too.
  uint64_t rel = reinterpret_cast<uintptr_t>(pc) - reinterpret_cast<uintptr_t>(info.dli_fbase);
  ElfSymbol es;
  if (info.dli_fname && elf_function_at(info.dli_fname, rel, &es))
    return fmt::format("{}+{:#x}/{:#x}{}", demangle(es.name.c_str()), rel - es.offset, es.size, tag);
  if (info.dli_sname == nullptr || info.dli_saddr == nullptr) {
    // A static function: no dynamic symbol. Offset in the object instead.
    auto off = reinterpret_cast<uintptr_t>(pc) - reinterpret_cast<uintptr_t>(info.dli_fbase);
    std::string obj = info.dli_fname ? info.dli_fname : "?";
    return fmt::format("{}+{:#x}{}", obj.substr(obj.find_last_of('/') + 1), off, tag);
  }
  auto off = reinterpret_cast<uintptr_t>(pc) - reinterpret_cast<uintptr_t>(info.dli_saddr);
  size_t size = sym ? sym->st_size : 0;
  return fmt::format("{}+{:#x}/{:#x}{}", demangle(info.dli_sname), off, size, tag);
}

std::vector<std::string> stack_trace(int skip) {
  void* frames[64];
  int n = backtrace(frames, 64);
  std::vector<std::string> out;
  for (int i = skip + 1; i < n; ++i) out.push_back(symbolize(frames[i]));
  return out;
}

size_t first_frame_after_signal(const std::vector<std::string>& names, const char* handler) {
  size_t last = names.size();
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    if (n.find(handler) != std::string::npos || n.find("CallUserSignalHandler") != std::string::npos ||
        n.starts_with("sighandler"))
      last = i;
  }
  return last == names.size() ? 0 : std::min(last + 2, names.size());
}

std::string format_frames(void* const* frames, int n, const char* indent) {
  std::string s;
  for (int i = 0; i < n; ++i) s += fmt::format("{}{}\n", indent, symbolize(frames[i]));
  return s;
}

}  // namespace ukern
