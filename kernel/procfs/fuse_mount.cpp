// The FUSE side of /proc: high-level libfuse3 API, served by a few threads
// of its own (see serve()). Each open of a file renders one snapshot (the show
// callback runs once); reads at any offset are served from it; direct_io
// makes size-0 files read to their end, and zero entry timeouts make new
// and removed entries visible at once.
#define FUSE_USE_VERSION 31
#include "kernel/procfs/fuse_mount.h"

#include <fcntl.h>
#include <fuse.h>
#include <fuse_lowlevel.h>
#include <signal.h>
#include <spawn.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <ctime>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "kernel/procfs/registry.h"
#include "ukern/printk.h"

extern char** environ;

namespace ukern {
namespace {

// One open file: its entry and the snapshot rendered at open.
struct OpenFile {
  ProcEntryRef entry;
  std::string snapshot;
  void* handle = nullptr;  // hooked entries (C modules): their per-open state
};

timespec g_boot_time;

int do_getattr(const char* path, struct stat* st, fuse_file_info* fi) {
  ProcEntryRef entry;
  if (fi != nullptr && fi->fh != 0) {
    // fstat on an open file: its entry, even when it was removed since the open.
    entry = reinterpret_cast<OpenFile*>(fi->fh)->entry;
  } else {
    auto e = proc_lookup(path);
    if (!e) return -e.error();
    entry = *e;
  }
  ProcStat s = proc_stat(*entry);
  std::memset(st, 0, sizeof *st);
  st->st_mode = (s.is_dir ? S_IFDIR : S_IFREG) | s.mode;
  st->st_nlink = s.nlink;
  st->st_ino = s.ino;
  st->st_uid = getuid();
  st->st_gid = getgid();
  st->st_size = 0;
  st->st_blksize = 4096;
  st->st_atim = st->st_mtim = st->st_ctim = g_boot_time;
  return 0;
}

int do_readdir(const char* path, void* buf, fuse_fill_dir_t filler, off_t, fuse_file_info*, fuse_readdir_flags) {
  auto e = proc_lookup(path);
  if (!e) return -e.error();
  auto names = proc_list(**e);
  if (!names) return -names.error();
  filler(buf, ".", nullptr, 0, static_cast<fuse_fill_dir_flags>(0));
  filler(buf, "..", nullptr, 0, static_cast<fuse_fill_dir_flags>(0));
  for (const auto& n : *names) filler(buf, n.c_str(), nullptr, 0, static_cast<fuse_fill_dir_flags>(0));
  return 0;
}

int do_open(const char* path, fuse_file_info* fi) {
  auto e = proc_lookup(path);
  if (!e) return -e.error();
  if ((*e)->is_dir) return -EISDIR;
  int acc = fi->flags & O_ACCMODE;
  // The mount is open to other users when the host allows it (allow_other):
  // they get what the entry's mode grants them, as through `ukern cat`.
  uid_t who = fuse_get_context()->uid;
  if (acc != O_WRONLY && !proc_may_access(**e, who, R_OK)) return -EACCES;
  if (acc != O_RDONLY && !proc_may_access(**e, who, W_OK)) return -EACCES;
  const ProcFileHooks* hooks = (*e)->hooks;
  bool writable = hooks ? hooks->writable(**e) : (*e)->ops.proc_write != nullptr;
  if (acc != O_RDONLY && !writable) return -EACCES;
  auto f = std::make_unique<OpenFile>();
  f->entry = *e;
  if (hooks) {
    // Served read by read through the entry's own callbacks.
    auto h = hooks->open(*e, fi->flags);
    if (!h) return -h.error();
    f->handle = *h;
  } else if (acc != O_WRONLY) {
    auto text = proc_render(*e);
    if (!text) return -text.error();
    f->snapshot = std::move(*text);
  }
  fi->direct_io = 1;
  fi->keep_cache = 0;
  fi->fh = reinterpret_cast<uint64_t>(f.release());
  return 0;
}

int do_read(const char*, char* buf, size_t size, off_t off, fuse_file_info* fi) {
  auto* f = reinterpret_cast<OpenFile*>(fi->fh);
  if (f->entry->dead) return -EIO;  // removed, or its module unloaded, since open
  if (off < 0) return -EINVAL;
  if (f->entry->hooks) {
    long n = f->entry->hooks->read(f->entry, f->handle, buf, size, off);
    return n < 0 ? static_cast<int>(n) : static_cast<int>(std::min<long>(n, static_cast<long>(size)));
  }
  if (static_cast<size_t>(off) >= f->snapshot.size()) return 0;
  size_t n = std::min(size, f->snapshot.size() - static_cast<size_t>(off));
  std::memcpy(buf, f->snapshot.data() + off, n);
  return static_cast<int>(n);
}

int do_write(const char*, const char* buf, size_t size, off_t off, fuse_file_info* fi) {
  auto* f = reinterpret_cast<OpenFile*>(fi->fh);
  if (f->entry->hooks) {
    if (f->entry->dead) return -EIO;
    long n = f->entry->hooks->write(f->entry, f->handle, buf, size, off);
    return n < 0 ? static_cast<int>(n) : static_cast<int>(std::min<long>(n, static_cast<long>(size)));
  }
  auto r = proc_write_to(f->entry, buf, size, off);
  if (!r) return -r.error();
  return static_cast<int>(*r);
}

int do_truncate(const char* path, off_t, fuse_file_info*) {
  // `echo x > FILE` truncates first; accepted for writable entries.
  auto e = proc_lookup(path);
  if (!e) return -e.error();
  if (!proc_may_access(**e, fuse_get_context()->uid, W_OK)) return -EACCES;
  bool writable = (*e)->hooks ? (*e)->hooks->writable(**e) : (*e)->ops.proc_write != nullptr;
  return writable ? 0 : -EACCES;
}

int do_release(const char*, fuse_file_info* fi) {
  auto* f = reinterpret_cast<OpenFile*>(fi->fh);
  if (f->entry->hooks) f->entry->hooks->release(f->entry, f->handle);
  delete f;
  return 0;
}

void* do_init(fuse_conn_info*, fuse_config* cfg) {
  cfg->entry_timeout = 0;
  // Attributes never change, and an fstat right after open must not fail
  // when the entry was removed meanwhile (the reader gets EIO on read instead).
  cfg->attr_timeout = 1.0;
  cfg->negative_timeout = 0;
  cfg->direct_io = 1;
  cfg->use_ino = 1;
  cfg->kernel_cache = 0;
  return nullptr;
}

// Serving threads: each polls the FUSE device (non-blocking) and a stop
// eventfd, so shutdown ends them at once even while the mount is busy.
constexpr int kServingThreads = 4;

struct Mount {
  fuse* f = nullptr;
  std::string path;
  int stop_fd = -1;
  std::vector<std::thread> threads;
};
Mount g_mount;

void serve(fuse_session* se, int stop_fd) {
  fuse_buf buf{};
  pollfd p[2] = {{fuse_session_fd(se), POLLIN, 0}, {stop_fd, POLLIN, 0}};
  while (!fuse_session_exited(se)) {
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (p[1].revents) break;
    int res = fuse_session_receive_buf(se, &buf);
    if (res == -EAGAIN || res == -EINTR || res == 0) continue;  // taken by another thread, or unmounted
    if (res < 0) {                                             // (then the session is exited)
      printk(KERN_ERR "procfs: reading /dev/fuse: %s\n", strerror(-res));
      break;
    }
    fuse_session_process_buf(se, &buf);
  }
  std::free(buf.mem);
}

bool run_fusermount_detach(const std::string& path) {
  const char* argv[] = {"fusermount3", "-u", "-z", path.c_str(), nullptr};
  pid_t pid;
  if (posix_spawnp(&pid, "fusermount3", nullptr, nullptr, const_cast<char**>(argv), environ) != 0) return false;
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

bool allow_other_permitted() {
  if (geteuid() == 0) return true;
  std::ifstream conf("/etc/fuse.conf");
  for (std::string line; std::getline(conf, line);)
    if (line.rfind("user_allow_other", 0) == 0) return true;
  return false;
}

bool is_mount_point(const std::string& path) {
  struct stat st, parent;
  if (stat(path.c_str(), &st) != 0) return errno == ENOTCONN;  // a dead FUSE mount
  std::string up = path + "/..";
  if (stat(up.c_str(), &parent) != 0) return false;
  return st.st_dev != parent.st_dev;
}

}  // namespace

bool procfs_detach_stale_mount(const std::string& path) {
  if (!is_mount_point(path)) return false;
  if (geteuid() == 0 && umount2(path.c_str(), MNT_DETACH) == 0) return true;
  return run_fusermount_detach(path);
}

Result<void> procfs_fuse_mount(const std::string& mountpoint, std::string* why) {
  clock_gettime(CLOCK_REALTIME, &g_boot_time);
  if (procfs_detach_stale_mount(mountpoint))
    printk(KERN_WARNING "procfs: removed a stale mount at %s (a previous kernel crashed?)\n", mountpoint.c_str());
  if (mkdir(mountpoint.c_str(), 0755) != 0 && errno != EEXIST) {
    *why = fmt::format("cannot create {}: {}", mountpoint, strerror(errno));
    return Error{errno};
  }
  std::string real = mountpoint;
  if (char* r = realpath(mountpoint.c_str(), nullptr)) {
    real = r;
    free(r);
  }
  static const fuse_operations ops = [] {
    fuse_operations o{};
    o.getattr = do_getattr;
    o.readdir = do_readdir;
    o.open = do_open;
    o.read = do_read;
    o.write = do_write;
    o.truncate = do_truncate;
    o.release = do_release;
    o.init = do_init;
    return o;
  }();
  fuse_args args = FUSE_ARGS_INIT(0, nullptr);
  fuse_opt_add_arg(&args, "ukernd");
  fuse_opt_add_arg(&args, "-ofsname=ukern-proc,subtype=ukern");
  // Other users reach the mount only with allow_other (root's, or any
  // user's when /etc/fuse.conf says user_allow_other); do_open then applies
  // the entries' modes. Without it the host refuses them outright.
  if (allow_other_permitted()) fuse_opt_add_arg(&args, "-oallow_other");
  fuse* f = fuse_new(&args, &ops, sizeof ops, nullptr);
  fuse_opt_free_args(&args);
  if (f == nullptr) {
    *why = "fuse_new failed";
    return Error{EIO};
  }
  if (fuse_mount(f, real.c_str()) != 0) {
    fuse_destroy(f);
    *why = fmt::format("cannot mount FUSE at {}", mountpoint);
    return Error{EIO};
  }
  fuse_session* se = fuse_get_session(f);
  int fd = fuse_session_fd(se);
  int stop_fd = eventfd(0, EFD_CLOEXEC);
  if (stop_fd < 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
    *why = fmt::format("procfs serving threads: {}", strerror(errno));
    if (stop_fd >= 0) close(stop_fd);
    fuse_unmount(f);
    fuse_destroy(f);
    return Error{EIO};
  }
  g_mount.f = f;
  g_mount.path = real;
  g_mount.stop_fd = stop_fd;
  // The serving threads take no asynchronous signals: those belong to the control server.
  sigset_t block, old;
  sigemptyset(&block);
  for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM})
    sigaddset(&block, sig);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  for (int i = 0; i < kServingThreads; ++i) {
    try {
      g_mount.threads.emplace_back(serve, se, g_mount.stop_fd);
    } catch (const std::system_error& e) {
      // Served by fewer threads (or, with none, unmounted again at shutdown).
      printk(KERN_ERR "procfs: cannot start a serving thread: %s\n", e.what());
      break;
    }
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return {};
}

bool procfs_fuse_mounted() { return g_mount.f != nullptr; }

void procfs_fuse_unmount() {
  if (g_mount.f == nullptr) return;
  // Detach first, so that no new request arrives; then stop the threads.
  // Closing the device (fuse_destroy) ends the connection even when a
  // reader still holds a file open: its next read fails.
  if (!(geteuid() == 0 && umount2(g_mount.path.c_str(), MNT_DETACH) == 0)) run_fusermount_detach(g_mount.path);
  fuse_exit(g_mount.f);
  uint64_t one = 1;
  (void)!write(g_mount.stop_fd, &one, sizeof one);
  for (auto& t : g_mount.threads) t.join();
  g_mount.threads.clear();
  close(g_mount.stop_fd);
  g_mount.stop_fd = -1;
  fuse_unmount(g_mount.f);
  fuse_destroy(g_mount.f);
  g_mount.f = nullptr;
}

}  // namespace ukern
