#include "kernel/ctl/runtime_dir.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace ukern {

std::string executable_dir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  buf[n] = '\0';
  std::string p(buf);
  return p.substr(0, p.find_last_of('/'));
}

std::string resolve_runtime_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("UKERN_RUNTIME_DIR"); env && *env) return env;
  if (geteuid() == 0) return "/run/ukern";
  if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg) return std::string(xdg) + "/ukern";
  return "/tmp/ukern-" + std::to_string(geteuid());
}

bool runtime_dir_named(const std::string& flag) {
  const char* env = std::getenv("UKERN_RUNTIME_DIR");
  return !flag.empty() || (env && *env);
}

namespace {

// The checks shared by the kernel and its clients: a real directory (not a
// symlink to one), owned by `owner_ok`, writable by its owner only.
bool check_dir(const std::string& dir, bool (*owner_ok)(uid_t), std::string* why) {
  struct stat st;
  if (lstat(dir.c_str(), &st) != 0) {
    *why = fmt::format("runtime dir {}: {}", dir, strerror(errno));
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    *why = fmt::format("runtime dir {} is not a directory (a symlink or a file): refusing to use it", dir);
    return false;
  }
  if (!owner_ok(st.st_uid)) {
    *why = fmt::format(
        "runtime dir {} belongs to uid {}, not to you (uid {}): refusing to use it "
        "(another user may have created it; remove it or choose another with --runtime-dir)",
        dir, st.st_uid, geteuid());
    return false;
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    *why = fmt::format("runtime dir {} is writable by group or others (mode {:04o}): refusing to use it "
                       "(chmod go-w it, or remove it)",
                       dir, st.st_mode & 07777);
    return false;
  }
  return true;
}

}  // namespace

bool runtime_dir_prepare(const std::string& dir, std::string* why) {
  // mkdir never follows a symlink at the last component and fails if
  // anything is there already, so a directory we create is ours; one that
  // exists must pass the checks.
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    *why = fmt::format("cannot create runtime dir {}: {}", dir, strerror(errno));
    return false;
  }
  return check_dir(dir, [](uid_t u) { return u == geteuid(); }, why);
}

bool runtime_dir_check_client(const std::string& dir, bool named_by_user, std::string* why) {
  // A default directory (/tmp/ukern-UID, ...) must be the user's own or
  // root's: another user could have created it first. A directory the user
  // named may belong to anyone (another user's kernel, on purpose).
  auto mine_or_root = [](uid_t u) { return u == geteuid() || u == 0; };
  auto anyone = [](uid_t) { return true; };
  if (!check_dir(dir, named_by_user ? +anyone : +mine_or_root, why)) return false;
  struct stat sd, ss;
  std::string sock = dir + "/ctl.sock";
  if (lstat(dir.c_str(), &sd) == 0 && lstat(sock.c_str(), &ss) == 0 &&
      (!S_ISSOCK(ss.st_mode) || ss.st_uid != sd.st_uid)) {
    *why = fmt::format("{} is not a socket owned by the runtime dir's owner: refusing to talk to it", sock);
    return false;
  }
  return true;
}

}  // namespace ukern
