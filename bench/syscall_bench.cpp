// syscall_bench: the cost of a null ukern system call, side by side with a
// native call and a host number that nothing implements, in one run.
//
// Run it under `ukern run` with test_count loaded (scripts/bench.sh does):
//   ukern-null   syscall(601, 2): test_count's null op, a full trip through
//                the seccomp user notification, ukernd's dispatch and back
//   getppid      a native system call (the host kernel answers)
//   host-enosys  syscall(500): not trapped, not implemented: the host's
//                ENOSYS path, the cheapest possible kernel entry
//
// First a percentile pass (each call timed on its own with the vDSO's
// clock_gettime, N calls per kind, interleaved in blocks so drift hits all
// three alike), then the same three as Google Benchmark benchmarks (mean
// time per call). Options: --calls=N (percentile pass, default 200000),
// then any --benchmark_* flag.
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

namespace {

constexpr long kUkernNull = 601;  // test_count
constexpr long kNullOp = 2;
constexpr long kHostUnimplemented = 500;

long ukern_null() { return syscall(kUkernNull, kNullOp); }
long native_getppid() { return syscall(SYS_getppid); }
long host_enosys() { return syscall(kHostUnimplemented); }

struct Kind {
  const char* name;
  long (*call)();
  std::vector<uint32_t> ns;
};

inline uint64_t now_ns() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<uint64_t>(t.tv_sec) * 1'000'000'000ull + static_cast<uint64_t>(t.tv_nsec);
}

// The cost of the timing itself (two clock reads), subtracted from nothing:
// reported so the reader can judge the smallest numbers.
uint64_t clock_overhead_ns() {
  std::vector<uint32_t> v(10000);
  for (auto& x : v) {
    uint64_t a = now_ns();
    x = static_cast<uint32_t>(now_ns() - a);
  }
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

double percentile(std::vector<uint32_t>& v, double p) {
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
  return v[i];
}

void percentile_pass(long calls) {
  std::vector<Kind> kinds = {{"getppid (native)", native_getppid, {}},
                             {"ukern-null (601)", ukern_null, {}},
                             {"host-enosys (500)", host_enosys, {}}};
  constexpr long kBlock = 1000;
  for (auto& k : kinds) {
    k.ns.reserve(static_cast<size_t>(calls));
    for (int i = 0; i < 2000; ++i) k.call();  // warm up
  }
  for (long done = 0; done < calls; done += kBlock) {
    for (auto& k : kinds) {
      for (long i = 0; i < kBlock && done + i < calls; ++i) {
        uint64_t a = now_ns();
        k.call();
        k.ns.push_back(static_cast<uint32_t>(std::min<uint64_t>(now_ns() - a, UINT32_MAX)));
      }
    }
  }
  std::printf("percentiles over %ld calls each (clock read pair: %llu ns)\n", calls,
              static_cast<unsigned long long>(clock_overhead_ns()));
  std::printf("%-20s %10s %10s %10s %10s %12s\n", "call", "p50 ns", "p99 ns", "p99.9 ns", "mean ns", "p50/getppid");
  double base = 0;
  std::vector<double> p50s;
  for (auto& k : kinds) {
    double sum = 0;
    for (auto x : k.ns) sum += x;
    double mean = sum / static_cast<double>(k.ns.size());
    double p50 = percentile(k.ns, 0.50), p99 = percentile(k.ns, 0.99), p999 = percentile(k.ns, 0.999);
    if (k.call == native_getppid) base = p50;
    p50s.push_back(p50);
    std::printf("%-20s %10.0f %10.0f %10.0f %10.0f %11.1fx\n", k.name, p50, p99, p999, mean, base > 0 ? p50 / base : 1.0);
  }
  std::printf("ukern-null p50 / getppid p50 = %.1fx (target: within 30x)\n", base > 0 ? p50s[1] / base : 0.0);
  std::fflush(stdout);
}

void BM_UkernNull(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(ukern_null());
}
void BM_Getppid(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(native_getppid());
}
void BM_HostEnosys(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(host_enosys());
}
BENCHMARK(BM_UkernNull);
BENCHMARK(BM_Getppid);
BENCHMARK(BM_HostEnosys);

}  // namespace

int main(int argc, char** argv) {
  long calls = 200000;
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--calls=", 8) == 0) calls = std::atol(argv[i] + 8);
    else rest.push_back(argv[i]);
  }
  // Refuse to measure the wrong thing: outside ukern (or without
  // test_count) 601 is ENOSYS from the host or from ukernd.
  errno = 0;
  if (long r = ukern_null(); r != 0) {
    std::fprintf(stderr,
                 "syscall_bench: syscall(601, 2) answered %ld (%s): run it under 'ukern run' with "
                 "test_count loaded (scripts/bench.sh does)\n",
                 r, std::strerror(errno));
    return 1;
  }
  if (host_enosys() != -1 || errno != ENOSYS) {
    std::fprintf(stderr, "syscall_bench: syscall(500) is not ENOSYS here\n");
    return 1;
  }
  if (calls > 0) percentile_pass(calls);
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
