// Issue 9 (6): the control server stays bounded whatever clients do.
#include <dirent.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness.h"
#include "kernel/ctl/protocol.h"
#include "other_user.h"

using namespace ukern::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int daemon_threads(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  return -1;
}

int daemon_fds(pid_t pid) {
  DIR* d = opendir(("/proc/" + std::to_string(pid) + "/fd").c_str());
  if (!d) return -1;
  int n = 0;
  while (dirent* e = readdir(d)) n += e->d_name[0] != '.';
  closedir(d);
  return n;
}

int connect_to(const Kernel& k) { return ukern::ctl::connect_socket(k.runtime_dir() + "/ctl.sock"); }

}  // namespace

// Caught: main started one thread per connection with no cap and no
// timeout, so idle connections (here 300) made as many threads. Prints the
// counts the lead asked for.
TEST(ControlServer, IdleConnectionsCostNoThreadsAndTimeOut) {
  Kernel k;
  pid_t pid = k.daemon_pid();
  ASSERT_EQ(k.ukern({"ping"}).status, 0);
  int threads_before = daemon_threads(pid), fds_before = daemon_fds(pid);
  std::vector<int> idle;
  for (int i = 0; i < 300; ++i) {
    int s = connect_to(k);
    ASSERT_GE(s, 0);
    idle.push_back(s);
  }
  // One half-sent request among them: two bytes of the length, then nothing.
  ASSERT_EQ(send(idle.back(), "\x08\x00", 2, MSG_NOSIGNAL), 2);
  Outcome ping = k.ukern({"ping"});
  EXPECT_EQ(ping.status, 0) << ping.err;
  int threads_loaded = daemon_threads(pid), fds_loaded = daemon_fds(pid);
  std::printf("ukernd under 300 idle connections: threads %d -> %d, descriptors %d -> %d\n", threads_before,
              threads_loaded, fds_before, fds_loaded);
  EXPECT_LE(threads_loaded, threads_before + 2);
  // The server closes connections that send no request in time.
  char c;
  for (int s : {idle.front(), idle.back()}) {
    timeval tv{30, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    EXPECT_EQ(recv(s, &c, 1, 0), 0) << "an idle connection was not closed by the server";
  }
  for (int s : idle) close(s);
  EXPECT_TRUE(eventually([&] { return daemon_fds(pid) <= fds_before; }, 10000));
}

// Caught: out of descriptors, main's accept loop spun (90% CPU): accept4
// failed with EMFILE at once, again and again. Counted with strace: a
// backing-off server makes a few accept4 calls a second, not thousands.
TEST(ControlServer, OutOfDescriptorsBacksOffAndRecovers) {
  Kernel k;
  pid_t pid = k.daemon_pid();
  int fds_now = daemon_fds(pid);
  ASSERT_EQ(run_process({"/usr/bin/prlimit", "--pid", std::to_string(pid),
                         "--nofile=" + std::to_string(fds_now + 8) + ":"}).status, 0)
      << "prlimit failed";
  std::vector<int> conns;
  for (int i = 0; i < 40; ++i) conns.push_back(connect_to(k));  // queued in the backlog
  Outcome trace = run_process({"/usr/bin/timeout", "-s", "INT", "2", "/usr/bin/strace", "-f", "-c", "-e",
                               "trace=accept4", "-p", std::to_string(pid)});
  size_t at = trace.err.find("accept4");
  ASSERT_NE(at, std::string::npos) << trace.err;
  // strace -c: "% time seconds usecs/call calls errors syscall": calls is the 4th number.
  std::string line = trace.err.substr(trace.err.rfind('\n', at) + 1, at - trace.err.rfind('\n', at) - 1);
  std::istringstream fields(line);
  double pct, secs;
  long usecs, calls = -1;
  fields >> pct >> secs >> usecs >> calls;
  EXPECT_LT(calls, 200) << trace.err;
  for (int s : conns) close(s);
  ASSERT_EQ(run_process({"/usr/bin/prlimit", "--pid", std::to_string(pid), "--nofile=4096:"}).status, 0);
  Outcome ping = k.ukern({"ping"});
  EXPECT_EQ(ping.status, 0) << ping.err;
  EXPECT_TRUE(has(k.dmesg(), "backing off"));
}

// Caught: a failed thread creation (here under an address-space limit) was
// an uncaught std::system_error that killed ukernd.
TEST(ControlServer, FailedThreadCreationKeepsTheKernelAlive) {
  Kernel k;
  pid_t pid = k.daemon_pid();
  ASSERT_EQ(k.ukern({"ping"}).status, 0);
  std::vector<Spawned> followers;
  // Room for allocations (4 MiB), none for another thread stack (8 MiB).
  long vm_kb = 0;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmSize:", 0) == 0) vm_kb = std::stol(line.substr(7));
  ASSERT_GT(vm_kb, 0);
  std::string limit = std::to_string((vm_kb + 4096) * 1024);
  ASSERT_EQ(run_process({"/usr/bin/prlimit", "--pid", std::to_string(pid), "--as=" + limit + ":"}).status, 0)
      << "cannot lower ukernd's address-space limit";
  std::vector<std::string> follow = {bin("ukern"), "dmesg", "-w"};
  for (int i = 0; i < 6; ++i) followers.push_back(spawn_process(follow, k.env()));
  Outcome ping = k.ukern({"ping"}, 5000);  // may wait behind the followers; must not kill ukernd
  (void)ping;
  EXPECT_EQ(kill(pid, 0), 0) << "ukernd died";
  followers.clear();  // kills them
  ASSERT_EQ(run_process({"/usr/bin/prlimit", "--pid", std::to_string(pid), "--as=unlimited:"}).status, 0);
  EXPECT_TRUE(eventually([&] { return k.ukern({"ping"}, 5000).status == 0; }, 20000));
  EXPECT_TRUE(has(k.dmesg(), "cannot start a worker thread")) << "the limit did not bite: the test proves nothing";
}
