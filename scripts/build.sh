#!/usr/bin/env bash
# build.sh DIR [SANITIZER]: configure (once) and build into DIR.
set -euo pipefail
dir=${1:-build}
san=${2:-}
if [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUKERN_SANITIZE="$san" >/dev/null
fi
cmake --build "$dir"
