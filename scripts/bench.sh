#!/usr/bin/env bash
# bench.sh BUILD: the benchmarks, each side by side with its baseline.
# Starts a private kernel in a temporary runtime dir, loads the test module
# the syscall benchmark calls, runs it under `ukern run`, stops the kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
ukern="$build/bin/ukern"
for f in "$ukern" "$build/bench/syscall_bench" "$build/tests/modules/test_count.so"; do
  [ -e "$f" ] || { echo "bench: $f is missing: build first (make)" >&2; exit 1; }
done

dir=$(mktemp -d /tmp/ukern-bench-XXXXXX)
export UKERN_RUNTIME_DIR="$dir"
cleanup() {
  "$ukern" down >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"$ukern" up --syscall-table tests/etc/test_syscall_64.tbl >/dev/null
"$ukern" insmod "$build/tests/modules/test_count.so"

echo "== null system call: ukern vs the bare seccomp notification (the floor) vs native getppid"
echo "   (machine: $(nproc) cores, $(uname -r))"
"$build/bench/syscall_bench" --ukern="$ukern" "$@"
echo
echo "== kernel side: calls that ukernd counted"
"$ukern" syscalls | awk 'NR == 1 || $1 == 601'
echo "(AVG_NS: mean time inside ukernd's dispatch per call; the rest of a ukern"
echo " call is the host's notification round trip, which the floor measures alone)"

# The elevator's scheduling study (no kernel needed: simulated time).
# ELEVATOR_SIM_ARGS narrows it (e.g. "--profile dorm --seeds 5").
if [ -x "$build/bin/elevator-sim" ]; then
  echo
  echo "== elevator scheduling: policies in simulated time (results in $build/sim/)"
  # shellcheck disable=SC2086
  "$build/bin/elevator-sim" --out "$build/sim" ${ELEVATOR_SIM_ARGS:-}
fi
