#!/bin/sh
# compat_symbols.sh INCLUDE_DIR UKERND: every kernel function the C compat
# headers bind to (their __asm__("ukern_c_...") names and the ukern_c_*
# functions they call) is exported by ukernd, so a C module that builds also
# loads: nothing is missing at run time.
set -eu
inc=$1
ukernd=$2
exported=$(mktemp)
trap 'rm -f "$exported"' EXIT
nm -D --defined-only "$ukernd" | awk '$2 == "T" { print $3 }' | sort -u >"$exported"
wanted=$( (grep -rhoE '__asm__\("ukern_c_[a-z0-9_]+"\)' "$inc" | sed -E 's/__asm__\("(.*)"\)/\1/'
           grep -rhoE '\bukern_c_[a-z0-9_]+\(' "$inc" | tr -d '(') | sort -u)
missing=0
for sym in $wanted; do
  if ! grep -qx "$sym" "$exported"; then
    echo "missing in ukernd: $sym"
    missing=1
  fi
done
exit $missing
