// elevator-top against a real kernel: --once drawing the real module in
// each layout (found from the file alone), its messages without the module
// and without a kernel, and the live view in a real terminal (tmux).
#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

namespace {

Outcome top_once(const std::string& runtime_dir) {
  return run_process({bin("elevator-top"), "--once", "--runtime-dir", runtime_dir, "--width", "100"});
}

std::string read_proc(const Kernel& k, const std::string& name) {
  std::ifstream in(k.runtime_dir() + "/proc/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "[ ] Floor N: COUNT ..." of /proc/elevator: floor -> count.
std::map<int, long> proc_floor_counts(const std::string& text) {
  std::map<int, long> counts;
  std::regex floor_re(R"(^\[[ *]\] Floor (\d+): (\d+))");
  std::istringstream in(text);
  std::string line;
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_search(line, m, floor_re)) counts[std::stoi(m[1])] = std::stol(m[2]);
  return counts;
}

// The frame's floor rows ("NN |shaft|  COUNT riders"): floor -> count.
std::map<int, long> frame_floor_counts(const std::string& frame) {
  std::map<int, long> counts;
  std::regex row_re(R"(^ *(\d+) \|[^|]*\|[ <]+(\d+))");
  std::istringstream in(frame);
  std::string line;
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_search(line, m, row_re)) counts[std::stoi(m[1])] = std::stol(m[2]);
  return counts;
}

std::string proc_value(const std::string& text, const std::string& key) {
  std::regex re("(^|\n)" + key + ": ([^\n]*)");
  std::smatch m;
  return std::regex_search(text, m, re) ? m[2].str() : "";
}

/// A tmux server of the test's own (socket in the kernel's runtime dir),
/// killed at the end of the test.
class Tmux {
 public:
  explicit Tmux(std::string socket) : socket_(std::move(socket)) {}
  ~Tmux() { run({"kill-server"}); }
  Outcome run(std::vector<std::string> args) const {
    std::vector<std::string> argv = {"/usr/bin/tmux", "-S", socket_, "-f", "/dev/null"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {"TERM=xterm"}, 10000);
  }
  std::string screen() const { return run({"capture-pane", "-p", "-t", "top"}).out; }

 private:
  std::string socket_;
};

}  // namespace

TEST(ElevatorTop, OnceWithoutTheModuleSaysItIsNotLoaded) {
  Kernel k;
  Outcome o = top_once(k.runtime_dir());
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find("elevator module is not loaded"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("ukern insmod elevator"), std::string::npos) << o.err;
}

TEST(ElevatorTop, OnceWithoutAKernelSaysSo) {
  char dir[] = "/tmp/eltop-nokernel-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  Outcome o = top_once(dir);
  rmdir(dir);
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find("No ukern kernel is running in " + std::string(dir)), std::string::npos) << o.err;
  Outcome file = run_process({bin("elevator-top"), "--once", "--file", std::string(dir) + "/missing"});
  EXPECT_EQ(file.status, 1);
  EXPECT_NE(file.err.find("No such file or directory"), std::string::npos) << file.err;
}

TEST(ElevatorTop, OnceRefusesAFileThatIsNotTheLayoutNamingTheLine) {
  char path[] = "/tmp/eltop-garbage-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  const std::string text = "Elevator state: IDLE\nCurrent floor: 1\nCurrent load: 0 lbs\nElevator status:\n\n"
                           "[*] Floor 2: many\n";
  ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  close(fd);
  Outcome o = run_process({bin("elevator-top"), "--once", "--file", path});
  unlink(path);
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find("line 6:"), std::string::npos) << o.err;
}

// Requests issued while OFFLINE stay put, so the file and the frame show the
// same state: every floor, its count, the totals, each profile's words.
TEST(ElevatorTop, OnceDrawsTheRealModuleInEachLayout) {
  Kernel k;
  struct Case {
    std::string profile, noun;
    int floors;
  } cases[] = {{"dorm", "Passengers", 6}, {"dogs", "Pets", 5}, {"hotel", "Passengers", 10}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.profile);
    k.insmod("elevator", {"profile=" + c.profile});
    Outcome prod = k.run({bin("producer"), "30", "--profile", c.profile});
    ASSERT_EQ(prod.status, 0) << prod.err;
    const std::string proc = read_proc(k, "elevator");
    Outcome o = top_once(k.runtime_dir());
    ASSERT_EQ(o.status, 0) << o.err;
    auto want = proc_floor_counts(proc), got = frame_floor_counts(o.out);
    EXPECT_EQ(static_cast<int>(want.size()), c.floors) << proc;
    EXPECT_EQ(got, want) << o.out << "\n---\n" << proc;
    long total = 0;
    for (auto [floor, n] : want) total += n;
    EXPECT_EQ(total, 30);
    EXPECT_NE(o.out.find(c.noun + " aboard: 0"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("waiting: 30"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("State: OFFLINE"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("Load: " + proc_value(proc, "Current load")), std::string::npos) << o.out;
    EXPECT_EQ(o.out.find("Next floor") != std::string::npos, c.profile == "hotel") << o.out;
    k.rmmod("elevator");
  }
}

TEST(ElevatorTop, LiveViewInATerminalFollowsTheModuleAndQuitsOnQ) {
  Kernel k(Kernel::Options{.time_scale = 20});
  Tmux tmux(k.runtime_dir() + "/tmux.sock");
  Outcome started = tmux.run({"new-session", "-d", "-s", "top", "-x", "100", "-y", "40",
                              bin("elevator-top") + " --runtime-dir " + k.runtime_dir()});
  ASSERT_EQ(started.status, 0) << started.err;
  std::string screen;
  auto shows = [&](const std::string& what) {
    return eventually([&] { return (screen = tmux.screen()).find(what) != std::string::npos; }, 15000);
  };
  EXPECT_TRUE(shows("elevator module is not loaded")) << screen;

  k.insmod("elevator");
  EXPECT_TRUE(shows("State: OFFLINE")) << screen;
  EXPECT_TRUE(shows("module loaded")) << screen;
  for (int f = 1; f <= 6; ++f) EXPECT_NE(screen.find("\n" + std::to_string(f) + " |"), std::string::npos) << screen;
  ASSERT_EQ(k.run({bin("producer"), "8"}).status, 0);
  ASSERT_EQ(k.run({bin("consumer"), "--start"}).status, 0);
  EXPECT_TRUE(shows("started")) << screen;
  EXPECT_TRUE(shows("boarded")) << screen;
  EXPECT_TRUE(shows("delivered")) << screen;

  k.rmmod("elevator");
  EXPECT_TRUE(shows("elevator module was unloaded")) << screen;
  EXPECT_TRUE(shows("module unloaded")) << screen;
  k.insmod("elevator", {"profile=hotel"});
  EXPECT_TRUE(shows("Next floor")) << screen;  // back, with the new layout

  tmux.run({"send-keys", "-t", "top", "q"});
  EXPECT_TRUE(eventually([&] { return tmux.run({"has-session", "-t", "top"}).status != 0; }, 10000))
      << "elevator-top did not quit on q";
}
