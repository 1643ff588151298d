// seq_file: how a /proc entry's `show` callback writes its text.
//
//   static int hello_show(ukern::seq_file* m, void*) {
//     seq_printf(m, "calls: %d\n", calls);
//     return 0;
//   }
//
// The kernel calls `show` once per open of the file and keeps what it wrote
// as that open's snapshot: every read of that open, at any offset, is served
// from it, so a reader always sees one consistent rendering.
#pragma once
#include <cstddef>
#include <string>

namespace ukern {

/// The buffer one `show` call writes into. Modules only use the functions
/// below and `private_data`.
struct seq_file {
  /// The `data` pointer given to proc_create_data (nullptr for proc_create).
  void* private_data = nullptr;
  /// The text written so far (kernel-owned; read it, do not keep it).
  std::string buf;
  /// True once output was dropped because it passed seq_file_max_bytes.
  bool overflow = false;
};

/// Largest snapshot one show call may produce; the rest is dropped and the
/// file ends there (1 MiB).
inline constexpr size_t seq_file_max_bytes = 1u << 20;

/// Appends printf-formatted text. Returns 0, or -1 when the snapshot is full
/// (the text is cut at the limit). Never blocks; no locks taken.
int seq_printf(seq_file* m, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
/// Appends a NUL-terminated string. Same limit as seq_printf.
void seq_puts(seq_file* m, const char* s);
/// Appends one character.
void seq_putc(seq_file* m, char c);
/// Appends `len` raw bytes.
void seq_write(seq_file* m, const void* data, size_t len);

}  // namespace ukern
