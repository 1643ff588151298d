#!/usr/bin/env bash
# make demo: a kernel of its own, modules loaded and unloaded, real programs
# calling them through real system calls; then the elevator, live.
set -uo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
B="$build/bin"
export UKERN_RUNTIME_DIR=$(mktemp -d /tmp/ukern-demo-XXXXXX)
trap '$B/ukern down >/dev/null 2>&1; rm -rf "$UKERN_RUNTIME_DIR"' EXIT

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

say $B/ukern up --time-scale 10
say $B/ukern run $B/test_newsyscall
say $B/ukern insmod test_newsyscall
say $B/ukern insmod newsyscall
say $B/ukern insmod show_mult
say $B/ukern lsmod
say $B/ukern run $B/test_newsyscall
say $B/ukern run $B/test_newsyscall_static
say $B/ukern run $B/newsyscall
say $B/ukern run $B/show_mult 6 7
say $B/ukern run $B/show_mult 65536 65536
say $B/ukern rmmod test_newsyscall
say $B/ukern run $B/test_newsyscall

# The lecture's task info and page-table walk, on real data of this machine
say $B/ukern insmod taskinfo
say $B/ukern insmod va2pa
say $B/ukern run $B/gettaskinfo 1
say $B/ukern run $B/va2pa 42

# /proc: a real FUSE mount, read with ordinary tools
say $B/ukern insmod xtime
say cat $UKERN_RUNTIME_DIR/proc/timed
sleep 0.2
say cat $UKERN_RUNTIME_DIR/proc/timed
say cat $UKERN_RUNTIME_DIR/proc/modules
say cat $UKERN_RUNTIME_DIR/proc/syscalls
say cat $UKERN_RUNTIME_DIR/proc/interrupts

# Kernel debugging with the deliberately broken example module
say $B/ukern insmod buggy
say sh -c "echo oops > $UKERN_RUNTIME_DIR/proc/buggy"
say sh -c "echo deadlock > $UKERN_RUNTIME_DIR/proc/buggy"
say sh -c "echo leak > $UKERN_RUNTIME_DIR/proc/buggy"
say $B/ukern run $B/show_mult 3 4
say $B/ukern ps
say $B/ukern rmmod buggy
say $B/ukern syscalls
say $B/ukern dmesg
say $B/ukern down
rm -rf "$UKERN_RUNTIME_DIR"

# ---- The elevator (the course's Project 2), live ----
# A fresh kernel at 4x time (a floor takes 0.5 s instead of 2 s), requests
# while OFFLINE, the car started, producers in the background, elevator-top
# (in a terminal; in a pipe, a plain-text frame every 8 kernel seconds), a
# stop that drains to OFFLINE, and the summary.
export UKERN_RUNTIME_DIR=$(mktemp -d /tmp/ukern-demo-XXXXXX)
producers=""
trap 'kill $producers 2>/dev/null; $B/ukern down >/dev/null 2>&1; rm -rf "$UKERN_RUNTIME_DIR"' EXIT
note() { printf '\n\033[2m# %s\033[0m\n' "$*"; }
elevator_state() { sed -n 's/^Elevator state: //p' "$UKERN_RUNTIME_DIR/proc/elevator" 2>/dev/null; }

say $B/ukern up --time-scale 4
say $B/ukern insmod elevator
note "The elevator of the course's Project 2: three system calls, a kernel thread moving the car, /proc/elevator"
say $B/ukern run $B/producer 10
note "Requests issued while OFFLINE wait on their floors for the start:"
say $B/elevator-top --once
say $B/ukern run $B/consumer --start
note "Producers keep issuing requests in the background; elevator-top shows the building"
(for i in $(seq 12); do $B/ukern run $B/producer 4 >/dev/null; sleep 2; done) &
producers=$!
if [ -t 0 ] && [ -t 1 ]; then
  say $B/elevator-top --duration 30   # q leaves it early
else
  for i in $(seq 12); do sleep 2; say $B/elevator-top --once; done   # every 8 kernel seconds
fi
kill $producers 2>/dev/null; wait $producers 2>/dev/null   # (q may end the view early)
note "Stop: nobody boards any more, the riders are carried to their floors, then OFFLINE"
say $B/ukern run $B/consumer --stop
for i in $(seq 300); do [ "$(elevator_state)" = OFFLINE ] && break; sleep 0.1; done
say $B/elevator-top --once
awk '/^(serviced|boarded|waiting|total_wait_ns) / { v[$1] = $2 }
     END { printf "\nSummary: served %d, still waiting %d, average wait %.1f s (kernel clock: %.1f s real at 4x)\n",
                  v["serviced"], v["waiting"], v["boarded"] ? v["total_wait_ns"] / v["boarded"] / 1e9 : 0,
                  v["boarded"] ? v["total_wait_ns"] / v["boarded"] / 4e9 : 0 }' "$UKERN_RUNTIME_DIR/proc/elevator_stats"
say $B/ukern rmmod elevator
say sh -c "$B/ukern dmesg | grep elevator:"
say $B/ukern down
trap 'rm -rf "$UKERN_RUNTIME_DIR"' EXIT
