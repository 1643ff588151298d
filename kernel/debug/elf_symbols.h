// Function symbols of an ELF object from its .symtab, including the static
// ones that dladdr cannot name (a module's handlers usually are static).
#pragma once
#include <cstdint>
#include <string>

namespace ukern {
struct ElfSymbol {
  std::string name;  // mangled
  uint64_t offset;   // from the object's load base
  uint64_t size;
};
/// The function in object `path` containing `offset` (from its load base);
/// false if the object has no .symtab or no function there. Parses each
/// object once (cached); thread-safe; not for signal handlers.
bool elf_function_at(const std::string& path, uint64_t offset, ElfSymbol* out);
}  // namespace ukern
