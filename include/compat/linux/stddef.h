/* NULL, offsetof, true/false, as Linux's linux/stddef.h. */
#ifndef _UKERN_LINUX_STDDEF_H
#define _UKERN_LINUX_STDDEF_H

#undef NULL
#define NULL ((void *)0)

enum { false = 0, true = 1 };

#undef offsetof
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
/* Size of a member of a struct type. */
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))

#endif
