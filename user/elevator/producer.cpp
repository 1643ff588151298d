// producer N [--profile P]: issues N random requests that follow profile P
// (a shipped profile's name, or a profile file's path; default dorm), start
// != destination, and prints each as the course's producer does:
//   Issue (A, B, C) returned R        (the arguments in the order passed)
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "profile.h"
#include "ukern/elevator.h"

namespace {

// A name means BINDIR/../modules/elevator/profiles/NAME.profile (the build
// tree's layout); anything with a '/' or ending in .profile is a path.
std::string profile_path(const std::string& p) {
  if (p.find('/') != std::string::npos || p.ends_with(".profile")) return p;
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  std::string dir = ".";
  if (n > 0) {
    exe[n] = 0;
    dir = exe;
    dir = dir.substr(0, dir.find_last_of('/'));
  }
  return dir + "/../modules/elevator/profiles/" + p + ".profile";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args;
  std::string profile = "dorm";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--profile") == 0 && i + 1 < argc) profile = argv[++i];
    else args.push_back(argv[i]);
  }
  if (args.size() != 1) {
    std::printf("wrong number of args. producer.x num_of_requests\n");
    return 1;
  }
  std::string path = profile_path(profile);
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "producer: cannot read profile %s\n", path.c_str());
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  elevator::ProfileResult r = elevator::parse_profile(text.str(), path);
  if (!r.ok) {
    std::fprintf(stderr, "producer: %s\n", r.error.c_str());
    return 1;
  }
  const elevator::Profile& p = r.profile;
  int count = std::atoi(args[0].c_str());
  std::srand(static_cast<unsigned>(std::time(nullptr)) ^ static_cast<unsigned>(getpid()));
  for (int i = 0; i < count; ++i) {
    int type = p.types[std::rand() % p.type_count].number;
    int start = std::rand() % p.floors + 1;
    int dest = std::rand() % (p.floors - 1) + 1;
    if (dest >= start) ++dest;  // any floor but start
    int a[3];
    for (int k = 0; k < 3; ++k)
      a[k] = p.args[k] == elevator::Arg::Start ? start : p.args[k] == elevator::Arg::Dest ? dest : type;
    long ret = issue_request(a[0], a[1], a[2]);
    std::printf("Issue (%d, %d, %d) returned %ld\n", a[0], a[1], a[2], ret);
  }
  return 0;
}
