// Faults in module code become oops reports; the kernel keeps serving.
#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

namespace {

std::string call(const Kernel& k, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {test_bin("callnr")};
  argv.insert(argv.end(), args.begin(), args.end());
  return k.run(argv).out;
}

}  // namespace

TEST(Oops, NullDereferenceInHandlerIsReportedAndCallGetsEfault) {
  Kernel k;
  k.insmod("test_fault");
  k.insmod(build_dir() + "/modules/test_newsyscall.so");
  EXPECT_EQ(call(k, {"602", "0"}), "ret=-1 errno=14\n");  // EFAULT
  std::string log = k.dmesg();
  EXPECT_NE(log.find("BUG: unable to handle page fault for address: 0000000000000000"), std::string::npos) << log;
  EXPECT_NE(log.find("Oops: "), std::string::npos);
  EXPECT_NE(log.find("Comm: callnr"), std::string::npos) << log;
  EXPECT_NE(log.find("RIP: fault_null_read+0x"), std::string::npos) << log;
  EXPECT_NE(log.find("[test_fault]"), std::string::npos);
  EXPECT_NE(log.find("Modules linked in: test_fault(D) test_newsyscall"), std::string::npos) << log;
  EXPECT_NE(log.find("Call Trace:"), std::string::npos);
  // The trace holds the faulting function and its callers in the module
  // (which ones depends on inlining), then the kernel's entry into it.
  std::string trace = log.substr(log.find("Call Trace:"));
  trace = trace.substr(0, trace.find("</TASK>"));
  size_t module_frames = 0;
  for (size_t p = 0; (p = trace.find("[test_fault]", p)) != std::string::npos; ++p) ++module_frames;
  EXPECT_GE(module_frames, 2u) << trace;
  EXPECT_NE(trace.find(" fault_null_read+0x"), std::string::npos) << trace;
  EXPECT_EQ(trace.find("on_fault"), std::string::npos) << "the handler's own frames are left out\n" << trace;
  EXPECT_NE(trace.find("run_module_code"), std::string::npos) << trace;
  EXPECT_NE(log.find("---[ end trace"), std::string::npos);

  // The kernel, the module and other modules keep serving.
  EXPECT_EQ(call(k, {"602", "4"}), "ret=42 errno=0\n");
  EXPECT_EQ(call(k, {"337", "7"}), "ret=7 errno=0\n");
  EXPECT_NE(k.ukern({"modinfo", "test_fault"}).out.find("oopsed:         yes"), std::string::npos);
  k.rmmod("test_fault");
}

TEST(Oops, EachFaultKindHasItsTitle) {
  Kernel k;
  k.insmod("test_fault");
  EXPECT_EQ(call(k, {"602", "1"}), "ret=-1 errno=14\n");
  EXPECT_EQ(call(k, {"602", "2"}), "ret=-1 errno=14\n");
  EXPECT_EQ(call(k, {"602", "3"}), "ret=-1 errno=14\n");
  std::string log = k.dmesg();
  EXPECT_NE(log.find("#PF: protection access"), std::string::npos) << log;
  EXPECT_NE(log.find("divide error"), std::string::npos) << log;
  EXPECT_NE(log.find("invalid opcode"), std::string::npos) << log;
  EXPECT_NE(log.find("Oops: "), std::string::npos);
  EXPECT_NE(log.find("[#3]"), std::string::npos) << "oopses are numbered";
  EXPECT_EQ(call(k, {"602", "4"}), "ret=42 errno=0\n");
}
