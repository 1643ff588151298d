// elevator: the course's elevator as a ukern module. Init loads the profile
// (module parameters profile=NAME or profile_file=PATH), allocates the
// floors, registers the system calls and /proc files and starts the car
// thread; exit undoes it and frees every passenger left.
//
// Parameters:
//   profile=NAME       a shipped profile: DIR/elevator/profiles/NAME.profile,
//                      DIR being the folder of elevator.so (default: dorm)
//   profile_file=PATH  any profile file (README.md, "Elevator", has the format)
//   max_waiting=N      issue_request returns -EAGAIN while N wait (0: no limit)
#include <dlfcn.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <string>

#include "elevator.h"
#include "ukern/kthread.h"
#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/slab.h"

namespace elevator {
Elevator g_elevator;
}  // namespace elevator

namespace {

using namespace elevator;

std::string profile;  // empty: dorm
std::string profile_file;
unsigned long max_waiting = 0;
module_param(profile, charp, 0444);
module_param(profile_file, charp, 0444);
module_param(max_waiting, ulong, 0444);
MODULE_PARM_DESC(profile, "shipped profile name: dorm (default), office, dogs, hotel");
MODULE_PARM_DESC(profile_file, "path of a profile file to load instead");
MODULE_PARM_DESC(max_waiting, "issue_request returns -EAGAIN while this many wait (0: no limit)");

// The folder holding this module's .so (found through dladdr).
std::string module_dir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&module_dir), &info) == 0 || info.dli_fname == nullptr) return ".";
  std::string path = info.dli_fname;
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

bool valid_profile_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

// Reads and parses the profile the parameters name; logs why not and returns
// -errno on failure.
int load_profile(Profile& out) {
  std::string path;
  if (!profile_file.empty() && !profile.empty()) {
    printk(KERN_ERR "elevator: give profile= or profile_file=, not both\n");
    return -EINVAL;
  }
  if (profile.empty()) profile = "dorm";
  if (!profile_file.empty()) {
    path = profile_file;
  } else {
    if (!valid_profile_name(profile)) {
      printk(KERN_ERR "elevator: profile=%s: not a profile name (letters, digits, '-' and '_')\n", profile.c_str());
      return -EINVAL;
    }
    path = module_dir() + "/elevator/profiles/" + profile + ".profile";
  }
  std::ifstream in(path);
  if (!in) {
    if (profile_file.empty())
      printk(KERN_ERR "elevator: unknown profile '%s' (no %s)\n", profile.c_str(), path.c_str());
    else
      printk(KERN_ERR "elevator: %s: cannot read the profile file\n", path.c_str());
    return -ENOENT;
  }
  std::stringstream text;
  text << in.rdbuf();
  ProfileResult r = parse_profile(text.str(), path);
  if (!r.ok) {
    printk(KERN_ERR "elevator: %s\n", r.error.c_str());
    return -EINVAL;
  }
  out = r.profile;
  return 0;
}

void free_floors(Elevator& e) {
  kfree(e.floors);
  kfree(e.calls);
  kfree(e.riders_to);
  e.floors = nullptr;
  e.calls = nullptr;
  e.riders_to = nullptr;
}

int __init elevator_init() {
  Elevator& e = g_elevator;
  int rc = load_profile(e.profile);
  if (rc) return rc;
  e.policy = policy_by_name("elevator");
  e.max_waiting = max_waiting;
  const size_t n = static_cast<size_t>(e.profile.floors);
  e.floors = static_cast<Floor*>(kcalloc(n, sizeof(Floor), GFP_KERNEL));
  e.calls = static_cast<FloorCalls*>(kcalloc(n, sizeof(FloorCalls), GFP_KERNEL));
  e.riders_to = static_cast<uint32_t*>(kcalloc(n, sizeof(uint32_t), GFP_KERNEL));
  if (!e.floors || !e.calls || !e.riders_to) {
    free_floors(e);
    return -ENOMEM;
  }
  for (size_t i = 0; i < n; ++i) {
    INIT_LIST_HEAD(&e.floors[i].up);
    INIT_LIST_HEAD(&e.floors[i].down);
    e.calls[i] = FloorCalls{};
  }
  INIT_LIST_HEAD(&e.riders);
  e.thread = kthread_run(car_thread, nullptr, "elevator");
  if (IS_ERR(e.thread)) {
    rc = static_cast<int>(PTR_ERR(e.thread));
    e.thread = nullptr;
    free_floors(e);
    return rc;
  }
  if ((rc = proc_register()) != 0 || (rc = syscalls_register()) != 0) {
    proc_unregister();
    kthread_stop(e.thread);
    free_floors(e);
    return rc;
  }
  printk(KERN_INFO "elevator: loaded, profile %s (%d floors), state OFFLINE\n", e.profile.name, e.profile.floors);
  return 0;
}

void __exit elevator_exit() {
  Elevator& e = g_elevator;
  // No call is in flight any more (rmmod waits for them); stop the car first.
  syscalls_unregister();
  kthread_stop(e.thread);
  proc_unregister();
  uint64_t waiting = 0, aboard = 0, accepted = 0, serviced = 0;
  {
    ukern::MutexGuard g(e.lock);
    accepted = e.accepted;
    serviced = e.serviced;
    free_all_locked(e, waiting, aboard);
  }
  printk(KERN_INFO "elevator: %llu waiting passengers dropped at unload\n", static_cast<unsigned long long>(waiting));
  if (aboard)
    printk(KERN_INFO "elevator: %llu passengers aboard dropped at unload\n", static_cast<unsigned long long>(aboard));
  printk(KERN_INFO "elevator: unloaded: accepted %llu, serviced %llu, dropped %llu\n",
         static_cast<unsigned long long>(accepted), static_cast<unsigned long long>(serviced),
         static_cast<unsigned long long>(waiting + aboard));
  free_floors(e);
}

}  // namespace

module_init(elevator_init);
module_exit(elevator_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("elevator: the course's elevator (start_elevator, issue_request, stop_elevator, /proc/elevator)");
