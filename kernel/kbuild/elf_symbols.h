// Dynamic and static symbol names of an ELF file, for `ukern kbuild`'s
// modpost step (which names does a module need that the kernel lacks?).
#pragma once
#include <set>
#include <string>

namespace ukern::kbuild {

struct ElfNames {
  std::set<std::string> defined;    // global or weak, with a section
  std::set<std::string> undefined;  // global (not weak) references to other objects
  bool ok = false;                  // the file was a readable 64-bit ELF
};

/// Names from `path`'s .dynsym (`dynamic`) or .symtab.
ElfNames elf_names(const std::string& path, bool dynamic);

}  // namespace ukern::kbuild
