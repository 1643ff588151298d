#include "other_user.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

namespace ukern::test {

OtherUser OtherUser::nobody() { return OtherUser{"nobody", 65534, 65534}; }

OtherUser OtherUser::ensure(const std::string& name) {
  auto lookup = [&]() -> const passwd* { return getpwnam(name.c_str()); };
  if (lookup() == nullptr) {
    // Another test process may create it at the same moment: look again
    // whatever useradd answers.
    Outcome r = run_process(
        {"/usr/sbin/useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name});
    if (lookup() == nullptr) {
      ADD_FAILURE() << "cannot create user " << name << " (useradd exit " << r.status << "): " << r.err;
      return OtherUser{name, 0, 0};
    }
  }
  const passwd* pw = lookup();
  return OtherUser{name, pw->pw_uid, pw->pw_gid};
}

StagedDir::StagedDir() {
  char tmpl[] = "/tmp/ukern-stage-XXXXXX";
  if (mkdtemp(tmpl) == nullptr || chmod(tmpl, 0755) != 0) {
    ADD_FAILURE() << "cannot make a staging dir: " << strerror(errno);
    return;
  }
  dir_ = tmpl;
}

StagedDir::~StagedDir() {
  if (dir_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string StagedDir::add(const std::string& src, const std::string& as_name) {
  namespace fs = std::filesystem;
  std::string dst = dir_ + "/" + (as_name.empty() ? fs::path(src).filename().string() : as_name);
  std::error_code ec;
  // Subdirectories are made 0755 too (mkdir under the test's umask).
  for (fs::path p = fs::path(dst).parent_path(); p.string().size() > dir_.size(); p = p.parent_path()) {
    fs::create_directories(p, ec);
    chmod(p.c_str(), 0755);
  }
  fs::copy_file(src, dst, fs::copy_options::overwrite_existing, ec);
  if (ec || chmod(dst.c_str(), 0755) != 0) {
    ADD_FAILURE() << "cannot stage " << src << " into " << dir_ << ": " << (ec ? ec.message() : strerror(errno));
    return "";
  }
  return dst;
}

KernelAs::KernelAs(const OtherUser& user, const std::vector<std::string>& modules, const std::string& table)
    : user_(user) {
  ukern_ = stage_.add(bin("ukern"), "bin/ukern");
  stage_.add(bin("ukernd"), "bin/ukernd");
  std::string staged_table = stage_.add(table, "etc/syscall_64.tbl");
  for (const auto& m : modules) {
    std::string so = access(test_module(m).c_str(), R_OK) == 0 ? test_module(m) : build_dir() + "/modules/" + m + ".so";
    stage_.add(so, "modules/" + m + ".so");
  }
  char tmpl[] = "/tmp/ukern-test-XXXXXX";
  if (mkdtemp(tmpl) == nullptr || chown(tmpl, user.uid, user.gid) != 0) {
    ADD_FAILURE() << "cannot make a runtime dir for " << user.name << ": " << strerror(errno);
    return;
  }
  dir_ = tmpl;
  Outcome r = ukern({"up", "--syscall-table", staged_table});
  running_ = r.status == 0;
  EXPECT_EQ(r.status, 0) << "ukern up as " << user.name << ": " << r.out << r.err;
}

KernelAs::~KernelAs() {
  if (dir_.empty()) return;
  if (running_) {
    Outcome r = ukern({"down"});
    EXPECT_EQ(r.status, 0) << "ukern down as " << user_.name << ": " << r.err;
  }
  std::ifstream log(dir_ + "/ukernd.log");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  for (const char* marker : {"ERROR: AddressSanitizer", "WARNING: ThreadSanitizer", "runtime error:",
                             "ERROR: LeakSanitizer"})
    EXPECT_EQ(text.find(marker), std::string::npos) << "ukernd log has a sanitizer report:\n" << text;
  if (::testing::Test::HasFailure()) std::fprintf(stderr, "--- %s/ukernd.log ---\n%s\n---\n", dir_.c_str(), text.c_str());
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

Outcome KernelAs::ukern(const std::vector<std::string>& args, int timeout_ms) const {
  std::vector<std::string> a = {ukern_};
  a.insert(a.end(), args.begin(), args.end());
  return spawn_as(user_, a, env()).wait(timeout_ms);
}

Outcome KernelAs::run(const std::vector<std::string>& argv, int timeout_ms) {
  std::vector<std::string> a = {"run", stage_.add(argv.at(0), "programs/" + std::filesystem::path(argv[0]).filename().string())};
  a.insert(a.end(), argv.begin() + 1, argv.end());
  return ukern(a, timeout_ms);
}

void open_to_others(const Kernel& k) {
  EXPECT_EQ(chmod(k.runtime_dir().c_str(), 0755), 0) << k.runtime_dir() << ": " << strerror(errno);
}

Spawned spawn_as(const OtherUser& user, const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  return spawn_process(argv, env, user.uid, user.gid);
}

Outcome run_as(const Kernel& k, const OtherUser& user, const std::vector<std::string>& argv, int timeout_ms) {
  StagedDir stage;
  std::vector<std::string> a = {stage.add(bin("ukern")), "run", stage.add(argv.at(0))};
  a.insert(a.end(), argv.begin() + 1, argv.end());
  open_to_others(k);
  return spawn_as(user, a, k.env()).wait(timeout_ms);
}

}  // namespace ukern::test
