#include "user/ukern/kbuild.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "kernel/ctl/runtime_dir.h"
#include "kernel/kbuild/compiler.h"
#include "kernel/kbuild/elf_symbols.h"
#include "kernel/kbuild/kbuild_spec.h"

namespace fs = std::filesystem;

namespace ukern {
namespace {

// Kbuild's own build directory for intermediate files would be the kernel
// tree; here it is a hidden folder in the module's directory.
constexpr const char* kWorkDir = ".ukern-kbuild";

std::string real_path(const std::string& p) {
  char buf[PATH_MAX];
  return realpath(p.c_str(), buf) ? std::string(buf) : p;
}

// Runs argv, printing it first with -v, and its output always.
bool run_shown(const std::vector<std::string>& argv, const std::string& cwd, bool verbose) {
  if (verbose) {
    std::string line;
    for (const auto& a : argv) line += (line.empty() ? "" : " ") + a;
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  kbuild::CommandResult r = kbuild::run_command(argv, cwd);
  std::fwrite(r.output.data(), 1, r.output.size(), stderr);
  if (r.status == -1) std::fprintf(stderr, "ukern: kbuild: cannot run %s\n", argv[0].c_str());
  return r.status == 0;
}

// The text of every compat header (to tell which C library names they declare).
const std::string& compat_header_text() {
  static const std::string text = [] {
    std::string all;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(kbuild::compat_include_dir(), ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file() || it->path().extension() != ".h") continue;
      std::ifstream in(it->path());
      all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return all;
  }();
  return text;
}

// Names the kernel resolves for a module at insmod besides ukernd's own
// exported symbols: the STUB_ pointers of the built-in object, what gcc may
// call on its own for struct copies and clears, and the C library functions
// that the compat headers declare as the kernel's own (sprintf, strlen...).
bool provided_elsewhere(const std::string& name) {
  static const std::set<std::string> implicit = {"memcpy", "memset", "memmove", "memcmp"};
  if (name.starts_with("STUB_") || implicit.count(name) != 0) return true;
  const std::string& h = compat_header_text();
  for (const char* before : {" ", "*"})
    if (h.find(before + name + "(") != std::string::npos) return true;
  return false;
}

// Names a built-in file (obj-y) exports with EXPORT_SYMBOL: modules link
// against them once the kernel runs with it (`ukern up --builtin`).
std::set<std::string> builtin_exports(const std::string& dir, const std::vector<std::string>& builtin) {
  std::set<std::string> names;
  static const std::regex exp(R"(EXPORT_SYMBOL(_GPL)?\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\))");
  for (const auto& b : builtin) {
    std::ifstream in(dir + "/" + (b.ends_with(".o") ? b.substr(0, b.size() - 2) + ".c" : b));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::sregex_iterator it(text.begin(), text.end(), exp), end; it != end; ++it) names.insert((*it)[2]);
  }
  return names;
}

// modpost's check: every name a module needs must come from the kernel.
bool modpost(const std::string& ko, const std::string& shown_ko, const std::vector<std::string>& objects,
             const std::vector<std::string>& shown_objects, const std::set<std::string>& exported) {
  kbuild::ElfNames mod = kbuild::elf_names(ko, true);
  kbuild::ElfNames kernel = kbuild::elf_names(executable_dir() + "/ukernd", true);
  if (!mod.ok || !kernel.ok) return true;  // nothing to check against
  bool ok = true;
  for (const auto& name : mod.undefined) {
    if (kernel.defined.count(name) || exported.count(name) || provided_elsewhere(name)) continue;
    std::string where;
    for (size_t i = 0; i < objects.size(); ++i)
      if (kbuild::elf_names(objects[i], false).undefined.count(name)) where += " " + shown_objects[i];
    std::fprintf(stderr, "ERROR: modpost: \"%s\" [%s] undefined! (used in%s; ukern's kernel does not provide it)\n",
                 name.c_str(), shown_ko.c_str(), where.c_str());
    ok = false;
  }
  return ok;
}

bool build_module(const std::string& dir, const kbuild::KbuildSpec& spec, const kbuild::ModuleSpec& m,
                  const std::set<std::string>& exported, const KbuildOptions& opts) {
  std::vector<std::string> objects, shown;
  for (const auto& part : m.parts) {
    std::string src = part.substr(0, part.size() - 2) + ".c";
    if (access((dir + "/" + src).c_str(), R_OK) != 0) {
      std::fprintf(stderr, "ukern: kbuild: %s: no rule to make '%s' (needed by %s.ko): %s does not exist\n",
                   dir.c_str(), part.c_str(), m.name.c_str(), src.c_str());
      return false;
    }
    std::string obj = std::string(kWorkDir) + "/" + part;
    fs::create_directories(fs::path(dir) / fs::path(obj).parent_path());
    std::string base = fs::path(part).stem().string();
    std::vector<std::string> cmd = {kbuild::c_compiler()};
    for (auto& f : kbuild::kernel_cflags(m.name, base, true)) cmd.push_back(f);
    cmd.insert(cmd.end(), spec.ccflags.begin(), spec.ccflags.end());
    if (auto f = spec.object_cflags.find(part); f != spec.object_cflags.end())
      cmd.insert(cmd.end(), f->second.begin(), f->second.end());
    cmd.insert(cmd.end(), {"-c", src, "-o", obj});
    if (!opts.verbose) std::fprintf(stderr, "  CC [M]  %s\n", part.c_str());
    if (!run_shown(cmd, dir, opts.verbose)) return false;
    objects.push_back(dir + "/" + obj);
    shown.push_back(part);
  }
  std::string ko = m.name + ".ko";
  std::vector<std::string> cmd = {kbuild::c_compiler(), "-o", ko};
  for (const auto& part : m.parts) cmd.push_back(std::string(kWorkDir) + "/" + part);
  for (auto& f : kbuild::kernel_ldflags()) cmd.push_back(f);
  if (!opts.verbose) std::fprintf(stderr, "  LD [M]  %s\n", ko.c_str());
  if (!run_shown(cmd, dir, opts.verbose)) return false;
  if (!modpost(dir + "/" + ko, ko, objects, shown, exported)) {
    fs::remove(dir + "/" + ko);
    return false;
  }
  return true;
}

}  // namespace

int kbuild_directory(const std::string& dir_arg, const KbuildOptions& opts) {
  std::string dir = real_path(dir_arg.empty() ? "." : dir_arg);
  std::string makefile;
  for (const char* f : {"Kbuild", "Makefile", "makefile", "GNUmakefile"})
    if (makefile.empty() && access((dir + "/" + f).c_str(), R_OK) == 0) makefile = f;
  if (makefile.empty()) {
    std::fprintf(stderr, "ukern: kbuild: %s has no Makefile (or Kbuild file) with obj-m\n", dir.c_str());
    return 1;
  }
  fs::create_directories(fs::path(dir) / kWorkDir);
  std::string printer = dir + "/" + kWorkDir + "/print.mk";
  std::ofstream(printer) << kbuild::kbuild_printer_makefile();
  // As the kernel's build reads it: KERNELRELEASE set, src/obj/M the module's directory.
  kbuild::CommandResult r = kbuild::run_command(
      {"make", "--no-print-directory", "-s", "-f", makefile, "-f", printer, kbuild::kPrinterTarget,
       "KERNELRELEASE=6.1.0-ukern", "M=" + dir, "src=" + dir, "obj=" + dir, "KBUILD_EXTMOD=" + dir,
       "PWD=" + dir},
      dir);
  std::string error;
  kbuild::KbuildSpec spec = kbuild::parse_kbuild_output(r.output, &error);
  std::fwrite(spec.messages.data(), 1, spec.messages.size(), stderr);
  if (r.status != 0) {
    std::fprintf(stderr, "ukern: kbuild: make could not read %s/%s\n", dir_arg.c_str(), makefile.c_str());
    return 1;
  }
  if (!error.empty()) {
    std::fprintf(stderr, "ukern: kbuild: %s: %s\n", makefile.c_str(), error.c_str());
    return 1;
  }
  if (opts.clean) {
    for (const auto& m : spec.modules) fs::remove(fs::path(dir) / (m.name + ".ko"));
    fs::remove_all(fs::path(dir) / kWorkDir);
    return 0;
  }
  if (spec.modules.empty()) {
    std::fprintf(stderr, "ukern: kbuild: %s/%s sets no obj-m: nothing to build\n", dir_arg.c_str(), makefile.c_str());
    return 1;
  }
  const std::set<std::string> exported = builtin_exports(dir, spec.builtin);
  for (const auto& m : spec.modules)
    if (!build_module(dir, spec, m, exported, opts)) return 1;
  for (const auto& b : spec.builtin) {
    std::string src = b.ends_with(".o") ? b.substr(0, b.size() - 2) + ".c" : b;
    std::fprintf(stderr, "ukern: kbuild: %s is built into the kernel (obj-y): start it with 'ukern up --builtin %s'\n",
                 b.c_str(), src.c_str());
  }
  return 0;
}

std::string kbuild_builtin_object(const std::string& file, const std::string& out_dir) {
  if (access(file.c_str(), R_OK) != 0) {
    std::fprintf(stderr, "ukern: up: %s: %s\n", file.c_str(), std::strerror(errno));
    return "";
  }
  fs::create_directories(out_dir);
  std::string base = fs::path(file).stem().string();
  std::string obj = real_path(out_dir) + "/" + base + ".o";
  std::vector<std::string> cmd = {kbuild::c_compiler()};
  for (auto& f : kbuild::kernel_cflags(base, base, false)) cmd.push_back(f);
  // Relative to the caller's directory, so diagnostics name the file as typed.
  cmd.insert(cmd.end(), {"-c", file, "-o", obj});
  if (!run_shown(cmd, "", false)) {
    std::fprintf(stderr, "ukern: up: %s does not compile; no kernel started\n", file.c_str());
    return "";
  }
  return obj;
}

}  // namespace ukern
