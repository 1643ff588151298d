// The C face of the kernel's string helpers: scnprintf, kasprintf, kstrto*,
// strlcpy/strscpy, kstrdup (what <linux/kernel.h> and <linux/string.h>
// declare beyond the C library's functions, which modules use directly).
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <sys/types.h>

#include "ukern/slab.h"

namespace {

// Parses all of `s` (one trailing newline allowed) as an unsigned number.
int parse_ull(const char* s, unsigned base, unsigned long long* out, bool* negative) {
  *negative = false;
  if (s == nullptr) return -EINVAL;
  if (*s == '+') ++s;
  else if (*s == '-') {
    *negative = true;
    ++s;
  }
  if (!isalnum(static_cast<unsigned char>(*s))) return -EINVAL;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = strtoull(s, &end, static_cast<int>(base));
  if (end == s) return -EINVAL;
  if (*end == '\n') ++end;
  if (*end != '\0') return -EINVAL;
  if (errno == ERANGE) return -ERANGE;
  *out = v;
  return 0;
}

template <class T>
int kstrto_unsigned(const char* s, unsigned base, T* res, unsigned long long max) {
  unsigned long long v;
  bool neg;
  if (int r = parse_ull(s, base, &v, &neg); r) return r;
  if (neg) return -EINVAL;
  if (v > max) return -ERANGE;
  *res = static_cast<T>(v);
  return 0;
}

template <class T>
int kstrto_signed(const char* s, unsigned base, T* res, long long min, long long max) {
  unsigned long long v;
  bool neg;
  if (int r = parse_ull(s, base, &v, &neg); r) return r;
  if (neg) {
    if (v > static_cast<unsigned long long>(max) + 1ULL) return -ERANGE;
    long long sv = v == 0 ? 0 : -static_cast<long long>(v - 1) - 1;
    if (sv < min) return -ERANGE;
    *res = static_cast<T>(sv);
  } else {
    if (v > static_cast<unsigned long long>(max)) return -ERANGE;
    *res = static_cast<T>(v);
  }
  return 0;
}

}  // namespace

extern "C" {

int ukern_c_vscnprintf(char* buf, size_t size, const char* fmt, va_list ap) {
  if (size == 0) return 0;
  int n = vsnprintf(buf, size, fmt, ap);
  if (n < 0) return 0;
  return static_cast<size_t>(n) < size ? n : static_cast<int>(size - 1);
}

int ukern_c_scnprintf(char* buf, size_t size, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = ukern_c_vscnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

char* ukern_c_kasprintf(gfp_t gfp, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(nullptr, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return nullptr;
  auto* p = static_cast<char*>(kmalloc(static_cast<size_t>(n) + 1, gfp));
  if (p == nullptr) return nullptr;
  va_start(ap, fmt);
  vsnprintf(p, static_cast<size_t>(n) + 1, fmt, ap);
  va_end(ap);
  return p;
}

int ukern_c_kstrtoint(const char* s, unsigned base, int* res) { return kstrto_signed(s, base, res, INT_MIN, INT_MAX); }
int ukern_c_kstrtouint(const char* s, unsigned base, unsigned* res) { return kstrto_unsigned(s, base, res, UINT_MAX); }
int ukern_c_kstrtol(const char* s, unsigned base, long* res) { return kstrto_signed(s, base, res, LONG_MIN, LONG_MAX); }
int ukern_c_kstrtoul(const char* s, unsigned base, unsigned long* res) {
  return kstrto_unsigned(s, base, res, ULONG_MAX);
}
int ukern_c_kstrtoll(const char* s, unsigned base, long long* res) {
  return kstrto_signed(s, base, res, LLONG_MIN, LLONG_MAX);
}
int ukern_c_kstrtoull(const char* s, unsigned base, unsigned long long* res) {
  return kstrto_unsigned(s, base, res, ULLONG_MAX);
}
int ukern_c_kstrtobool(const char* s, bool* res) {
  if (s == nullptr) return -EINVAL;
  switch (s[0]) {
    case 'y': case 'Y': case '1': *res = true; return 0;
    case 'n': case 'N': case '0': *res = false; return 0;
    case 'o': case 'O':
      if (s[1] == 'n' || s[1] == 'N') { *res = true; return 0; }
      if (s[1] == 'f' || s[1] == 'F') { *res = false; return 0; }
      return -EINVAL;
    default: return -EINVAL;
  }
}
long ukern_c_simple_strtol(const char* cp, char** endp, unsigned base) { return strtol(cp, endp, static_cast<int>(base)); }
unsigned long ukern_c_simple_strtoul(const char* cp, char** endp, unsigned base) {
  return strtoul(cp, endp, static_cast<int>(base));
}

size_t ukern_c_strlcpy(char* dst, const char* src, size_t size) {
  size_t len = strlen(src);
  if (size > 0) {
    size_t n = len < size - 1 ? len : size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
  }
  return len;
}

ssize_t ukern_c_strscpy(char* dst, const char* src, size_t size) {
  if (size == 0) return -E2BIG;
  size_t len = strnlen(src, size);
  if (len == size) {
    memcpy(dst, src, size - 1);
    dst[size - 1] = '\0';
    return -E2BIG;
  }
  memcpy(dst, src, len + 1);
  return static_cast<ssize_t>(len);
}

char* ukern_c_strim(char* s) {
  size_t len = strlen(s);
  while (len > 0 && isspace(static_cast<unsigned char>(s[len - 1]))) s[--len] = '\0';
  while (isspace(static_cast<unsigned char>(*s))) ++s;
  return s;
}

char* ukern_c_kstrdup(const char* s, gfp_t gfp) { return kstrdup(s, gfp); }
char* ukern_c_kstrndup(const char* s, size_t max, gfp_t gfp) {
  if (s == nullptr) return nullptr;
  size_t len = strnlen(s, max);
  auto* p = static_cast<char*>(kmalloc(len + 1, gfp));
  if (p) {
    memcpy(p, s, len);
    p[len] = '\0';
  }
  return p;
}
void* ukern_c_kmemdup(const void* src, size_t len, gfp_t gfp) {
  void* p = kmalloc(len, gfp);
  if (p) memcpy(p, src, len);
  return p;
}

}  // extern "C"
