#include "kernel/kbuild/elf_symbols.h"

#include <elf.h>

#include <fstream>
#include <iterator>

namespace ukern::kbuild {

ElfNames elf_names(const std::string& path, bool dynamic) {
  ElfNames out;
  std::ifstream in(path, std::ios::binary);
  std::string img((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (img.size() < sizeof(Elf64_Ehdr) || img.compare(0, SELFMAG, ELFMAG) != 0 || img[EI_CLASS] != ELFCLASS64)
    return out;
  auto* eh = reinterpret_cast<const Elf64_Ehdr*>(img.data());
  if (eh->e_shoff == 0 || eh->e_shoff + uint64_t{eh->e_shnum} * sizeof(Elf64_Shdr) > img.size()) return out;
  auto* sh = reinterpret_cast<const Elf64_Shdr*>(img.data() + eh->e_shoff);
  const uint32_t want = dynamic ? SHT_DYNSYM : SHT_SYMTAB;
  for (int i = 0; i < eh->e_shnum; ++i) {
    if (sh[i].sh_type != want || sh[i].sh_link >= eh->e_shnum) continue;
    const Elf64_Shdr& strs = sh[sh[i].sh_link];
    if (sh[i].sh_offset + sh[i].sh_size > img.size() || strs.sh_offset + strs.sh_size > img.size()) continue;
    auto* syms = reinterpret_cast<const Elf64_Sym*>(img.data() + sh[i].sh_offset);
    size_t n = sh[i].sh_size / sizeof(Elf64_Sym);
    for (size_t k = 1; k < n; ++k) {
      const Elf64_Sym& s = syms[k];
      unsigned bind = ELF64_ST_BIND(s.st_info);
      if ((bind != STB_GLOBAL && bind != STB_WEAK) || s.st_name >= strs.sh_size) continue;
      std::string name(img.data() + strs.sh_offset + s.st_name);
      if (s.st_shndx != SHN_UNDEF) out.defined.insert(name);
      else if (bind == STB_GLOBAL && !name.empty()) out.undefined.insert(name);
    }
  }
  out.ok = true;
  return out;
}

}  // namespace ukern::kbuild
