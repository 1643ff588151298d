/*
 * /proc entries (linux/proc_fs.h). An entry appears under
 * $UKERN_RUNTIME_DIR/proc (a FUSE mount: cat, less, tail work) and through
 * `ukern cat NAME`. Its callbacks are described by struct proc_ops (Linux
 * 5.6 and later) or struct file_operations (earlier terms); proc_create
 * takes either. Each read(2) of the reader is one call of .proc_read/.read
 * with the reader's count and offset (*ppos); the `char __user *buf` it
 * gets is the reader's buffer, filled with copy_to_user or
 * simple_read_from_buffer, as on Linux.
 *
 * An entry belongs to the module that created it: while the module
 * unloads, readers get EIO; what its exit left is removed with a warning.
 * A fault in a callback is an oops; the read gets EIO, the kernel serves on.
 */
#ifndef _UKERN_LINUX_PROC_FS_H
#define _UKERN_LINUX_PROC_FS_H

#include <ukern_compat.h>
#include <linux/fs.h>
#include <linux/types.h>

/* An entry (file or directory) of the /proc tree (opaque). */
struct proc_dir_entry;
/* As on Linux, seq_printf & co. need <linux/seq_file.h>. */
struct seq_file;

struct proc_ops UKERN_COMPAT_PROC_OPS_BODY;
#define PROC_ENTRY_PERMANENT 1U

struct proc_dir_entry *ukern_c_proc_create_ops(const char *name, umode_t mode, struct proc_dir_entry *parent,
                                               const struct proc_ops *ops, void *data);
struct proc_dir_entry *ukern_c_proc_create_fops(const char *name, umode_t mode, struct proc_dir_entry *parent,
                                                const struct file_operations *fops, void *data);

/* Creates file `name` in `parent` (NULL: the top of /proc); `ops` is a
 * struct proc_ops or struct file_operations. NULL when the name is taken
 * or invalid. */
#define proc_create_data(name, mode, parent, ops, data)                 \
  _Generic((ops),                                                       \
      const struct proc_ops *: ukern_c_proc_create_ops,                 \
      struct proc_ops *: ukern_c_proc_create_ops,                       \
      const struct file_operations *: ukern_c_proc_create_fops,         \
      struct file_operations *: ukern_c_proc_create_fops)(name, mode, parent, ops, data)
#define proc_create(name, mode, parent, ops) proc_create_data(name, mode, parent, ops, NULL)

/* A file whose text is written by `show` (single_open underneath). */
struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode, struct proc_dir_entry *parent,
                                               int (*show)(struct seq_file *, void *), void *data)
    __asm__("ukern_c_proc_create_single_data");
#define proc_create_single(name, mode, parent, show) proc_create_single_data(name, mode, parent, show, NULL)

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent) __asm__("ukern_c_proc_mkdir");
/* Removes the entry and what is under it; readers of it get EIO. */
void proc_remove(struct proc_dir_entry *entry) __asm__("ukern_c_proc_remove");
void remove_proc_entry(const char *name, struct proc_dir_entry *parent) __asm__("ukern_c_remove_proc_entry");
#define remove_proc_subtree(name, parent) (remove_proc_entry(name, parent), 0)

/* The `data` given to proc_create_data, from an open's inode. */
static inline void *pde_data(const struct inode *inode) { return inode->i_private; }
#define PDE_DATA(inode) pde_data(inode)

#endif
