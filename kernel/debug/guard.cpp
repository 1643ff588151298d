// The guard around module code, and oops reports.
//
// run_module_code keeps a sigsetjmp frame per thread. A fault (SIGSEGV,
// SIGBUS, SIGFPE, SIGILL) while a frame is active is recorded by the
// handler (signal number, address, registers, the raw call trace: all
// async-signal-safe) and jumps back to the frame; the report is written
// there, outside the handler. A fault outside module code is a bug in
// ukernd itself and gets the default action (a core dump).
#include "kernel/debug/guard.h"

#include <execinfo.h>
#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "kernel/boot.h"
#include "kernel/debug/interrupts.h"
#include "kernel/debug/oops.h"
#include "kernel/debug/symbolize.h"
#include "kernel/entry/task.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

constexpr int kMaxFrames = 48;
constexpr size_t kAltStackSize = 64 * 1024;

struct GuardFrame {
  sigjmp_buf env;
  Module* owner;
  const char* what;
  GuardFrame* prev;
  // Filled by the fault handler.
  int signo;
  int code;
  void* addr;
  greg_t regs[NGREG];
  sigset_t mask;  // the thread's signal mask when the fault came
  void* frames[kMaxFrames];
  int nframes;
};

thread_local GuardFrame* t_frame = nullptr;
thread_local Module* t_module = nullptr;
std::atomic<int> g_oops_count{0};
std::atomic<bool> g_handlers_installed{false};

// Each thread that runs module code gets an alternate signal stack, so a
// stack overflow in a module is reported too. Freed when the thread exits.
struct AltStack {
  std::unique_ptr<char[]> mem;
  AltStack() : mem(new char[kAltStackSize]) {
    stack_t ss{};
    ss.ss_sp = mem.get();
    ss.ss_size = kAltStackSize;
    sigaltstack(&ss, nullptr);
  }
  ~AltStack() {
    stack_t ss{};
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, nullptr);
  }
};

void ensure_altstack() {
  thread_local AltStack stack;
  (void)stack;
}

void on_fault(int sig, siginfo_t* si, void* uctx) {
  GuardFrame* f = t_frame;
  if (f == nullptr) {
    // Not module code: ukernd's own bug. Default action, as if never caught.
    signal(sig, SIG_DFL);
    return;
  }
  f->signo = sig;
  f->code = si->si_code;
  f->addr = si->si_addr;
  auto* uc = static_cast<ucontext_t*>(uctx);
  std::memcpy(f->regs, uc->uc_mcontext.gregs, sizeof f->regs);
  f->mask = uc->uc_sigmask;
  f->nframes = backtrace(f->frames, kMaxFrames);
  siglongjmp(f->env, 1);
}

const char* fault_title(const GuardFrame& f) {
  switch (f.signo) {
    case SIGSEGV: return f.code == SEGV_MAPERR ? "BUG: unable to handle page fault" : "general protection fault";
    case SIGBUS: return "bus error";
    case SIGFPE: return "divide error";
    case SIGILL: return "invalid opcode";
    default: return "unexpected trap";
  }
}

std::string format_oops(const GuardFrame& f, int number) {
  Task& t = current();
  const greg_t* r = f.regs;
  auto u = [](greg_t v) { return static_cast<uint64_t>(v); };
  std::string s;
  if (f.signo == SIGSEGV) {
    s += fmt::format("{} for address: {:016x}\n", fault_title(f), reinterpret_cast<uintptr_t>(f.addr));
    s += fmt::format("#PF: {} access in module code\n", f.code == SEGV_ACCERR ? "protection" : "not-present page");
  } else {
    s += fmt::format("{} at address {:016x}\n", fault_title(f), reinterpret_cast<uintptr_t>(f.addr));
  }
  s += fmt::format("Oops: {:04x} [#{}] SMP\n", f.code, number);
  s += fmt::format("CPU: 0 PID: {} Comm: {} Tainted: G      D    O   ukern\n", t.tid(), t.comm());
  s += fmt::format("In: {} of module {}\n", f.what ? f.what : "?", module_name(f.owner));
  s += fmt::format("RIP: {}\n", symbolize(reinterpret_cast<void*>(r[REG_RIP])));
  s += fmt::format("RSP: {:016x} EFLAGS: {:08x}\n", u(r[REG_RSP]), u(r[REG_EFL]));
  s += fmt::format("RAX: {:016x} RBX: {:016x} RCX: {:016x}\n", u(r[REG_RAX]), u(r[REG_RBX]), u(r[REG_RCX]));
  s += fmt::format("RDX: {:016x} RSI: {:016x} RDI: {:016x}\n", u(r[REG_RDX]), u(r[REG_RSI]), u(r[REG_RDI]));
  s += fmt::format("RBP: {:016x} R08: {:016x} R09: {:016x}\n", u(r[REG_RBP]), u(r[REG_R8]), u(r[REG_R9]));
  s += fmt::format("R10: {:016x} R11: {:016x} R12: {:016x}\n", u(r[REG_R10]), u(r[REG_R11]), u(r[REG_R12]));
  s += fmt::format("R13: {:016x} R14: {:016x} R15: {:016x}\n", u(r[REG_R13]), u(r[REG_R14]), u(r[REG_R15]));
  s += fmt::format("Modules linked in: {}\n", module_names_linked());
  s += "Call Trace:\n <TASK>\n";
  // The raw trace starts in the handler (after any sanitizer interceptor),
  // then the signal trampoline, then the faulting function (RIP above) and
  // its callers, up to the guard.
  std::vector<std::string> names;
  for (int i = 0; i < f.nframes; ++i) names.push_back(symbolize(f.frames[i]));
  for (size_t i = first_frame_after_signal(names, "on_fault"); i < names.size(); ++i) {
    s += " " + names[i] + "\n";
    if (names[i].find("run_module_code") != std::string::npos) break;
  }
  s += " </TASK>\n";
  s += fmt::format("---[ end trace {:016x} ]---\n", static_cast<uint64_t>(number));
  return s;
}

Result<void> debug_boot(const RuntimePaths&, std::string*) {
  // backtrace() loads libgcc on first use, which is not safe in a handler.
  void* warm[2];
  backtrace(warm, 2);
  struct sigaction sa {};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) sigaction(sig, &sa, nullptr);
  g_handlers_installed = true;
  return {};
}

UKERN_SUBSYSTEM(oops, 1, debug_boot, nullptr);

}  // namespace

long run_module_code(Module* owner, const char* what, long (*fn)(void*), void* arg, long on_oops) {
  ensure_altstack();
  GuardFrame frame;
  frame.owner = owner;
  frame.what = what;
  frame.prev = t_frame;
  Module* prev_module = t_module;
  t_module = owner;
  // volatile: read after a longjmp back into this frame.
  volatile long result = on_oops;
  // The signal mask is not saved here (that is a host system call on every
  // call into a module); the fault path restores the mask the thread had
  // when it faulted, which the handler took from its ucontext.
  if (sigsetjmp(frame.env, 0) == 0) {
    t_frame = &frame;
    result = fn(arg);
    t_frame = frame.prev;
  } else {
    pthread_sigmask(SIG_SETMASK, &frame.mask, nullptr);
    t_frame = frame.prev;
    int n = g_oops_count.fetch_add(1) + 1;
    interrupt_counters().exception.fetch_add(1);
    if (owner) owner->oopsed = true;  // we hold a reference: owner is alive
    std::string report = format_oops(frame, n);
    oops_record(report);
    printk(KERN_ALERT "%s", report.c_str());
  }
  t_module = prev_module;
  return result;
}

Module* current_module() { return t_module; }

int oops_count() { return g_oops_count.load(); }

}  // namespace ukern
