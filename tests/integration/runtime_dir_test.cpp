// Issue 9 (1): the runtime dir. On main, ukernd reused any existing runtime
// dir, opened its lock following symlinks and truncated it, and clients
// trusted whatever socket sat in the predictable /tmp/ukern-UID.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "harness.h"
#include "other_user.h"

using namespace ukern::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// A scratch directory others may enter, removed at the end.
struct Scratch {
  std::string dir;
  Scratch() {
    char tmpl[] = "/tmp/ukern-squat-XXXXXX";
    dir = mkdtemp(tmpl);
    chmod(dir.c_str(), 0755);
  }
  ~Scratch() { (void)!system(("rm -rf '" + dir + "'").c_str()); }
};

}  // namespace

// Caught: another user (65533) creates the victim's default runtime dir
// first and plants ukernd.lock as a symlink to a file of the victim; main's
// `ukern up` truncated that file and then served from the squatter's dir.
TEST(RuntimeDir, SquattedDefaultDirIsRefusedAndNothingIsOverwritten) {
  ASSERT_EQ(geteuid(), 0u) << "the integration suite runs as root (it acts as other users)";
  const OtherUser victim = OtherUser::nobody();
  const uid_t squatter = 65533;
  Scratch xdg;
  StagedDir stage;
  std::string ukern_bin = stage.add(bin("ukern"));
  stage.add(bin("ukernd"));
  const std::string victim_file = xdg.dir + "/victim-notes";
  write_file(victim_file, "precious\n");
  ASSERT_EQ(chown(victim_file.c_str(), victim.uid, victim.gid), 0);
  const std::string squat = xdg.dir + "/ukern";
  ASSERT_EQ(mkdir(squat.c_str(), 0755), 0);
  ASSERT_EQ(symlink(victim_file.c_str(), (squat + "/ukernd.lock").c_str()), 0);
  ASSERT_EQ(lchown((squat + "/ukernd.lock").c_str(), squatter, squatter), 0);
  ASSERT_EQ(chown(squat.c_str(), squatter, squatter), 0);

  std::vector<std::string> env = {"XDG_RUNTIME_DIR=" + xdg.dir};
  Outcome up = spawn_as(victim, {ukern_bin, "up"}, env).wait(20000);
  EXPECT_EQ(up.status, 1) << up.out << up.err;
  EXPECT_TRUE(has(up.err, "belongs to uid 65533")) << up.err;
  EXPECT_EQ(slurp(victim_file), "precious\n");

  // A client does not talk to a socket in a dir someone else made for it.
  Outcome ping = spawn_as(victim, {ukern_bin, "ping"}, env).wait(20000);
  EXPECT_EQ(ping.status, 1);
  EXPECT_TRUE(has(ping.err, "belongs to uid 65533")) << ping.err;
}

// Caught: main opened the lock file following a symlink and truncated the
// file it pointed to (here in the user's own dir, as a leftover would be).
TEST(RuntimeDir, LockFileSymlinkIsNotFollowed) {
  Kernel k(Kernel::Options{.start = false});
  Scratch elsewhere;
  const std::string target = elsewhere.dir + "/target";
  write_file(target, "keep me\n");
  ASSERT_EQ(symlink(target.c_str(), (k.runtime_dir() + "/ukernd.lock").c_str()), 0);
  Outcome up = k.up();
  EXPECT_EQ(up.status, 1) << up.out;
  EXPECT_TRUE(has(up.err, "ukernd.lock")) << up.err;
  EXPECT_EQ(slurp(target), "keep me\n");
}

// Caught: main served from a world-writable runtime dir, where anyone could
// replace ctl.sock.
TEST(RuntimeDir, WritableByOthersIsRefusedWithAClearMessage) {
  Kernel k(Kernel::Options{.start = false});
  ASSERT_EQ(chmod(k.runtime_dir().c_str(), 0777), 0);
  Outcome up = k.up();
  EXPECT_EQ(up.status, 1);
  EXPECT_TRUE(has(up.err, "writable by group or others")) << up.err;
  ASSERT_EQ(chmod(k.runtime_dir().c_str(), 0700), 0);
  Outcome again = k.up();
  EXPECT_EQ(again.status, 0) << again.err;
}

// A runtime dir that is a symlink (to a dir of another user) is refused too.
TEST(RuntimeDir, SymlinkAsRuntimeDirIsRefused) {
  Scratch elsewhere;
  const std::string link = elsewhere.dir + "/rt";
  ASSERT_EQ(symlink(elsewhere.dir.c_str(), link.c_str()), 0);
  Outcome up = run_process({bin("ukern"), "--runtime-dir", link, "up"});
  EXPECT_EQ(up.status, 1);
  EXPECT_TRUE(has(up.err, "not a directory")) << up.err;
}
