// Running programs as another (unprivileged) user in integration tests.
//
// Some tests, run as root, need a second user: to show that ukern refuses it
// something (EPERM, "permission denied") or lets it do something. Two things
// stand in the way on a CI machine, and this facility removes both:
//   - the checkout, and so build/, may live under a 0700 directory that the
//     other user cannot traverse: the binaries it runs are copied ("staged")
//     into a fresh world-readable temporary directory;
//   - a test kernel's runtime dir is made by mkdtemp (0700): it is opened to
//     everyone (0755, as /run/ukern is; the control socket is already 0666).
//
// Typical use (the test must run as root, which `make test` does):
//
//   Kernel k;
//   OtherUser nobody = OtherUser::nobody();              // uid 65534
//   Outcome r = run_as(k, nobody, {bin("gettaskinfo"), "1"});
//   // = `ukern run gettaskinfo 1` against k, as uid 65534
//
// A kernel that the other user starts itself (so without root's
// privileges): KernelAs. Lower-level pieces for other needs: StagedDir
// (copies of any binaries), open_to_others(k), spawn_as(user, argv, env).
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

#include "harness.h"

namespace ukern::test {

/// A user account of the host other than root.
struct OtherUser {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;

  /// `nobody` (uid and gid 65534), which every Debian system has.
  static OtherUser nobody();
  /// The user `name`, created with `useradd --system` (no home, no login
  /// shell) if the host does not have it yet. Fails the test (and returns
  /// uid 0) when it cannot be created. Use it when a test needs a user that
  /// differs from nobody, or two distinct users.
  static OtherUser ensure(const std::string& name);
};

/// A fresh temporary directory that every user may enter and read (0755),
/// holding copies of binaries; removed with its contents by the destructor.
class StagedDir {
 public:
  StagedDir();
  ~StagedDir();
  StagedDir(const StagedDir&) = delete;
  StagedDir& operator=(const StagedDir&) = delete;

  const std::string& path() const { return dir_; }
  /// Copies the file at `src` into the directory under its own base name
  /// (or `as_name`, which may name a subdirectory: "bin/ukern"), mode 0755,
  /// and returns the copy's path. Fails the test (and returns "") when it
  /// cannot be copied.
  std::string add(const std::string& src, const std::string& as_name = "");

 private:
  std::string dir_;
};

/// A kernel started by another user, so without root's privileges (e.g.
/// without CAP_SYS_ADMIN, and without a FUSE /proc mount where the host
/// refuses it to users). ukern, ukernd, the table and the named modules are
/// staged as bin/, etc/ and modules/ of a StagedDir, so `insmod NAME` finds
/// them; the runtime dir belongs to the user. Up in the constructor (the
/// test fails if it does not come up), down in the destructor.
///
///   KernelAs k(OtherUser::nobody(), {"va2pa"});
///   k.ukern({"insmod", "va2pa"});
///   Outcome r = k.run({test_bin("va2pa_cases")});   // as nobody
class KernelAs {
 public:
  KernelAs(const OtherUser& user, const std::vector<std::string>& modules,
           const std::string& table = test_table());
  ~KernelAs();
  KernelAs(const KernelAs&) = delete;
  KernelAs& operator=(const KernelAs&) = delete;

  const std::string& runtime_dir() const { return dir_; }
  std::vector<std::string> env() const { return {"UKERN_RUNTIME_DIR=" + dir_}; }
  /// `ukern ARGS...` against this kernel, as its user.
  Outcome ukern(const std::vector<std::string>& args, int timeout_ms = 60000) const;
  /// `ukern run PROGRAM ARGS...` as its user; PROGRAM is staged first.
  Outcome run(const std::vector<std::string>& argv, int timeout_ms = 60000);

 private:
  OtherUser user_;
  StagedDir stage_;
  std::string ukern_;
  std::string dir_;
  bool running_ = false;
};

/// Lets other users reach kernel `k`: its runtime dir becomes 0755, so they
/// can open the control socket (0666) and read the /proc mount inside it.
void open_to_others(const Kernel& k);

/// Starts argv (argv[0] a path the user can execute) as `user`: supplementary
/// groups dropped, then its gid and uid set, then exec, with `env` added.
/// The test must be root.
Spawned spawn_as(const OtherUser& user, const std::vector<std::string>& argv,
                 const std::vector<std::string>& env = {});

/// `ukern run PROGRAM ARGS...` against `k`, as `user`. The ukern command and
/// PROGRAM (argv[0]) are staged into a StagedDir first and `k` is opened to
/// others, so it works from a checkout that the user cannot reach.
Outcome run_as(const Kernel& k, const OtherUser& user, const std::vector<std::string>& argv,
               int timeout_ms = 60000);

}  // namespace ukern::test
