#include "harness.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

#include <gtest/gtest.h>

extern char** environ;

namespace ukern::test {

std::string build_dir() { return UKERN_BUILD_DIR; }
std::string source_dir() { return UKERN_SOURCE_DIR; }
std::string bin(const std::string& name) { return build_dir() + "/bin/" + name; }
std::string test_bin(const std::string& name) { return build_dir() + "/tests/bin/" + name; }
std::string test_module(const std::string& name) { return build_dir() + "/tests/modules/" + name + ".so"; }
std::string test_table() { return source_dir() + "/tests/etc/test_syscall_64.tbl"; }

Spawned spawn_process(const std::vector<std::string>& argv, const std::vector<std::string>& env, uid_t as_uid,
                      gid_t as_gid) {
  if (as_gid == static_cast<gid_t>(-1)) as_gid = as_uid;
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return Spawned(-1, -1, -1);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    setpgid(0, 0);
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    if (as_uid != kSameUid) {
      if (setgroups(0, nullptr) != 0 || setgid(as_gid) != 0 || setuid(as_uid) != 0) {
        dprintf(2, "cannot become uid %u gid %u: %s\n", as_uid, as_gid, strerror(errno));
        _exit(126);
      }
    }
    std::vector<char*> a;
    for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
    a.push_back(nullptr);
    execv(a[0], a.data());
    dprintf(2, "exec %s: %s\n", a[0], strerror(errno));
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  return Spawned(pid, out[0], err[0]);
}

Spawned::Spawned(Spawned&& o) noexcept : pid_(o.pid_), out_(o.out_), err_(o.err_), reaped_(o.reaped_) {
  o.pid_ = -1;
  o.out_ = o.err_ = -1;
  o.reaped_ = true;
}

Spawned::~Spawned() {
  if (pid_ > 0 && !reaped_) {
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_ >= 0) close(out_);
  if (err_ >= 0) close(err_);
}

bool Spawned::exited() const {
  if (pid_ <= 0 || reaped_) return true;
  siginfo_t si{};
  return waitid(P_PID, static_cast<id_t>(pid_), &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == pid_;
}

Outcome Spawned::wait(int timeout_ms) {
  Outcome o;
  if (pid_ <= 0 || reaped_) return o;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
  int open_fds = 2;
  bool killed = false;
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 && !killed) {
      kill(-pid_, SIGKILL);
      killed = true;
    }
    if (poll(fds, 2, killed ? 1000 : static_cast<int>(left.count())) <= 0) {
      if (killed) break;
      continue;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? o.out : o.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  out_ = err_ = -1;
  int st = 0;
  waitpid(pid_, &st, 0);
  reaped_ = true;
  o.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return o;
}

Outcome run_process(const std::vector<std::string>& argv, const std::vector<std::string>& env, int timeout_ms,
                    uid_t as_uid) {
  return spawn_process(argv, env, as_uid).wait(timeout_ms);
}

Kernel::Kernel() : Kernel(Options{}) {}

Kernel::Kernel(Options o) : opts_(std::move(o)) {
  if (opts_.table.empty()) opts_.table = test_table();
  char tmpl[] = "/tmp/ukern-test-XXXXXX";
  dir_ = mkdtemp(tmpl);
  if (opts_.start) {
    Outcome r = up();
    EXPECT_EQ(r.status, 0) << "ukern up failed: " << r.out << r.err;
  }
}

Kernel::~Kernel() {
  if (running_) down();
  // A sanitizer report inside ukernd fails the test that caused it.
  std::ifstream log(dir_ + "/ukernd.log");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  for (const char* marker : {"ERROR: AddressSanitizer", "WARNING: ThreadSanitizer", "runtime error:",
                             "ERROR: LeakSanitizer"})
    EXPECT_EQ(text.find(marker), std::string::npos) << "ukernd log has a sanitizer report:\n" << text;
  // A failed test shows the end of the kernel's console log: a crash or a
  // warning there is often the reason.
  if (::testing::Test::HasFailure())
    std::fprintf(stderr, "--- end of %s/ukernd.log ---\n%s\n---\n", dir_.c_str(),
                 text.substr(text.size() > 6000 ? text.size() - 6000 : 0).c_str());
  std::string cmd = "rm -rf '" + dir_ + "'";
  if (system(cmd.c_str()) != 0) {
  }
}

std::vector<std::string> Kernel::env() const { return {"UKERN_RUNTIME_DIR=" + dir_}; }

Outcome Kernel::ukern(const std::vector<std::string>& args, int timeout_ms) const {
  std::vector<std::string> argv = {bin("ukern")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env(), timeout_ms);
}

Outcome Kernel::ukern_as(uid_t uid, const std::vector<std::string>& args, int timeout_ms) const {
  std::vector<std::string> argv = {bin("ukern")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env(), timeout_ms, uid);
}

Spawned Kernel::spawn_run(const std::vector<std::string>& argv) const {
  std::vector<std::string> a = {bin("ukern"), "run"};
  a.insert(a.end(), argv.begin(), argv.end());
  return spawn_process(a, env());
}

Outcome Kernel::run(const std::vector<std::string>& argv, int timeout_ms) const {
  std::vector<std::string> a = {"run"};
  a.insert(a.end(), argv.begin(), argv.end());
  return ukern(a, timeout_ms);
}

void Kernel::insmod(const std::string& name, const std::vector<std::string>& params) const {
  std::string path = access(test_module(name).c_str(), R_OK) == 0 ? test_module(name) : name;
  std::vector<std::string> a = {"insmod", path};
  a.insert(a.end(), params.begin(), params.end());
  Outcome r = ukern(a);
  ASSERT_EQ(r.status, 0) << "insmod " << name << ": " << r.err;
}

void Kernel::rmmod(const std::string& name) const {
  Outcome r = ukern({"rmmod", name});
  ASSERT_EQ(r.status, 0) << "rmmod " << name << ": " << r.err;
}

std::string Kernel::dmesg() const { return ukern({"dmesg"}).out; }

Outcome Kernel::up(const std::vector<std::string>& extra) {
  std::vector<std::string> a = {"up", "--syscall-table", opts_.table};
  if (opts_.time_scale != 1.0) a.insert(a.end(), {"--time-scale", std::to_string(opts_.time_scale)});
  a.insert(a.end(), extra.begin(), extra.end());
  Outcome r = ukern(a);
  running_ = running_ || r.status == 0;
  return r;
}

void Kernel::down() {
  Outcome r = ukern({"down"});
  EXPECT_EQ(r.status, 0) << "ukern down: " << r.err;
  running_ = false;
}

pid_t Kernel::daemon_pid() const {
  std::ifstream in(dir_ + "/ukernd.lock");
  pid_t p = -1;
  in >> p;
  return p;
}

bool eventually(const std::function<bool()>& pred, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

}  // namespace ukern::test
