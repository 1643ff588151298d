/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <linux/syscalls.h> for ukern: SYSCALL_DEFINE0 .. SYSCALL_DEFINE6.
 *
 *     SYSCALL_DEFINE3(issue_request, int, start_floor, int, destination_floor,
 *                     int, type)
 *     {
 *             return STUB_issue_request ? STUB_issue_request(start_floor,
 *                             destination_floor, type) : -ENOSYS;
 *     }
 *
 * defines the entry point of the syscall-table row `issue_request`, as
 * Linux's macro does: an outer function `__se_sys_issue_request` that takes
 * the raw registers as longs and casts each to its declared type, and the
 * body as a static function `__do_sys_issue_request` with the typed
 * parameters. ukern's dispatcher looks up `__se_<entry point>` first, then
 * `<entry point>` itself (the `asmlinkage long sys_name(...)` style of
 * <linux/linkage.h>).
 */
#ifndef _UKERN_LINUX_SYSCALLS_H
#define _UKERN_LINUX_SYSCALLS_H

#include <linux/linkage.h>

#include <linux/errno.h>
#include <linux/types.h>

/* __UKERN_SC_MAP(n, m, t1, a1, ..., tn, an): m(t1, a1), ..., m(tn, an) */
#define __UKERN_SC_MAP0(m, ...)
#define __UKERN_SC_MAP1(m, t, a, ...) m(t, a)
#define __UKERN_SC_MAP2(m, t, a, ...) m(t, a), __UKERN_SC_MAP1(m, __VA_ARGS__)
#define __UKERN_SC_MAP3(m, t, a, ...) m(t, a), __UKERN_SC_MAP2(m, __VA_ARGS__)
#define __UKERN_SC_MAP4(m, t, a, ...) m(t, a), __UKERN_SC_MAP3(m, __VA_ARGS__)
#define __UKERN_SC_MAP5(m, t, a, ...) m(t, a), __UKERN_SC_MAP4(m, __VA_ARGS__)
#define __UKERN_SC_MAP6(m, t, a, ...) m(t, a), __UKERN_SC_MAP5(m, __VA_ARGS__)
#define __UKERN_SC_MAP(n, ...) __UKERN_SC_MAP##n(__VA_ARGS__)

/* A parameter as declared; as the register it arrives in; cast back. */
#define __UKERN_SC_DECL(t, a) t a
#define __UKERN_SC_LONG(t, a) long a
#define __UKERN_SC_CAST(t, a) (t) a

#define SYSCALL_DEFINE0(sname)                          \
	asmlinkage long __se_sys_##sname(void);         \
	asmlinkage long __se_sys_##sname(void)

#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) SYSCALL_DEFINEx(6, name, __VA_ARGS__)

#define SYSCALL_DEFINE_MAXARGS 6

#define SYSCALL_DEFINEx(x, sname, ...)                                                   \
	static inline long __do_sys_##sname(__UKERN_SC_MAP(x, __UKERN_SC_DECL, __VA_ARGS__)); \
	asmlinkage long __se_sys_##sname(__UKERN_SC_MAP(x, __UKERN_SC_LONG, __VA_ARGS__));   \
	asmlinkage long __se_sys_##sname(__UKERN_SC_MAP(x, __UKERN_SC_LONG, __VA_ARGS__))    \
	{                                                                                  \
		return __do_sys_##sname(__UKERN_SC_MAP(x, __UKERN_SC_CAST, __VA_ARGS__));  \
	}                                                                                  \
	static inline long __do_sys_##sname(__UKERN_SC_MAP(x, __UKERN_SC_DECL, __VA_ARGS__))

#endif /* _UKERN_LINUX_SYSCALLS_H */
