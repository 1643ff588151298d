#!/usr/bin/env bash
# make demo: a kernel of its own, modules loaded and unloaded, real programs
# calling them through real system calls.
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
trap 'rm -rf "$UKERN_RUNTIME_DIR"' EXIT
