// Issue 9 (3, 4): who may do what through the control socket and /proc.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "harness.h"
#include "kernel/ctl/protocol.h"
#include "other_user.h"

using namespace ukern::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// Caught: main's `ukern cat`, `dmesg`, `ps` and `modinfo` answered any user
// who could reach the socket, while the FUSE mount refused them all. Now
// both follow one rule: the entry's mode and owner (the kernel's user);
// the log is for root and the owner (kernel.dmesg_restrict = 1).
TEST(Permissions, SocketAndMountFollowOneRule) {
  ASSERT_EQ(geteuid(), 0u) << "the integration suite runs as root (it acts as another user)";
  const OtherUser nobody = OtherUser::nobody();
  StagedDir stage;
  const std::string ukern_bin = stage.add(bin("ukern"));
  Kernel k;
  open_to_others(k);
  k.insmod("test_perm");
  auto as_nobody = [&](std::vector<std::string> args) {
    args.insert(args.begin(), ukern_bin);
    return spawn_as(nobody, args, k.env()).wait();
  };
  const std::string proc = k.runtime_dir() + "/proc/test_perm/";

  // Readable by others (0444): through both ways.
  Outcome open_cat = as_nobody({"cat", "test_perm/open"});
  EXPECT_EQ(open_cat.status, 0) << open_cat.err;
  EXPECT_EQ(open_cat.out, "open\n");
  Outcome open_fuse = spawn_as(nobody, {"/bin/cat", proc + "open"}).wait();
  EXPECT_EQ(open_fuse.out, "open\n") << open_fuse.err;

  // The owner's only (0400, 0600): refused both ways.
  Outcome secret_cat = as_nobody({"cat", "test_perm/secret"});
  EXPECT_EQ(secret_cat.status, 1);
  EXPECT_TRUE(has(secret_cat.err, "Permission denied")) << secret_cat.err;
  EXPECT_FALSE(has(secret_cat.out, "secret"));
  Outcome secret_fuse = spawn_as(nobody, {"/bin/cat", proc + "secret"}).wait();
  EXPECT_NE(secret_fuse.status, 0);
  EXPECT_TRUE(has(secret_fuse.err, "Permission denied")) << secret_fuse.err;
  Outcome knob_fuse = spawn_as(nobody, {"/bin/sh", "-c", "echo 1 > " + proc + "knob"}).wait();
  EXPECT_NE(knob_fuse.status, 0) << "another user wrote a 0600 entry";
  // ... and the owner still may.
  Outcome secret_owner = k.ukern({"cat", "test_perm/secret"});
  EXPECT_EQ(secret_owner.out, "secret\n") << secret_owner.err;

  // The log: dmesg_restrict.
  Outcome dmesg = as_nobody({"dmesg"});
  EXPECT_EQ(dmesg.status, 1);
  EXPECT_TRUE(has(dmesg.err, "dmesg_restrict")) << dmesg.err;
  EXPECT_EQ(dmesg.out, "");
  EXPECT_EQ(k.ukern({"sysctl", "dmesg_restrict=0"}).status, 0);
  EXPECT_EQ(as_nobody({"dmesg"}).status, 0);

  // A parameter of perm 0 keeps its value from others.
  Outcome info = as_nobody({"modinfo", "test_perm"});
  EXPECT_EQ(info.status, 0) << info.err;
  EXPECT_TRUE(has(info.out, "shown=1")) << info.out;
  EXPECT_FALSE(has(info.out, "hidden=7")) << info.out;
  EXPECT_TRUE(has(k.ukern({"modinfo", "test_perm"}).out, "hidden=7"));

  // Calls in flight name other users' processes.
  k.insmod("test_sleep");
  Spawned sleeper = k.spawn_run({test_bin("sc"), "600", "3000"});
  ASSERT_TRUE(eventually([&] { return has(k.ukern({"ps"}).out, "sc "); })) << k.ukern({"ps"}).out;
  Outcome ps = as_nobody({"ps"});
  EXPECT_EQ(ps.status, 0);
  EXPECT_FALSE(has(ps.out, "ELAPSED")) << ps.out;
}

// Caught: main's attach took any descriptor (a pipe got a success reply and
// a warning in the owner's log).
TEST(Permissions, AttachAcceptsOnlyASeccompListener) {
  Kernel k;
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  int s = ukern::ctl::connect_socket(k.runtime_dir() + "/ctl.sock");
  ASSERT_GE(s, 0);
  ASSERT_TRUE(ukern::ctl::send_request(s, {"attach"}, p[0]));
  int status = -1;
  std::string err;
  while (auto f = ukern::ctl::recv_frame(s)) {
    if (f->kind == 'E') err += f->data;
    if (f->kind == 'X') {
      std::memcpy(&status, f->data.data(), 4);
      break;
    }
  }
  close(s);
  close(p[0]);
  close(p[1]);
  EXPECT_EQ(status, 2);
  EXPECT_TRUE(has(err, "not a seccomp listener")) << err;
  EXPECT_FALSE(has(k.dmesg(), "SYNC_WAKE_UP"));
  // ukern run still works.
  EXPECT_EQ(k.run({test_bin("sc"), "39"}).status, 0);
}
