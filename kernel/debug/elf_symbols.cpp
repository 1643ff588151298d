#include "kernel/debug/elf_symbols.h"

#include <elf.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <vector>

namespace ukern {
namespace {

using Table = std::vector<ElfSymbol>;  // sorted by offset

Table parse(const std::string& path) {
  Table out;
  std::ifstream in(path, std::ios::binary);
  std::string img((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (img.size() < sizeof(Elf64_Ehdr) || img.compare(0, 4, ELFMAG) != 0 || img[EI_CLASS] != ELFCLASS64) return out;
  auto* eh = reinterpret_cast<const Elf64_Ehdr*>(img.data());
  if (eh->e_shoff == 0 || eh->e_shoff + uint64_t{eh->e_shnum} * sizeof(Elf64_Shdr) > img.size()) return out;
  auto* sh = reinterpret_cast<const Elf64_Shdr*>(img.data() + eh->e_shoff);
  for (int i = 0; i < eh->e_shnum; ++i) {
    if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum) continue;
    const Elf64_Shdr& strs = sh[sh[i].sh_link];
    if (sh[i].sh_offset + sh[i].sh_size > img.size() || strs.sh_offset + strs.sh_size > img.size()) continue;
    auto* syms = reinterpret_cast<const Elf64_Sym*>(img.data() + sh[i].sh_offset);
    size_t n = sh[i].sh_size / sizeof(Elf64_Sym);
    for (size_t k = 0; k < n; ++k) {
      if (ELF64_ST_TYPE(syms[k].st_info) != STT_FUNC || syms[k].st_value == 0) continue;
      if (syms[k].st_name >= strs.sh_size) continue;
      out.push_back({img.data() + strs.sh_offset + syms[k].st_name, syms[k].st_value, syms[k].st_size});
    }
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.offset < b.offset; });
  return out;
}

}  // namespace

bool elf_function_at(const std::string& path, uint64_t offset, ElfSymbol* out) {
  static std::mutex mu;
  static std::map<std::string, Table> cache;
  std::lock_guard g(mu);
  auto it = cache.find(path);
  if (it == cache.end()) it = cache.emplace(path, parse(path)).first;
  const Table& t = it->second;
  auto up = std::upper_bound(t.begin(), t.end(), offset, [](uint64_t o, const ElfSymbol& s) { return o < s.offset; });
  if (up == t.begin()) return false;
  const ElfSymbol& s = *std::prev(up);
  // A size-0 symbol (a .cold part) covers up to the next symbol.
  uint64_t end = s.size ? s.offset + s.size : (up != t.end() ? up->offset : s.offset + 1);
  if (offset >= end) return false;
  *out = s;
  return true;
}

}  // namespace ukern
