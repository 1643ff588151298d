/*
 * seq_file (linux/seq_file.h), the single_open form: a show callback
 * writes the whole file with seq_printf; seq_read serves reads at any
 * *ppos from that text (rendered when a read starts at 0).
 *
 *   static int show(struct seq_file *m, void *v) { seq_printf(m, "%d\n", x); return 0; }
 *   static int open(struct inode *inode, struct file *file) { return single_open(file, show, NULL); }
 *   static const struct proc_ops ops = { .proc_open = open, .proc_read = seq_read,
 *                                        .proc_lseek = seq_lseek, .proc_release = single_release };
 *
 * (proc_create_single does the same in one call.) seq_open with
 * seq_operations (start/next/stop) is not provided.
 */
#ifndef _UKERN_LINUX_SEQ_FILE_H
#define _UKERN_LINUX_SEQ_FILE_H

#include <ukern_compat.h>
#include <linux/fs.h>
#include <linux/types.h>

struct seq_file UKERN_COMPAT_SEQ_FILE_BODY;

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data) __asm__("ukern_c_single_open");
int single_release(struct inode *inode, struct file *file) __asm__("ukern_c_single_release");
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos) __asm__("ukern_c_seq_read");
loff_t seq_lseek(struct file *file, loff_t offset, int whence) __asm__("ukern_c_seq_lseek");

void seq_printf(struct seq_file *m, const char *fmt, ...) __asm__("ukern_c_seq_printf") __printf(2, 3);
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args) __asm__("ukern_c_seq_vprintf");
void seq_puts(struct seq_file *m, const char *s) __asm__("ukern_c_seq_puts");
void seq_putc(struct seq_file *m, char c) __asm__("ukern_c_seq_putc");
void seq_write(struct seq_file *m, const void *data, size_t len) __asm__("ukern_c_seq_write");
/* True once the text reached its limit (1 MiB) and output was dropped. */
bool seq_has_overflowed(struct seq_file *m) __asm__("ukern_c_seq_has_overflowed");

#endif
