/* String and memory functions of the kernel's lib/string.c. */
#ifndef _UKERN_LINUX_STRING_H
#define _UKERN_LINUX_STRING_H

#include <linux/compiler.h>
#include <linux/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strpbrk(const char *s, const char *accept);
char *strsep(char **s, const char *delim);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
/* Copies at most size-1 bytes and terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size) __asm__("ukern_c_strlcpy");
/* Copies and terminates; returns the length copied, or -E2BIG when truncated. */
ssize_t strscpy(char *dst, const char *src, size_t size) __asm__("ukern_c_strscpy");
/* Strips leading and trailing white space (in place). */
char *strim(char *s) __asm__("ukern_c_strim");
#define strstrip(s) strim(s)
/* kmalloc'ed copies (free with kfree). */
char *kstrdup(const char *s, gfp_t gfp) __asm__("ukern_c_kstrdup");
char *kstrndup(const char *s, size_t max, gfp_t gfp) __asm__("ukern_c_kstrndup");
void *kmemdup(const void *src, size_t len, gfp_t gfp) __asm__("ukern_c_kmemdup");

#endif
