// seq_file: the bounded text buffer that show callbacks write into.
#include "ukern/seq_file.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace ukern {
namespace {
// Appends as much of [s, s+n) as the limit allows; false if cut.
bool append(seq_file* m, const char* s, size_t n) {
  if (m->overflow) return false;
  size_t room = seq_file_max_bytes - std::min(m->buf.size(), seq_file_max_bytes);
  if (n > room) {
    m->buf.append(s, room);
    m->overflow = true;
    return false;
  }
  m->buf.append(s, n);
  return true;
}
}  // namespace

int seq_printf(seq_file* m, const char* fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  int n = std::vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  bool ok;
  if (n < 0) {
    ok = false;
  } else if (static_cast<size_t>(n) < sizeof small) {
    ok = append(m, small, static_cast<size_t>(n));
  } else {
    std::string big(static_cast<size_t>(n) + 1, '\0');
    std::vsnprintf(big.data(), big.size(), fmt, ap2);
    ok = append(m, big.data(), static_cast<size_t>(n));
  }
  va_end(ap2);
  return ok ? 0 : -1;
}

void seq_puts(seq_file* m, const char* s) { append(m, s, std::strlen(s)); }
void seq_putc(seq_file* m, char c) { append(m, &c, 1); }
void seq_write(seq_file* m, const void* data, size_t len) { append(m, static_cast<const char*>(data), len); }

}  // namespace ukern
