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
say $B/ukern syscalls
say $B/ukern dmesg
say $B/ukern down
trap 'rm -rf "$UKERN_RUNTIME_DIR"' EXIT
