// Integration-test harness: a private kernel in a temporary runtime dir,
// driven through the real `ukern` command and real programs.
#pragma once
#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

namespace ukern::test {

struct Outcome {
  int status = -1;  // exit code, or 128+signal
  std::string out;
  std::string err;
};

/// A process started in the background, in a process group of its own,
/// with its stdout and stderr captured. The destructor kills the group and
/// reaps it if wait() was not called.
class Spawned {
 public:
  Spawned(pid_t pid, int out_fd, int err_fd) : pid_(pid), out_(out_fd), err_(err_fd) {}
  Spawned(Spawned&& o) noexcept;
  Spawned(const Spawned&) = delete;
  Spawned& operator=(const Spawned&) = delete;
  ~Spawned();
  pid_t pid() const { return pid_; }
  /// True once the process has exited (it is not reaped: wait() still works).
  bool exited() const;
  /// Collects the output until the process exits (killing its group after
  /// `timeout_ms`), reaps it and returns the outcome. Once only.
  Outcome wait(int timeout_ms = 60000);

 private:
  pid_t pid_;
  int out_;
  int err_;
  bool reaped_ = false;
};

/// What tests/programs/show_mult_cases prints against a correct show_mult
/// (C++ or C): CASE RET ERRNAME VALUE-AFTER, 77 meaning "left untouched".
inline constexpr const char* kShowMultCasesExpected =
    "ok 0 - 10\n"
    "negative 0 - -21\n"
    "overflow -1 EOVERFLOW 77\n"
    "null -1 EFAULT 77\n"
    "readonly -1 EFAULT 77\n"
    "unmapped -1 EFAULT 77\n"
    "kernel -1 EFAULT 77\n"
    "straddle -1 EFAULT 77\n"
    "straddle_ro -1 EFAULT 77\n";

/// Means "keep the test's own uid" for the `as_uid` parameters below.
constexpr uid_t kSameUid = static_cast<uid_t>(-1);

/// Starts argv (argv[0] is a path) with `env` added; with `as_uid`, the
/// child drops to that uid and to `as_gid` (by default the gid equal to the
/// uid) before exec (the test must be root).
Spawned spawn_process(const std::vector<std::string>& argv, const std::vector<std::string>& env = {},
                      uid_t as_uid = kSameUid, gid_t as_gid = static_cast<gid_t>(-1));

/// Runs argv (argv[0] is a path) with `env` added, captures output.
/// Kills it after `timeout_ms`.
Outcome run_process(const std::vector<std::string>& argv, const std::vector<std::string>& env = {},
                    int timeout_ms = 60000, uid_t as_uid = kSameUid);

std::string build_dir();
std::string source_dir();
/// build/bin/NAME, build/tests/bin/NAME, build/tests/modules/NAME.so
std::string bin(const std::string& name);
std::string test_bin(const std::string& name);
std::string test_module(const std::string& name);
/// The table with the test modules' rows (tests/etc/test_syscall_64.tbl).
std::string test_table();

/// A kernel of its own for one test. Started in the constructor (the test
/// fails if it does not come up), stopped in the destructor.
class Kernel {
 public:
  struct Options {
    double time_scale = 1.0;
    std::string table;  // default: test_table()
    bool start = true;
  };
  Kernel();
  explicit Kernel(Options o);
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  const std::string& runtime_dir() const { return dir_; }
  std::vector<std::string> env() const;
  /// `ukern ARGS...` against this kernel.
  Outcome ukern(const std::vector<std::string>& args, int timeout_ms = 60000) const;
  /// `ukern ARGS...` against this kernel, run as user `uid` (the test must be root).
  Outcome ukern_as(uid_t uid, const std::vector<std::string>& args, int timeout_ms = 60000) const;
  /// `ukern run PROGRAM ARGS...` against this kernel.
  Outcome run(const std::vector<std::string>& argv, int timeout_ms = 60000) const;
  /// `ukern run PROGRAM ARGS...` in the background. `ukern run` execs the
  /// program, so the Spawned's pid is the program's pid.
  Spawned spawn_run(const std::vector<std::string>& argv) const;
  /// insmod of a test module (tests/modules) or a shipped one (modules/); asserts success.
  void insmod(const std::string& name, const std::vector<std::string>& params = {}) const;
  void rmmod(const std::string& name) const;
  std::string dmesg() const;
  /// Starts it (when Options::start was false); returns `ukern up`'s outcome.
  Outcome up(const std::vector<std::string>& extra = {});
  void down();
  /// ukernd's pid (from the lock file), or -1.
  pid_t daemon_pid() const;

 private:
  Options opts_;
  std::string dir_;
  bool running_ = false;
};

/// Polls `pred` every 5 ms until true or `timeout_ms` passes.
bool eventually(const std::function<bool()>& pred, int timeout_ms = 5000);

}  // namespace ukern::test
