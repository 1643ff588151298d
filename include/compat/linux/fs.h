/*
 * Files (linux/fs.h), as far as /proc callbacks need them: struct file,
 * struct inode, struct file_operations (the pre-5.6 way to describe a /proc
 * file: .open, .read, .write, .llseek, .release; see linux/proc_fs.h).
 */
#ifndef _UKERN_LINUX_FS_H
#define _UKERN_LINUX_FS_H

#include <ukern_compat.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

struct inode UKERN_COMPAT_INODE_BODY;
struct file UKERN_COMPAT_FILE_BODY;
struct file_operations UKERN_COMPAT_FOPS_BODY;

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_NONBLOCK 00004000
#define O_APPEND 00002000

static inline struct inode *file_inode(const struct file *f) { return f->f_inode; }

/* llseek helpers: SEEK_SET/SEEK_CUR move f_pos (no size is known). */
loff_t default_llseek(struct file *file, loff_t offset, int whence) __asm__("ukern_c_default_llseek");
loff_t noop_llseek(struct file *file, loff_t offset, int whence) __asm__("ukern_c_noop_llseek");
loff_t no_llseek(struct file *file, loff_t offset, int whence) __asm__("ukern_c_no_llseek");
#define generic_file_llseek default_llseek
/* Opens that need nothing. */
static inline int nonseekable_open(struct inode *inode, struct file *filp) { (void)inode; (void)filp; return 0; }
static inline int simple_open(struct inode *inode, struct file *file) {
  file->private_data = inode->i_private;
  return 0;
}

#endif
