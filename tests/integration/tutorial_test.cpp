// docs/tutorial-add-a-syscall.md runs as written: its `sh` blocks, in
// order, in one shell, from a directory laid out like a built checkout;
// each block's output must show the `text` block that follows it.
#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

namespace {

struct Block {
  std::string commands;
  std::string expected;  // the `text` block after it, or ""
};

/// The ```sh blocks of a markdown text, each with the ```text block that
/// follows it (before the next sh block), if any.
std::vector<Block> command_blocks(const std::string& markdown) {
  std::vector<Block> blocks;
  std::istringstream in(markdown);
  std::string line, *into = nullptr;
  bool in_fence = false;
  while (std::getline(in, line)) {
    if (!in_fence && line.rfind("```", 0) == 0) {
      in_fence = true;
      std::string lang = line.substr(3);
      if (lang == "sh") {
        blocks.push_back({});
        into = &blocks.back().commands;
      } else if (lang == "text" && !blocks.empty() && blocks.back().expected.empty()) {
        into = &blocks.back().expected;
      } else {
        into = nullptr;
      }
    } else if (in_fence && line == "```") {
      in_fence = false;
      into = nullptr;
    } else if (in_fence && into != nullptr) {
      *into += line + "\n";
    }
  }
  return blocks;
}

/// `pattern` matches `line` as a whole, each "..." standing for any text.
bool line_matches(const std::string& pattern, const std::string& line) {
  std::vector<std::string> pieces;
  size_t from = 0;
  for (size_t at; (at = pattern.find("...", from)) != std::string::npos; from = at + 3)
    pieces.push_back(pattern.substr(from, at - from));
  pieces.push_back(pattern.substr(from));
  if (pieces.size() == 1) return line == pattern;
  if (line.rfind(pieces.front(), 0) != 0) return false;
  size_t pos = pieces.front().size();
  for (size_t i = 1; i + 1 < pieces.size(); ++i) {
    pos = line.find(pieces[i], pos);
    if (pos == std::string::npos) return false;
    pos += pieces[i].size();
  }
  const std::string& last = pieces.back();
  return line.size() >= pos + last.size() && line.compare(line.size() - last.size(), last.size(), last) == 0;
}

/// Every non-empty line of `expected` matches a line of `output`, in order.
/// Returns the first expected line that does not, or "".
std::string first_unmatched(const std::string& expected, const std::string& output) {
  std::istringstream want(expected), got(output);
  std::string w, g;
  while (std::getline(want, w)) {
    if (w.empty()) continue;
    bool found = false;
    while (!found && std::getline(got, g)) found = line_matches(w, g);
    if (!found) return w;
  }
  return "";
}

}  // namespace

TEST(TutorialMatcher, WildcardsAndOrder) {
  EXPECT_TRUE(line_matches("[...] say: hi (from x)", "[    1.234] say: hi (from x)"));
  EXPECT_FALSE(line_matches("[...] say: hi (from x)", "[    1.234] say: hi (from y)"));
  EXPECT_TRUE(line_matches("up (pid ...), dir ...", "up (pid 12), dir /tmp/a"));
  EXPECT_FALSE(line_matches("exact", "exact and more"));
  EXPECT_EQ(first_unmatched("a\nb\n", "x\na\ny\nb\n"), "");
  EXPECT_EQ(first_unmatched("b\na\n", "a\nb\n"), "a");
  auto blocks = command_blocks("```sh\necho 1\n```\n```text\n1\n```\n```c\nint x;\n```\n```sh\ntrue\n```\n");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].commands, "echo 1\n");
  EXPECT_EQ(blocks[0].expected, "1\n");
  EXPECT_EQ(blocks[1].expected, "");
}

TEST(Tutorial, AddASystemCallInFiveMinutesRunsAsWritten) {
  std::ifstream doc(source_dir() + "/docs/tutorial-add-a-syscall.md");
  ASSERT_TRUE(doc.good());
  auto blocks = command_blocks(std::string((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>()));
  ASSERT_GE(blocks.size(), 12u) << "the tutorial lost its command blocks";

  // A checkout as the reader has it after `make`: build/, include/, etc/.
  char tmpl[] = "/tmp/ukern-tutorial-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string root = tmpl;
  for (const auto& [name, target] : std::vector<std::pair<std::string, std::string>>{
           {"build", build_dir()}, {"include", source_dir() + "/include"}, {"etc", source_dir() + "/etc"}})
    ASSERT_EQ(symlink(target.c_str(), (root + "/" + name).c_str()), 0);

  // One shell for all blocks (they share variables and the directory); a
  // marker with the status of each block's last command separates outputs.
  // Whatever happens, the tutorial's kernel goes down at the end.
  std::string script =
      "exec 2>&1\nunset UKERN_RUNTIME_DIR\ncd '" + root +
      "'\ntrap 'if [ -n \"$UKERN_RUNTIME_DIR\" ]; then ukern down >/dev/null 2>&1; fi' EXIT\n";
  for (size_t i = 0; i < blocks.size(); ++i)
    script += blocks[i].commands + "printf '\\n@@@ %d %d\\n' " + std::to_string(i) + " $?\n";
  auto r = run_process({"/bin/bash", "-c", script}, {}, 120000);
  EXPECT_EQ(r.status, 0) << r.out;

  size_t from = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    std::string marker = "\n@@@ " + std::to_string(i) + " ";
    size_t at = r.out.find(marker, from);
    ASSERT_NE(at, std::string::npos) << "block " << i << " did not finish:\n" << blocks[i].commands << "\n" << r.out;
    std::string output = r.out.substr(from, at - from);
    int status = std::atoi(r.out.c_str() + at + marker.size());
    from = r.out.find('\n', at + 1) + 1;
    EXPECT_EQ(status, 0) << "block " << i << ":\n" << blocks[i].commands << "printed:\n" << output;
    EXPECT_EQ(first_unmatched(blocks[i].expected, output), "")
        << "block " << i << ":\n" << blocks[i].commands << "printed:\n" << output;
  }
  std::string cmd = "rm -rf '" + root + "'";
  EXPECT_EQ(system(cmd.c_str()), 0);
}
