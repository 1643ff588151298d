#!/usr/bin/env bash
# Installs the Debian packages ukern builds and tests with, if any is missing.
set -euo pipefail
packages=(
  g++ cmake ninja-build pkg-config ccache   # the build
  libseccomp-dev                            # the seccomp filter (entry)
  libfuse3-dev fuse3                        # /proc as a real FUSE mount
  libcli11-dev libfmt-dev                   # the ukern command, formatting
  libgtest-dev libbenchmark-dev             # tests and benchmarks
  strace procps                             # tests (strace -c, ps -L)
  passwd                                    # tests: useradd for a second user
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
