/*
 * The C face of ukern's kernel services: the one place that fixes the layout
 * of every type a C module embeds by value, and declares the functions
 * behind the <linux/...>  headers. Both dialects include it: the C headers
 * (include/compat/linux) and the kernel's implementation
 * (kernel/compat/), so the two can never disagree.
 *
 * Objects that C embeds by value (struct mutex, spinlock_t,
 * wait_queue_head_t) hold the kernel's C++ object in `storage`: it is built
 * there on first use (DEFINE_ macros leave it unbuilt, the *_init functions
 * build it at once), so a static definition needs no constructor and a
 * kmalloc'ed one works after its init call, as in Linux.
 *
 * Only builtin types appear here: C modules are compiled with -nostdinc.
 */
#ifndef UKERN_COMPAT_H
#define UKERN_COMPAT_H

#ifdef __cplusplus
#define UKERN_C_BEGIN extern "C" {
#define UKERN_C_END }
#else
#define UKERN_C_BEGIN
#define UKERN_C_END
#endif

/* `state` of a lazily built object: 0 not built yet, 1 being built,
 * UKERN_COMPAT_READY built. Anything else is memory that was never
 * initialised (kmalloc without the *_init call): built then, with a warning. */
#define UKERN_COMPAT_BUILDING 1
#define UKERN_COMPAT_READY 0x75c0a11d

/* Where a lock or queue was defined: its name and lockdep class. */
struct ukern_compat_site {
  int state;
  const char *name;
  const char *file;
  int line;
};
#define UKERN_COMPAT_SITE(n) { 0, n, __FILE__, __LINE__ }

struct ukern_compat_mutex {
  struct ukern_compat_site site;
  unsigned long long storage[16] __attribute__((aligned(16)));
};
struct ukern_compat_spinlock {
  struct ukern_compat_site site;
  unsigned long long storage[8] __attribute__((aligned(16)));
};
struct ukern_compat_waitqueue {
  struct ukern_compat_site site;
  unsigned long long storage[16] __attribute__((aligned(16)));
};
/* One wait_event's sleep (on the sleeper's stack). */
struct ukern_compat_wait {
  unsigned long long storage[12] __attribute__((aligned(16)));
};

/* A task as C sees it (struct task_struct): a kernel thread started from
 * C, or the thread of a program whose system call is running (`current`).
 * `ukern` is the kernel's own state (wake-ups, the kthread behind it). */
struct ukern_compat_task_private;
#define UKERN_COMPAT_TASK_BODY                                  \
  {                                                             \
    union {                                                     \
      volatile long __state;                                    \
      volatile long state; /* its name before Linux 5.14 */     \
    };                                                          \
    int pid;  /* thread id */                                   \
    int tgid; /* process id */                                  \
    char comm[16];                                              \
    unsigned int flags;                                         \
    int prio;                                                   \
    struct ukern_compat_task_private *ukern;                    \
  }

struct module;

/* Files as the /proc callbacks of a C module see them (linux/fs.h). The
 * types spelled out (long long for loff_t, ...) keep this header free of
 * any C library. `ukern` is the kernel's per-open state. */
#define UKERN_COMPAT_INODE_BODY \
  {                             \
    unsigned long i_ino;        \
    unsigned short i_mode;      \
    void *i_private;            \
  }
#define UKERN_COMPAT_FILE_BODY                     \
  {                                                \
    void *private_data;                            \
    long long f_pos;                               \
    unsigned int f_flags;                          \
    unsigned int f_mode;                           \
    struct inode *f_inode;                         \
    const struct file_operations *f_op;            \
    void *ukern;                                   \
  }
#define UKERN_COMPAT_FOPS_BODY                                                       \
  {                                                                                  \
    struct module *owner;                                                            \
    long long (*llseek)(struct file *, long long, int);                              \
    long (*read)(struct file *, char *, unsigned long, long long *);                 \
    long (*write)(struct file *, const char *, unsigned long, long long *);          \
    int (*open)(struct inode *, struct file *);                                      \
    int (*release)(struct inode *, struct file *);                                   \
  }
#define UKERN_COMPAT_PROC_OPS_BODY                                                   \
  {                                                                                  \
    unsigned int proc_flags;                                                         \
    int (*proc_open)(struct inode *, struct file *);                                 \
    long (*proc_read)(struct file *, char *, unsigned long, long long *);            \
    long (*proc_write)(struct file *, const char *, unsigned long, long long *);     \
    long long (*proc_lseek)(struct file *, long long, int);                          \
    int (*proc_release)(struct inode *, struct file *);                              \
  }
/* What a show callback writes into (linux/seq_file.h). Its `private`
 * field is spelled private_ in C++, where `private` is a keyword. */
#ifdef __cplusplus
#define UKERN_COMPAT_PRIVATE private_
#else
#define UKERN_COMPAT_PRIVATE private
#endif
#define UKERN_COMPAT_SEQ_FILE_BODY \
  {                                \
    void *UKERN_COMPAT_PRIVATE;    \
    struct file *file;             \
    long long index;               \
    void *ukern;                   \
  }

UKERN_C_BEGIN
/* module.h: registrations made while the loader opens a module. */
void ukern_c_modinfo(const char *key, const char *value);
void ukern_c_module_init(int (*fn)(void));
void ukern_c_module_exit(void (*fn)(void));
/* kind: one of UKERN_C_PARAM_* */
void ukern_c_module_param(const char *name, void *where, int kind, unsigned perm);
void ukern_c_export_symbol(const char *name, void *where);

/* lockdep-checked list operations: 1 when safe, else reported and 0. */
int ukern_c_list_add_valid(void *new_entry, void *prev, void *next);
int ukern_c_list_del_valid(void *entry);

/* wait.h */
void ukern_c_wait_begin(struct ukern_compat_wait *w, struct ukern_compat_waitqueue *wq, int interruptible,
                        long timeout, const char *what);
void ukern_c_wait_prepare(struct ukern_compat_wait *w);
/* 0 woken, -ETIMEDOUT, -ERESTARTSYS */
int ukern_c_wait_sleep(struct ukern_compat_wait *w);
long ukern_c_wait_remaining(struct ukern_compat_wait *w);
void ukern_c_wait_end(struct ukern_compat_wait *w);
void ukern_c_might_sleep(const char *file, int line);

void ukern_c_init_waitqueue_head(struct ukern_compat_waitqueue *wq, const char *name, const char *file, int line);
void ukern_c_wake_up(struct ukern_compat_waitqueue *wq);
int ukern_c_waitqueue_active(struct ukern_compat_waitqueue *wq);

/* bug.h: a WARN with a call trace (the kernel serves on). */
void ukern_c_warn(const char *file, int line, const char *cond);
/* BUG(): reports and faults on purpose, so the caller's entry oopses. */
void ukern_c_bug(const char *file, int line, const char *cond) __attribute__((noreturn));
UKERN_C_END

enum ukern_c_param_kind {
  UKERN_C_PARAM_INT,
  UKERN_C_PARAM_UINT,
  UKERN_C_PARAM_LONG,
  UKERN_C_PARAM_ULONG,
  UKERN_C_PARAM_BOOL,
  UKERN_C_PARAM_CHARP,
};

#endif
